// `gvajs launch`: gst-launch-1.0 with TypeScript modules built on the fly
// and the gvajs plugin found (plugin.ts) on the plugin path.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { constants, homedir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { BuildContext } from "esbuild";
import { build } from "./build.js";
import { CliError, formatDiagnostic } from "./diagnostics.js";
import { findPlugin, pluginEnv, versionMismatch } from "./plugin.js";
import { watch } from "./watch.js";

// gst-launch-1.0 takes the pipeline as separate words (a word with spaces
// is one token to it), so a module property is always a word of its own.
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

/** What launching needs besides gst-launch's words. */
export interface LaunchOptions {
  /** Rebuild on change and have the elements reload (reload=true). */
  watch?: boolean;
}

/** Built pipeline words, and the watchers to stop when the pipeline ends. */
export interface BuiltPipeline {
  words: string[];
  watchers: BuildContext[];
}

/**
 * Builds every `module=<file>.ts` among the pipeline's words and returns
 * the words with each pointing at its built `.js` (followed by
 * `reload=true` when watching).
 */
export async function buildModules(
  words: string[],
  options: LaunchOptions = {},
  cache = cacheDir(),
): Promise<BuiltPipeline> {
  const built: BuiltPipeline = { words: [], watchers: [] };
  try {
    for (const word of words) {
      const entry = TS_MODULE.exec(word)?.[2];
      if (entry === undefined) {
        built.words.push(word);
        continue;
      }
      const outfile = outputFor(entry, cache);
      if (options.watch) built.watchers.push(await watch(entry, outfile));
      else await build(entry, { outfile });
      built.words.push(`module=${outfile}`, ...(options.watch ? ["reload=true"] : []));
    }
  } catch (error) {
    await Promise.all(built.watchers.map((w) => w.dispose()));
    throw error;
  }
  return built;
}

/**
 * The environment gst-launch-1.0 runs in: the one that loads the found
 * plugin. Warns on stderr when the plugin's version is not this package's.
 */
export function launchEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const plugin = findPlugin(env);
  for (const d of versionMismatch(plugin, plugin.version)) console.error(formatDiagnostic(d));
  return pluginEnv(plugin, env);
}

/**
 * Runs gst-launch-1.0 (or $GVAJS_GST_LAUNCH) with @words; resolves to its
 * exit code. Ctrl-C reaches gst-launch, which stops the pipeline itself.
 */
export async function launch(words: string[], options: LaunchOptions = {}): Promise<number> {
  const env = launchEnv();
  const { words: args, watchers } = await buildModules(words, options);
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
    await Promise.all(watchers.map((w) => w.dispose()));
  }
}
