// `gvajs launch`: gst-launch-1.0 with TypeScript modules built on the fly
// and this checkout's plugin on the plugin path.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { constants, homedir } from "node:os";
import { basename, delimiter, join, resolve } from "node:path";
import { build } from "./build.js";
import { CliError } from "./diagnostics.js";
import { pluginDir } from "./paths.js";

const TS_MODULE = /^module=(["']?)(.+\.[cm]?tsx?)\1$/;

/** Where built modules go: $GVAJS_CACHE_DIR, else $XDG_CACHE_HOME/gvajs. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GVAJS_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "gvajs");
}

// One folder per source path, so two entries named alike never collide.
function outputFor(entry: string, cache: string): string {
  const id = createHash("sha256").update(resolve(entry)).digest("hex").slice(0, 16);
  return join(cache, id, basename(entry).replace(/\.[cm]?tsx?$/, ".js"));
}

/**
 * Builds every `module=<file>.ts` among the pipeline's words and returns
 * the words with each pointing at its built `.js`.
 */
export async function buildModules(words: string[], cache = cacheDir()): Promise<string[]> {
  const out: string[] = [];
  for (const word of words) {
    const match = TS_MODULE.exec(word);
    if (match?.[2] === undefined) {
      out.push(word);
      continue;
    }
    const result = await build(match[2], { outfile: outputFor(match[2], cache) });
    out.push(`module=${result.outfile}`);
  }
  return out;
}

/** The environment gst-launch-1.0 runs in: the plugin folder goes first. */
export function launchEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dir = pluginDir(env);
  if (!existsSync(dir)) {
    throw new CliError(
      `the gvajs plugin is not built at ${dir}: run "npm run build" or set GVAJS_PLUGIN_DIR`,
    );
  }
  // GST_PLUGIN_PATH_1_0 hides GST_PLUGIN_PATH, so carry the latter over.
  const rest = env.GST_PLUGIN_PATH_1_0 ?? env.GST_PLUGIN_PATH;
  return { ...env, GST_PLUGIN_PATH_1_0: rest ? `${dir}${delimiter}${rest}` : dir };
}

/**
 * Runs gst-launch-1.0 (or $GVAJS_GST_LAUNCH) with @words; resolves to its
 * exit code. Ctrl-C reaches gst-launch, which stops the pipeline itself.
 */
export async function launch(words: string[]): Promise<number> {
  const env = launchEnv();
  const args = await buildModules(words);
  const command = process.env.GVAJS_GST_LAUNCH ?? "gst-launch-1.0";
  const ignore = (): void => {};
  process.on("SIGINT", ignore);
  try {
    return await new Promise<number>((resolveCode, reject) => {
      const child = spawn(command, args, { env, stdio: "inherit" });
      child.on("error", (e) => reject(new CliError(`cannot run ${command}: ${e.message}`)));
      // A shell reports death by signal N as 128 + N; do the same.
      child.on("close", (code, signal) =>
        resolveCode(code ?? 128 + (signal ? constants.signals[signal] : 0)),
      );
    });
  } finally {
    process.off("SIGINT", ignore);
  }
}
