// Shared helpers for the end-to-end tests: run gst-launch-1.0 against this
// build's plugin in an isolated registry.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
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
  return run("gst-launch-1.0", launchArgs(pipeline), opts);
}

/** gst-launch-1.0's arguments for gstLaunch(@pipeline). */
export function launchArgs(pipeline) {
  return ["-q", "-f", ...splitPipeline(pipeline)];
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

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once @port on 127.0.0.1 accepts connections (or rejects). */
async function waitForPort(port, timeoutMs = 10000) {
  const { connect } = await import("node:net");
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A real mosquitto broker on 127.0.0.1 and a free port, with persistence
 * (a subscriber's session and its queued messages survive restart()) and
 * no limit on the messages it queues for a subscriber.
 * stop() ends it; call it in a finally.
 */
export async function startBroker() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "gvajs-mqtt-"));
  const conf = join(dir, "mosquitto.conf");
  // No per-client queue limit (1000 by default): a slow subscriber must
  // not lose what the publisher delivered.
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\n` +
    `persistence true\npersistence_location ${dir}/\nmax_queued_messages 0\n`);
  let child = null;
  const broker = {
    port,
    address: `127.0.0.1:${port}`,
    async start() {
      child = spawn("mosquitto", ["-c", conf], { stdio: "ignore" });
      await waitForPort(port);
    },
    /** SIGTERM (it saves its sessions), and waits for it to exit. */
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
    async restart() {
      await broker.stop();
      await broker.start();
    },
  };
  await broker.start();
  return broker;
}

/**
 * A TCP relay on 127.0.0.1 to @port: cut(ms) resets every connection
 * through it and refuses new ones for ms, as a broker that went away and
 * came back does to its clients, while the broker itself (and a subscriber
 * connected to it directly) goes on. connections is how many it relayed;
 * stop() ends it.
 */
export async function startGate(port) {
  const own = await freePort();
  const sockets = new Set();
  const track = (s) => (sockets.add(s), s.on("close", () => sockets.delete(s)), s);
  let server = null;
  let connections = 0;
  const listen = () => new Promise((r) => {
    server = createServer((client) => {
      connections++;
      const upstream = track(connect(port, "127.0.0.1"));
      track(client);
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); };
      client.on("error", drop);
      upstream.on("error", drop);
    });
    server.listen(own, "127.0.0.1", r);
  });
  const close = () => new Promise((r) => {
    server.close(() => r());
    for (const s of sockets) s.resetAndDestroy();
  });
  await listen();
  return {
    address: `127.0.0.1:${own}`,
    get connections() { return connections; },
    async cut(ms) {
      await close();
      await new Promise((r) => setTimeout(r, ms));
      await listen();
    },
    stop: close,
  };
}

/**
 * mosquitto_sub on @topic with a persistent session (QoS 1, -c), so what
 * is published while it reconnects is queued for it. lines() is what it
 * received so far; stop() ends it.
 */
export async function subscribe(broker, topic) {
  const child = spawn("mosquitto_sub", ["-h", "127.0.0.1", "-p", String(broker.port),
    "-t", topic, "-q", "1", "-c", "-i", `gvajs-test-${process.pid}`], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  // mosquitto_sub has no "subscribed" signal: a message of our own, sent
  // until it comes back, marks it.
  const ping = () => new Promise((r) => spawn("mosquitto_pub", ["-h", "127.0.0.1",
    "-p", String(broker.port), "-t", topic, "-q", "1", "-m", "ready"]).on("exit", r));
  const end = Date.now() + 10000;
  while (!out.includes("ready")) {
    if (Date.now() > end) throw new Error("the subscriber never got its marker");
    await ping();
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    lines: () => out.split("\n").filter((l) => l && l !== "ready"),
    stop: () => child.kill("SIGTERM"),
  };
}
