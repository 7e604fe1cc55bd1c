// Problems the CLI reports, printed as `file:line:col message` like a
// compiler, so editors and terminals link them to the source.
import { isAbsolute, relative } from "node:path";

/** One problem; `file`, `line` and `column` (both from 1) when known. */
export interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  message: string;
  /** A warning is printed but fails nothing. */
  severity?: "warning";
}

/** A failure the CLI reports and exits 1 for. */
export class CliError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number = 1;

  constructor(diagnostics: Diagnostic[] | string) {
    const list = typeof diagnostics === "string" ? [{ message: diagnostics }] : diagnostics;
    super(list.map((d) => d.message).join("\n"));
    this.diagnostics = list;
  }
}

/** A command line the CLI cannot run: exit code 2, with the usage to print. */
export class UsageError extends CliError {
  override readonly exitCode = 2;
  readonly usage: string;

  constructor(message: string, usage: string) {
    super(message);
    this.usage = usage;
  }
}

// Paths under the working directory print relative, as tsc prints them.
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/**
 * `file:line:col message`, or `gvajs: message` when there is no file;
 * warnings say so before the message.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const message = d.severity === "warning" ? `warning: ${d.message}` : d.message;
  if (d.file === undefined) return `gvajs: ${message}`;
  return `${displayPath(d.file)}:${d.line ?? 1}:${d.column ?? 1} ${message}`;
}
