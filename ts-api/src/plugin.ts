// Finding the gvajs GStreamer plugin (libgstgvajs.so) the way GStreamer
// would, and saying how to get one when there is none.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { CliError, type Diagnostic } from "./diagnostics.js";
import { packageRoot, repoRoot } from "./paths.js";

/** The plugin's file name. */
export const PLUGIN_FILE = "libgstgvajs.so";

/** Where a plugin was found, in the order they are tried. */
export type PluginSource = "GVAJS_PLUGIN_DIR" | "GST_PLUGIN_PATH" | "installed" | "pkg-config" | "checkout";

export interface FoundPlugin {
  /** Absolute path of libgstgvajs.so. */
  file: string;
  source: PluginSource;
  /** Its version (gst-inspect-1.0's), when it could be read. */
  version?: string;
}

/** What the tries saw, for the message when nothing was found. */
interface Search {
  env: NodeJS.ProcessEnv;
  gstPluginPath?: string;
  noGstInspect?: boolean;
}

// GStreamer scans each folder of its plugin path ten levels deep.
function findIn(path: string, depth = 10): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (stat.isFile()) return path.endsWith(`/${PLUGIN_FILE}`) ? resolve(path) : undefined;
  if (!stat.isDirectory() || depth === 0) return undefined;
  const direct = join(path, PLUGIN_FILE);
  if (existsSync(direct)) return resolve(direct);
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith(".")) continue;
    const found = findIn(join(path, name), depth - 1);
    if (found) return found;
  }
  return undefined;
}

function fromPluginDir(env: NodeJS.ProcessEnv): FoundPlugin | undefined {
  const dir = env.GVAJS_PLUGIN_DIR;
  if (!dir) return undefined;
  const file = dir.endsWith(PLUGIN_FILE) ? dir : join(dir, PLUGIN_FILE);
  if (!existsSync(file)) {
    throw new CliError(`GVAJS_PLUGIN_DIR is ${dir}, which has no ${PLUGIN_FILE}: point it at the folder holding it, or unset it`);
  }
  return { file: resolve(file), source: "GVAJS_PLUGIN_DIR" };
}

// GST_PLUGIN_PATH_1_0 hides GST_PLUGIN_PATH, as in GStreamer.
function fromGstPluginPath(search: Search): FoundPlugin | undefined {
  const path = search.env.GST_PLUGIN_PATH_1_0 ?? search.env.GST_PLUGIN_PATH;
  if (!path) return undefined;
  search.gstPluginPath = path;
  for (const entry of path.split(delimiter).filter(Boolean)) {
    const file = findIn(entry);
    if (file) return { file, source: "GST_PLUGIN_PATH" };
  }
  return undefined;
}

function inspect(target: string, env: NodeJS.ProcessEnv): { ok: boolean; missing: boolean; out: string } {
  const r = spawnSync("gst-inspect-1.0", [target], { env, encoding: "utf8", timeout: 60000 });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
  return { ok: r.status === 0, missing, out: r.stdout ?? "" };
}

function detail(out: string, field: string): string | undefined {
  return new RegExp(`^\\s*${field}\\s+(\\S.*)$`, "m").exec(out)?.[1]?.trim();
}

// An installed plugin: what GStreamer itself loads for "gvajs".
function fromGstInspect(search: Search): FoundPlugin | undefined {
  const r = inspect("gvajs", search.env);
  if (r.missing) search.noGstInspect = true;
  const file = r.ok ? detail(r.out, "Filename") : undefined;
  if (!file) return undefined;
  const version = detail(r.out, "Version");
  // GStreamer may name it through /lib, a link to /usr/lib: the package's path.
  return { file: realpathSync(resolve(file)), source: "installed", ...(version ? { version } : {}) };
}

// A prefix install (meson install --prefix ~/.local) names its plugin
// folder in gvajs.pc, found through PKG_CONFIG_PATH.
function fromPkgConfig(env: NodeJS.ProcessEnv): FoundPlugin | undefined {
  const r = spawnSync("pkg-config", ["--variable=pluginsdir", "gvajs"], { env, encoding: "utf8" });
  const dir = r.status === 0 ? r.stdout.trim() : "";
  const file = dir ? join(dir, PLUGIN_FILE) : "";
  return file && existsSync(file) ? { file, source: "pkg-config" } : undefined;
}

