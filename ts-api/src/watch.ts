// `gvajs launch --watch`: rebuild modules when their sources change. The
// element (reload=true) notices the new file and switches to it between
// frames; a broken build is reported here and the old module keeps running.
import { context, type BuildContext, type OutputFile, type Plugin } from "esbuild";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildErrors, esbuildOptions } from "./build.js";
import { CliError, formatDiagnostic, type Diagnostic } from "./diagnostics.js";

// Unchanged outputs are left alone, so a rebuild that changes nothing
// (esbuild's first watch pass) does not make the element reload.
function changed(file: OutputFile): boolean {
  return !existsSync(file.path) || !readFileSync(file.path).equals(file.contents);
}

// The map first, then the module, each by rename: the element, which
// polls the module's stamp, never reads a half-written file.
function writeOutputs(files: OutputFile[]): boolean {
  const ordered = [...files].sort((a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")));
  const toWrite = ordered.filter(changed);
  for (const file of toWrite) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.tmp-${process.pid}`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  return toWrite.length > 0;
}

/** Watches one module: builds it now (throwing its errors), then on every change. */
export async function watch(entry: string, outfile: string): Promise<BuildContext> {
  let first = true;
  let firstErrors: Diagnostic[] | undefined;
  const report: Plugin = {
    name: "gvajs-watch",
    setup(build) {
      build.onEnd((result) => {
        const errors = buildErrors({ errors: result.errors });
        if (first) {
          first = false;
          firstErrors = errors;
          if (!errors) writeOutputs(result.outputFiles ?? []);
          return;
        }
        if (errors) {
          for (const d of errors) console.error(formatDiagnostic(d));
          console.error(`gvajs: ${entry} did not build; the running module is unchanged`);
        } else if (writeOutputs(result.outputFiles ?? [])) {
          console.error(`gvajs: rebuilt ${entry}`);
        }
      });
    },
  };
  const ctx = await context({ ...esbuildOptions(entry, outfile), write: false, plugins: [report] });
  await ctx.rebuild().catch(() => undefined);
  if (firstErrors) {
    await ctx.dispose();
    throw new CliError(firstErrors);
  }
  await ctx.watch();
  return ctx;
}
