// `gvajs check`: type-checks an entry against the gvajs declarations with
// the TypeScript compiler API, reporting what tsc would.
import { realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";
import { CliError, type Diagnostic } from "./diagnostics.js";
import { typesEntry } from "./paths.js";

/**
 * What a module gets without a tsconfig.json: what QuickJS runs (ES2023,
 * no DOM, no Node) and nothing emitted, since esbuild builds.
 */
export const defaultCompilerOptions: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2023,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  isolatedModules: true,
  types: [],
  noEmit: true,
};

function toDiagnostic(d: ts.Diagnostic): Diagnostic {
  const message = `${ts.flattenDiagnosticMessageText(d.messageText, "\n")} (TS${d.code})`;
  if (d.file === undefined || d.start === undefined) return { message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: d.file.fileName, line: line + 1, column: character + 1, message };
}

// The nearest tsconfig.json above the entry, parsed; noEmit always.
function readOptions(entry: string): { options: ts.CompilerOptions; files: string[] } {
  const configPath = ts.findConfigFile(dirname(entry), ts.sys.fileExists);
  if (configPath === undefined) return { options: defaultCompilerOptions, files: [] };
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new CliError([toDiagnostic(read.error)]);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  const errors = parsed.errors.filter((e) => e.code !== 18003); // "no inputs"
  if (errors.length > 0) throw new CliError(errors.map(toDiagnostic));
  return { options: { ...parsed.options, noEmit: true }, files: parsed.fileNames };
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Type-checks @entry (and what it imports) with the gvajs declarations:
 * those the project resolves "gvajs" to (an installed package), else the
 * ones this CLI belongs to, so a module anywhere can be checked.
 * Returns the problems found; empty when it type-checks.
 */
export function check(entry: string): Diagnostic[] {
  const file = resolve(entry);
  if (!ts.sys.fileExists(file)) throw new CliError(`no such file: ${entry}`);
  const { options, files } = readOptions(file);
  const roots = [file, ...files.filter((f) => f.endsWith(".d.ts"))];
  // As a root, not only through an import: a module that imports nothing
  // from "gvajs" still has the globals.
  const types = ts.resolveModuleName("gvajs", file, options, ts.sys).resolvedModule?.resolvedFileName ?? typesEntry;
  if (!roots.some((f) => samePath(f, types))) roots.push(types);
  const program = ts.createProgram(roots, options);
  return ts.getPreEmitDiagnostics(program).map(toDiagnostic);
}
