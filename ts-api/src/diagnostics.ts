// Problems the CLI reports, printed as `file:line:col message` like a
// compiler, so editors and terminals link them to the source.
import { isAbsolute, relative } from "node:path";

/** One problem; `file`, `line` and `column` (both from 1) when known. */
export interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/** A failure the CLI reports and exits non-zero for. */
export class CliError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[] | string) {
    const list = typeof diagnostics === "string" ? [{ message: diagnostics }] : diagnostics;
    super(list.map((d) => d.message).join("\n"));
    this.diagnostics = list;
  }
}

// Paths under the working directory print relative, as tsc prints them.
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** `file:line:col message`, or `gvajs: message` when there is no file. */
export function formatDiagnostic(d: Diagnostic): string {
  if (d.file === undefined) return `gvajs: ${d.message}`;
  return `${displayPath(d.file)}:${d.line ?? 1}:${d.column ?? 1} ${d.message}`;
}
