// `gvajs init`: a folder with a typed module, its tsconfig and a pipeline
// that runs it, ready for `gvajs check` and `gvajs launch`.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { CliError } from "./diagnostics.js";
import { helloTemplate, packageRoot } from "./paths.js";

/** The pipeline the starter runs: 30 small test frames through the module. */
export const STARTER_PIPELINE =
  "videotestsrc num-buffers=30 ! video/x-raw,format=I420,width=320,height=240 ! gvajs module=process.ts ! fakesink";

// What the element provides and nothing else: ES2023 without the DOM, and
// of the globals only gvajs's ("types" keeps @types/node out).
function tsconfig(): string {
  const config = {
    compilerOptions: {
      strict: true,
      target: "ES2023",
      lib: ["ES2023"],
      module: "ESNext",
      moduleResolution: "Bundler",
      isolatedModules: true,
      types: ["gvajs"],
      noEmit: true,
    },
    include: ["**/*.ts"],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

// The project's own gvajs (npx --no never downloads one; -- keeps npx
// from reading gvajs's options), with no path of this machine written in.
function runScript(): string {
  return `#!/bin/sh
# Runs process.ts on test frames; pass another pipeline to run that instead.
cd "$(dirname "$0")"
if [ $# -gt 0 ]; then exec npx --no -- gvajs launch "$@"; fi
exec npx --no -- gvajs launch -q ${STARTER_PIPELINE}
`;
}

function readme(): string {
  return `# gvajs module

\`process.ts\` runs once per video frame inside the \`gvajs\` GStreamer element.

    npx gvajs check process.ts   # type-check against what the element provides
    ./run.sh                     # npx gvajs launch -q ${STARTER_PIPELINE}
    npx gvajs build process.ts   # process.js (+ .map), for gst-launch-1.0 … ! gvajs module=process.js ! …
`;
}

/** Creates @dir (if needed) with process.ts, tsconfig.json, run.sh, README.md. */
export function init(dir: string): string[] {
  const template = helloTemplate();
  if (template === undefined) throw new CliError("the starter module (samples/hello/hello.ts) is missing");
  const target = resolve(dir);
  const files: Record<string, string> = {
    "process.ts": readFileSync(template, "utf8"),
    "tsconfig.json": tsconfig(),
    "run.sh": runScript(),
    "README.md": readme(),
  };
  const taken = Object.keys(files).filter((name) => existsSync(join(target, name)));
  if (taken.length > 0) {
    throw new CliError(`${dir} already has ${taken.join(", ")}; not overwriting`);
  }
  mkdirSync(target, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(target, name), text);
  chmodSync(join(target, "run.sh"), 0o755);
  return Object.keys(files).map((name) => join(target, name));
}

/** Whether a gvajs package is installed where @dir sees it: node_modules/gvajs in @dir or a folder above, as npx and TypeScript look. */
function installedFor(dir: string): boolean {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, "node_modules", "gvajs", "package.json"))) return true;
    if (dirname(at) === at) return false;
  }
}

/** What to do after init in @dir: run it, or first install gvajs where run.sh's npx finds it. */
export function nextSteps(dir: string): string[] {
  const cd = `cd ${relative(process.cwd(), resolve(dir)) || "."}`;
  if (installedFor(dir)) return [`next: ${cd} && ./run.sh`];
  return [
    `next: gvajs is not installed in ${dir} or a folder above it, and run.sh's npx needs it there:`,
    `  ${cd} && npm init -y && npm install --save-dev ${packageRoot} && ./run.sh`,
  ];
}
