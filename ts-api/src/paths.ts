// Where the package and, in a checkout, the repository are.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** ts-api/: compiled files run from ts-api/dist/. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The declarations of the "gvajs" module and the globals. */
export const typesEntry = join(packageRoot, "types", "index.d.ts");

/** The repository the package sits in when run from a checkout. */
export const repoRoot = join(packageRoot, "..");

/** The starter module `gvajs init` copies (samples/hello/hello.ts). */
export function helloTemplate(): string | undefined {
  const candidates = [
    join(packageRoot, "templates", "hello.ts"),
    join(repoRoot, "samples", "hello", "hello.ts"),
  ];
  return candidates.find((path) => existsSync(path));
}
