// Helpers for the CLI tests: run `gvajs` (the built CLI) against this
// build's plugin, in an isolated registry, with a private module cache.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDir, gstEnv, root, run } from "../../tests/e2e/util.mjs";

export { root };
export const cli = join(root, "ts-api", "bin", "gvajs.js");
export const fixtures = join(root, "ts-api", "test", "fixtures");

/** A new empty folder under the system's temporary folder. */
export function tempDir(prefix = "gvajs-cli-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

const cache = tempDir("gvajs-cache-");

/** Environment for the CLI: this build's plugin, no installed one. */
export function cliEnv(extra = {}) {
  return gstEnv({
    GVAJS_PLUGIN_DIR: join(buildDir, "plugin"),
    GVAJS_CACHE_DIR: cache,
    ...extra,
  });
}

/**
 * Runs `gvajs ...args`; resolves {code, stdout, stderr}.
 * @param {string[]} args
 * @param {{cwd?: string, env?: Record<string, string>}} opts
 */
export function gvajs(args, opts = {}) {
  return run(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? root,
    env: opts.env ?? cliEnv(),
  });
}
