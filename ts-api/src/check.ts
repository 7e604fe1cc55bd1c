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

interface Config {
  options: ts.CompilerOptions;
  files: string[];
  /** The tsconfig.json read, when there is one. */
  path?: string;
}

// The nearest tsconfig.json above the entry, parsed; noEmit always. A
// "types": ["gvajs"] the project cannot resolve (no gvajs installed beside
// it) is left to this CLI's own declarations, added as a root.
function readOptions(entry: string): Config {
  const configPath = ts.findConfigFile(dirname(entry), ts.sys.fileExists);
  if (configPath === undefined) return { options: defaultCompilerOptions, files: [] };
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new CliError([toDiagnostic(read.error)]);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  const errors = parsed.errors.filter((e) => e.code !== 18003); // "no inputs"
  if (errors.length > 0) throw new CliError(errors.map(toDiagnostic));
  const options = { ...parsed.options, noEmit: true };
  const types = options.types;
  if (types?.includes("gvajs") && !ts.resolveTypeReferenceDirective("gvajs", configPath, options, ts.sys).resolvedTypeReferenceDirective) {
    options.types = types.filter((t) => t !== "gvajs");
  }
  return { options, files: parsed.fileNames, path: configPath };
}

// A warning about the tsconfig at its first "key" (1:1 when absent).
function configWarning(configPath: string, key: string, message: string): Diagnostic {
  const lines = (ts.sys.readFile(configPath) ?? "").split("\n");
  const line = lines.findIndex((l) => l.includes(`"${key}"`));
  const column = line < 0 ? 1 : (lines[line] as string).indexOf(`"${key}"`) + 1;
  return { file: configPath, line: line + 1 || 1, column, severity: "warning", message };
}

/**
 * Globals a project's tsconfig brings that the element does not have: the
 * DOM (its lib, or no lib at all: TypeScript's default has it) and, with
 * "types" unset, every @types package (@types/node's setTimeout).
 */
function environmentWarnings(config: Config, program: ts.Program): Diagnostic[] {
  if (config.path === undefined) return [];
  const warnings: Diagnostic[] = [];
  const { lib, noLib, types } = config.options;
  if (lib === undefined ? !noLib : lib.some((l) => /^lib\.dom\b/.test(l))) {
    const which = lib === undefined ? 'no "lib" is set, so TypeScript\'s default includes' : 'its "lib" includes';
    warnings.push(configWarning(config.path, "lib",
      `${which} the DOM, which the element does not have: setTimeout, document and fetch type-check and fail at run time; ` +
        'set "lib": ["ES2023"]'));
  }
  const atTypes = /[\\/]node_modules[\\/]@types[\\/]/;
  if (types === undefined && program.getSourceFiles().some((f) => atTypes.test(f.fileName))) {
    warnings.push(configWarning(config.path, "compilerOptions",
      'no "types" is set, so every @types package in node_modules is global (@types/node: setTimeout, process), ' +
        'which the element does not have; set "types": ["gvajs"]'));
  }
  return warnings;
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
 * Returns the problems found, warnings about the project's tsconfig first;
 * no errors when it type-checks.
 */
export function check(entry: string): Diagnostic[] {
  const file = resolve(entry);
  if (!ts.sys.fileExists(file)) throw new CliError(`no such file: ${entry}`);
  const config = readOptions(file);
  const { options } = config;
  const roots = [file, ...config.files.filter((f) => f.endsWith(".d.ts"))];
  // As a root, not only through an import: a module that imports nothing
  // from "gvajs" still has the globals.
  const types = ts.resolveModuleName("gvajs", file, options, ts.sys).resolvedModule?.resolvedFileName ?? typesEntry;
  if (!roots.some((f) => samePath(f, types))) roots.push(types);
  const program = ts.createProgram(roots, options);
  return [...environmentWarnings(config, program), ...ts.getPreEmitDiagnostics(program).map(toDiagnostic)];
}
