// `gvajs launch --watch`: rebuild modules when their sources change. The
// element (reload=true) notices the new file and switches to it between
// frames; a broken build is reported here and the old module keeps running.
import { context, type BuildContext, type Plugin } from "esbuild";
import { buildErrors, esbuildOptions, writeOutputs } from "./build.js";
import { CliError, formatDiagnostic, type Diagnostic } from "./diagnostics.js";

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
