// `gvajs build`: one TypeScript entry → one ES module QuickJS can load,
// with a source map beside it so errors point at the TypeScript.
import { build as esbuild, type BuildOptions as BuildOptionsEsbuild, type Message, type OutputFile } from "esbuild";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CliError, type Diagnostic } from "./diagnostics.js";

/**
 * The language level of QuickJS 2025-04-26: all of ES2023. esbuild lowers
 * anything newer the entry uses.
 */
export const QUICKJS_TARGET = "es2023";

export interface BuildOptions {
  /** Output file; default: the entry with its extension replaced by `.js`. */
  outfile?: string;
  /** Minify, keeping function names for stacks. Default false. */
  minify?: boolean;
}

export interface BuildResult {
  /** Absolute path of the written module. */
  outfile: string;
  /** Absolute path of its source map. */
  sourcemap: string;
  /** What esbuild warned about; the build still succeeded. */
  warnings: Diagnostic[];
}

function toDiagnostic(message: Message): Diagnostic {
  const loc = message.location;
  if (!loc) return { message: message.text };
  return {
    file: resolve(loc.file),
    line: loc.line,
    column: loc.column + 1,
    message: message.text,
  };
}

/** Where `gvajs build entry.ts` writes when no `-o` is given. */
export function defaultOutfile(entry: string): string {
  const out = entry.replace(/\.[cm]?tsx?$/, ".js");
  if (out === entry) {
    throw new CliError(`cannot pick an output name for '${entry}': give one with -o`);
  }
  return out;
}

/** esbuild's options for one module; shared by build() and watch(). */
export function esbuildOptions(entry: string, outfile: string, minify = false): BuildOptionsEsbuild {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    // Neutral resolves no package entry fields by default; npm packages
    // bundled into a module need them.
    mainFields: ["module", "main"],
    target: QUICKJS_TARGET,
    external: ["gvajs"],
    sourcemap: "linked",
    minify,
    // Stacks keep naming functions.
    keepNames: minify,
    logLevel: "silent",
  };
}

// Unchanged outputs are left alone, so a rebuild that changes nothing
// (esbuild's first watch pass) does not make the element reload.
function changed(file: OutputFile): boolean {
  return !existsSync(file.path) || !readFileSync(file.path).equals(file.contents);
}

/**
 * Writes esbuild's outputs, the map first, then the module, each by
 * rename: an element loading or polling the module (another `gvajs launch`
 * of the same one, a `--watch` reload) never reads a half-written file.
 * Whether any changed.
 */
export function writeOutputs(files: OutputFile[]): boolean {
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

/** esbuild's errors as diagnostics, or undefined for another failure. */
export function buildErrors(error: unknown): Diagnostic[] | undefined {
  const errors = (error as { errors?: Message[] }).errors;
  return Array.isArray(errors) && errors.length > 0 ? errors.map(toDiagnostic) : undefined;
}

/**
 * Bundles @entry and its imports into one ES module. "gvajs" stays an
 * import: the element provides it. Throws CliError with esbuild's errors.
 */
export async function build(entry: string, options: BuildOptions = {}): Promise<BuildResult> {
  // As check says it: esbuild's "Could not resolve" reads like an import.
  if (!existsSync(entry)) throw new CliError(`no such file: ${entry}`);
  const outfile = resolve(options.outfile ?? defaultOutfile(entry));
  try {
    const result = await esbuild({ ...esbuildOptions(entry, outfile, options.minify), write: false });
    writeOutputs(result.outputFiles);
    return { outfile, sourcemap: `${outfile}.map`, warnings: result.warnings.map(toDiagnostic) };
  } catch (error) {
    const diagnostics = buildErrors(error);
    if (diagnostics) throw new CliError(diagnostics);
    throw error;
  }
}
