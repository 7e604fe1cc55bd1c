// Shared helpers for the end-to-end tests: run gst-launch-1.0 against this
// build's plugin in an isolated registry.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const buildDir = process.env.GVAJS_BUILD_DIR ?? join(root, "build");
export const fixtures = join(root, "tests", "fixtures");
export const opencvData = "/usr/share/doc/opencv-doc/examples/data";
export const haarcascades = "/usr/share/opencv4/haarcascades";

const registry = join(mkdtempSync(join(tmpdir(), "gvajs-e2e-")), "registry.bin");

/** Environment that finds this build's gvajs and no installed one. */
export function gstEnv(extra = {}) {
  return {
    ...process.env,
    GST_PLUGIN_PATH_1_0: join(buildDir, "plugin"),
    GST_REGISTRY_1_0: registry,
    ...extra,
  };
}

/**
 * Runs a command to completion; resolves {code, signal, stdout, stderr}.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: Record<string,string>, timeoutMs?: number}} opts
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? root,
      env: opts.env ?? gstEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * gst-launch-1.0 with a pipeline given as one string of elements; -f: a
 * crash is a crash (a signal), not swallowed by gst-launch's handler.
 */
export function gstLaunch(pipeline, opts = {}) {
  return run("gst-launch-1.0", ["-q", "-f", ...splitPipeline(pipeline)], opts);
}

// gst-launch takes the description as separate argv words; keep quoted
// property values (kwarg={"a": 1}) together.
function splitPipeline(pipeline) {
  const words = [];
  let word = "";
  let quote = null;
  for (const ch of pipeline) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (/\s/.test(ch)) {
      if (word) words.push(word);
      word = "";
    } else {
      word += ch;
    }
  }
  if (word) words.push(word);
  return words;
}
