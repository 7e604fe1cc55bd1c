// The `gvajs` command: build, check, launch, init, help, --version.
// Exit codes: 0 done, 1 failed (build, type or pipeline errors), 2 usage
// error. Errors go to stderr; stdout carries only a command's output.
// Each command's module (esbuild, the TypeScript compiler) loads only when
// the command runs, so help, usage errors and --version answer at once.
import { parseArgs } from "node:util";
import { CliError, UsageError, formatDiagnostic, type Diagnostic } from "./diagnostics.js";
import { versionReport } from "./plugin.js";

/** One option: what parseArgs needs, plus its line in the help. */
interface Option {
  type: "boolean" | "string";
  short?: string;
  /** The value's name in the help, for string options. */
  value?: string;
  help: string;
}

type Values = Record<string, string | boolean | undefined>;

interface Command {
  /** What follows `gvajs NAME` in the usage line. */
  synopsis: string;
  summary: string;
  /** More lines for `gvajs help NAME`. */
  details?: string;
  options: Record<string, Option>;
  /** How many positional words it takes. */
  positionals: { min: number; max: number; missing: string };
  run(values: Values, positionals: string[]): Promise<number> | number;
}

const HELP: Option = { type: "boolean", short: "h", help: "show this help and do nothing else" };

// gst-launch-1.0's own options, which `gvajs launch` passes on.
const GST_LAUNCH_OPTIONS: Record<string, Option> = {
  tags: { type: "boolean", short: "t", help: "gst-launch-1.0: output tags" },
  toc: { type: "boolean", short: "c", help: "gst-launch-1.0: output the TOC" },
  verbose: { type: "boolean", short: "v", help: "gst-launch-1.0: status and property notifications" },
  quiet: { type: "boolean", short: "q", help: "gst-launch-1.0: no progress information" },
  messages: { type: "boolean", short: "m", help: "gst-launch-1.0: output messages" },
  exclude: { type: "string", short: "X", value: "PROPERTY", help: "gst-launch-1.0: hide PROPERTY in -v output" },
  "no-fault": { type: "boolean", short: "f", help: "gst-launch-1.0: no fault handler" },
  "eos-on-shutdown": { type: "boolean", short: "e", help: "gst-launch-1.0: EOS on Ctrl-C" },
  "no-position": { type: "boolean", help: "gst-launch-1.0: never print the position" },
  "force-position": { type: "boolean", help: "gst-launch-1.0: print the position without a TTY" },
};

function printAll(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
}

const COMMANDS: Record<string, Command> = {
  build: {
    synopsis: "<entry.ts> [-o out.js] [--minify]",
    summary: "bundle a TypeScript module into one ES module QuickJS runs, source map beside it",
    details: '"gvajs" stays an import (the element provides it); npm packages are bundled in.',
    options: {
      output: { type: "string", short: "o", value: "FILE", help: "where to write (default: the entry with .js)" },
      minify: { type: "boolean", help: "minify, keeping function names for stacks" },
      help: HELP,
    },
    positionals: { min: 1, max: 1, missing: "name the entry file" },
    async run(values, [entry]) {
      const { build } = await import("./build.js");
      const outfile = values.output as string | undefined;
      const result = await build(entry as string, { minify: values.minify === true, ...(outfile ? { outfile } : {}) });
      printAll(result.warnings);
      return 0;
    },
  },
  check: {
    synopsis: "<entry.ts>",
    summary: "type-check a module against the gvajs API",
    details:
      "Uses the nearest tsconfig.json (warning when its lib includes the DOM, which\n" +
      "the element does not have), else ES2023 with the gvajs globals only.",
    options: { help: HELP },
    positionals: { min: 1, max: 1, missing: "name one entry file" },
    async run(_values, [entry]) {
      const { check } = await import("./check.js");
      const diagnostics = check(entry as string);
      printAll(diagnostics);
      return diagnostics.some((d) => d.severity !== "warning") ? 1 : 0;
    },
  },
  launch: {
    synopsis: "[--watch] [gst-launch-1.0 options] <pipeline…>",
    summary: "gst-launch-1.0 with every module=*.ts built first, and the gvajs plugin found",
    details:
      "Options come before the pipeline; --gst-* options pass to gst-launch-1.0 too.\n" +
      "The plugin is looked for in $GVAJS_PLUGIN_DIR, $GST_PLUGIN_PATH, GStreamer's\n" +
      "own folders (gst-inspect-1.0 gvajs), pkg-config's gvajs, then this checkout's\n" +
      "build. Exits with gst-launch-1.0's code.",
    options: {
      watch: { type: "boolean", short: "w", help: "rebuild on change; the elements reload (reload=true)" },
      help: HELP,
      ...GST_LAUNCH_OPTIONS,
    },
    positionals: { min: 1, max: Infinity, missing: "give a pipeline" },
    async run(values, words) {
      const { launch } = await import("./launch.js");
      return await launch(words, { watch: values.watch === true });
    },
  },
  init: {
    synopsis: "<dir>",
    summary: "a starter module, tsconfig.json, run script and README in <dir>",
    details: "Never overwrites a file. Ends with the next step: run.sh, or first installing gvajs where run.sh's npx finds it.",
    options: { help: HELP },
    positionals: { min: 1, max: 1, missing: "name one folder" },
    async run(_values, [dir]) {
      const { init, nextSteps } = await import("./init.js");
      for (const file of init(dir as string)) console.log(`created ${file}`);
      for (const line of nextSteps(dir as string)) console.log(line);
      return 0;
    },
  },
  help: {
    synopsis: "[command]",
    summary: "this list, or a command's options",
    options: { help: HELP },
    positionals: { min: 0, max: 1, missing: "" },
    run(_values, [name]) {
      if (name === undefined) console.log(usage());
      else if (Object.hasOwn(COMMANDS, name)) console.log(commandHelp(name));
      else throw new UsageError(`help: no command '${name}'`, usage());
      return 0;
    },
  },
};