/** Whether this package runs from a gvajs checkout (ts-api/ of the repository). */
export function inCheckout(): boolean {
  return existsSync(join(repoRoot, "plugin", "gstgvajs.c")) && existsSync(join(repoRoot, "meson.build"));
}

function checkoutPlugin(): string {
  return join(repoRoot, "build", "plugin", PLUGIN_FILE);
}

function fromCheckout(): FoundPlugin | undefined {
  const file = checkoutPlugin();
  return inCheckout() && existsSync(file) ? { file, source: "checkout" } : undefined;
}

// How to get a plugin, for where the user is.
function notFound(search: Search): CliError {
  const lines = ["no gvajs plugin found"];
  if (search.gstPluginPath) lines.push(`  GST_PLUGIN_PATH (${search.gstPluginPath}) has no ${PLUGIN_FILE}`);
  if (search.noGstInspect) {
    lines.push("  gst-inspect-1.0 is missing, so installed plugins cannot be looked up: install GStreamer's tools (Debian: apt-get install gstreamer1.0-tools)");
  }
  if (inCheckout()) {
    lines.push(`  this checkout's plugin is not built (${checkoutPlugin()}): run "npm run build" in ${repoRoot}`);
  } else {
    if (existsSync("/etc/debian_version")) {
      lines.push(
        "  on Debian: build the package in a gvajs checkout (npm run deb) and install it:",
        "    sudo apt-get install ./out/deb/gstreamer1.0-gvajs_*.deb",
      );
    }
    lines.push(
      "  from source: in a gvajs checkout, meson setup build --prefix=/usr && sudo meson install -C build",
      "  or set GVAJS_PLUGIN_DIR to the folder that holds libgstgvajs.so",
    );
  }
  return new CliError(lines.join("\n"));
}

/**
 * Finds the plugin: $GVAJS_PLUGIN_DIR, then $GST_PLUGIN_PATH, then an
 * installed plugin (gst-inspect-1.0 gvajs), then a prefix install through
 * pkg-config, then this checkout's build. Throws CliError saying how to get
 * one when none is found.
 */
export function findPlugin(env: NodeJS.ProcessEnv = process.env): FoundPlugin {
  const search: Search = { env };
  const found =
    fromPluginDir(env) ?? fromGstPluginPath(search) ?? fromGstInspect(search) ?? fromPkgConfig(env) ?? fromCheckout();
  if (found === undefined) throw notFound(search);
  return found;
}

/** The found plugin's version, from gst-inspect-1.0 when not known yet. */
export function pluginVersion(plugin: FoundPlugin, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return plugin.version ?? detail(inspect(plugin.file, env).out, "Version");
}

/** This package's version (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The environment gst-launch-1.0 needs to load @plugin: its folder first on
 * the plugin path when GStreamer would not find it by itself.
 */
export function pluginEnv(plugin: FoundPlugin, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (plugin.source === "installed" || plugin.source === "GST_PLUGIN_PATH") return env;
  const dir = dirname(plugin.file);
  // GST_PLUGIN_PATH_1_0 hides GST_PLUGIN_PATH, so carry the latter over.
  const rest = env.GST_PLUGIN_PATH_1_0 ?? env.GST_PLUGIN_PATH;
  return { ...env, GST_PLUGIN_PATH_1_0: rest ? `${dir}${delimiter}${rest}` : dir };
}

/** A warning when the plugin and these types are of different versions. */
export function versionMismatch(plugin: FoundPlugin, version: string | undefined): Diagnostic[] {
  const ours = packageVersion();
  if (version === undefined || version === ours) return [];
  return [{
    severity: "warning",
    message: `the plugin (${plugin.file}) is ${version} and this package ${ours}: the types and the CLI describe ${ours}`,
  }];
}

/** `gvajs --version`: the lines for stdout, and what to warn about. */
export function versionReport(env: NodeJS.ProcessEnv = process.env): { lines: string[]; warnings: Diagnostic[] } {
  const lines = [`gvajs ${packageVersion()} (npm package, ${packageRoot})`];
  let plugin: FoundPlugin;
  try {
    plugin = findPlugin(env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    lines.push("plugin: not found");
    return { lines, warnings: error.diagnostics };
  }
  const version = pluginVersion(plugin, env);
  lines.push(`plugin ${version ?? "(version unreadable)"} (${plugin.file}, from ${plugin.source})`);
  return { lines, warnings: versionMismatch(plugin, version) };
}
