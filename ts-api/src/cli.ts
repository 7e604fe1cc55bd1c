// The `gvajs` command: build, check, launch, init.
import { build } from "./build.js";
import { check } from "./check.js";
import { CliError, formatDiagnostic, type Diagnostic } from "./diagnostics.js";
import { init } from "./init.js";
import { launch } from "./launch.js";

const USAGE = `usage:
  gvajs build <entry.ts> [-o out.js] [--minify]
                                 bundle to one ES module + source map
  gvajs check <entry.ts>         type-check against the gvajs API
  gvajs launch [--watch] <pipeline…>
                                 gst-launch-1.0 with module=*.ts built first;
                                 --watch rebuilds them on change and the
                                 elements reload them (reload=true)
  gvajs init <dir>               a starter module, tsconfig and pipeline`;

function printAll(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
}

async function runBuild(args: string[]): Promise<number> {
  let entry: string | undefined;
  let outfile: string | undefined;
  let minify = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-o" || arg === "--output") outfile = args[++i];
    else if (arg === "--minify") minify = true;
    else if (arg?.startsWith("-") || entry !== undefined) throw new CliError(`unexpected argument '${arg}'\n${USAGE}`);
    else entry = arg;
  }
  if (entry === undefined) throw new CliError(`build: name the entry file\n${USAGE}`);
  if (outfile === undefined && args.includes("-o")) throw new CliError("build: -o needs a file name");
  const result = await build(entry, { minify, ...(outfile === undefined ? {} : { outfile }) });
  printAll(result.warnings);
  return 0;
}

function runCheck(args: string[]): number {
  if (args.length !== 1 || args[0] === undefined) throw new CliError(`check: name one entry file\n${USAGE}`);
  const diagnostics = check(args[0]);
  printAll(diagnostics);
  return diagnostics.length > 0 ? 1 : 0;
}

async function runLaunch(args: string[]): Promise<number> {
  const watch = args[0] === "--watch" || args[0] === "-w";
  const words = watch ? args.slice(1) : args;
  if (words.length === 0) throw new CliError(`launch: give a pipeline\n${USAGE}`);
  return await launch(words, { watch });
}

function runInit(args: string[]): number {
  if (args.length !== 1 || args[0] === undefined) throw new CliError(`init: name one folder\n${USAGE}`);
  for (const file of init(args[0])) console.log(`created ${file}`);
  return 0;
}

/** Runs the command line @args (without node and script); resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "build":
        return await runBuild(rest);
      case "check":
        return runCheck(rest);
      case "launch":
        return await runLaunch(rest);
      case "init":
        return runInit(rest);
      case "-h":
      case "--help":
      case "help":
        console.log(USAGE);
        return 0;
      default:
        throw new CliError(command === undefined ? USAGE : `unknown command '${command}'\n${USAGE}`);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    printAll(error.diagnostics);
    return 1;
  }
}