function optionLines(options: Record<string, Option>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const flags = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`;
    return `  ${flags.padEnd(26)} ${o.help}`;
  });
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}`);
  return [
    "usage: gvajs <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "options:",
    "  -h, --help     this help",
    "      --version  the package's version and the found plugin's",
    "",
    'exit codes: 0 done, 1 failed, 2 usage error; "gvajs help <command>" for its options',
  ].join("\n");
}

function commandHelp(name: string): string {
  const c = COMMANDS[name] as Command;
  const lines = [`usage: gvajs ${name} ${c.synopsis}`, "", c.summary];
  if (c.details) lines.push("", c.details);
  return [...lines, "", "options:", ...optionLines(c.options)].join("\n");
}

// parseArgs's first sentence ("Unknown option '--x'"), starting lower case.
function parseError(name: string, error: unknown): UsageError {
  const text = (error as Error).message.split(/\.\s|\n/)[0] ?? "";
  return new UsageError(`${name}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`, `usage: gvajs ${name} ${COMMANDS[name]?.synopsis}`);
}

// launch's options are the words before the pipeline: up to the first word
// that is not an option (or `--`); --gst-* words go to gst-launch-1.0 as-is.
function splitLaunch(words: string[]): { options: string[]; gst: string[]; pipeline: string[] } {
  const takesValue = new Set(["-X", "--exclude"]);
  const options: string[] = [];
  const gst: string[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] as string;
    if (word === "--") return { options, gst, pipeline: words.slice(i + 1) };
    if (!word.startsWith("-") || word === "-") break;
    if (word.startsWith("--gst-")) gst.push(word);
    else options.push(word);
    if (takesValue.has(word) && i + 1 < words.length) options.push(words[++i] as string);
  }
  return { options, gst, pipeline: words.slice(i) };
}

function parse(name: string, command: Command, words: string[]): { values: Values; positionals: string[] } {
  const launching = name === "launch";
  const split = launching ? splitLaunch(words) : { options: words, gst: [], pipeline: [] };
  let parsed;
  try {
    parsed = parseArgs({ args: split.options, options: command.options, strict: true, allowPositionals: !launching, tokens: true });
  } catch (error) {
    throw parseError(name, error);
  }
  const values = parsed.values as Values;
  if (values.help) return { values, positionals: [] };
  // gst-launch-1.0's options go on to it, in their order, before the pipeline.
  const passOn = parsed.tokens.flatMap((t) =>
    t.kind === "option" && Object.hasOwn(GST_LAUNCH_OPTIONS, t.name)
      ? [t.inlineValue ? `${t.rawName}=${t.value}` : t.rawName, ...(t.value !== undefined && !t.inlineValue ? [t.value] : [])]
      : [],
  );
  const positionals = launching ? [...passOn, ...split.gst, ...split.pipeline] : parsed.positionals;
  const given = launching ? split.pipeline.length : positionals.length;
  const synopsis = `usage: gvajs ${name} ${command.synopsis}`;
  if (given < command.positionals.min) throw new UsageError(`${name}: ${command.positionals.missing}`, synopsis);
  if (given > command.positionals.max) {
    throw new UsageError(`${name}: unexpected argument '${positionals[command.positionals.max]}'`, synopsis);
  }
  return { values, positionals };
}

async function runCommand(name: string, words: string[]): Promise<number> {
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command '${name}'`, usage());
  const command = COMMANDS[name] as Command;
  const { values, positionals } = parse(name, command, words);
  if (values.help) {
    console.log(commandHelp(name));
    return 0;
  }
  return await command.run(values, positionals);
}

/** Runs the command line @args (without node and script); resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  try {
    if (first === undefined) throw new UsageError("name a command", usage());
    if (first === "-h" || first === "--help") {
      console.log(usage());
      return 0;
    }
    if (first === "--version") {
      if (rest.length > 0) throw new UsageError(`--version takes no arguments`, usage());
      const report = versionReport();
      console.log(report.lines.join("\n"));
      printAll(report.warnings);
      return 0;
    }
    if (first.startsWith("-")) throw new UsageError(`unknown option '${first}'`, usage());
    return await runCommand(first, rest);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    printAll(error.diagnostics);
    if (error instanceof UsageError) console.error(error.usage);
    return error.exitCode;
  }
}
