#!/usr/bin/env node
// Runs the people counter on a video (default: OpenCV's pedestrians,
// Debian package opencv-doc): facedetect with OpenCV's full-body cascade
// finds people, tracker.ts gives them object ids, counter.ts counts line
// crossings and draws. Prints progress and the totals, and writes to the
// output folder: results.json, crossings.jsonl (each crossing as it
// happens, through gvajspublish), annotated.avi (MJPEG) and a PNG snapshot
// every 10 seconds of video. With --mqtt HOST:PORT the crossings are also
// published to that broker, on topic people-counter/crossings.
//
//   node samples/people-counter/run.mjs [--video FILE] [--out DIR] [--mqtt HOST:PORT]
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "../../ts-api/dist/build.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const { values } = parseArgs({
  options: {
    video: { type: "string", default: "/usr/share/doc/opencv-doc/examples/data/vtest.avi" },
    out: { type: "string", default: join(root, "out", "people-counter") },
    line: { type: "string", default: "[0.5, 0.1, 0.5, 0.9]" },
    mqtt: { type: "string" },
  },
});
const mqttTopic = "people-counter/crossings";
const out = resolve(values.out);
const cascade = "/usr/share/opencv4/haarcascades/haarcascade_fullbody.xml";

async function buildModules() {
  const dir = join(out, "modules");
  mkdirSync(dir, { recursive: true });
  const tracker = await build(join(here, "tracker.ts"), { outfile: join(dir, "tracker.js") });
  const counter = await build(join(here, "counter.ts"), { outfile: join(dir, "counter.js") });
  return { tracker: tracker.outfile, counter: counter.outfile };
}

function pipeline(modules) {
  const kwarg = JSON.stringify({ line: JSON.parse(values.line), minHits: 3, draw: true, progressEvery: 100 });
  return [
    "filesrc", `location=${values.video}`, "!", "decodebin", "!", "videoconvert", "!",
    "video/x-raw,format=RGB", "!",
    "facedetect", "display=false", `profile=${cascade}`, "!",
    "gvajs", `module=${modules.tracker}`, "class=IouTracker", "!",
    "gvajs", `module=${modules.counter}`, "class=LineCounter", `kwarg=${kwarg}`, "!",
    // The counter adds each crossing as a message: published as it happens.
    "gvajspublish", "method=file", `file-path=${join(out, "crossings.jsonl")}`,
    "file-format=json-lines", "!",
    ...(values.mqtt ? ["gvajspublish", "method=mqtt", `address=${values.mqtt}`,
      `topic=${mqttTopic}`, "max-connect-attempts=5", "!"] : []),
    "tee", "name=t",
    "t.", "!", "queue", "!", "videoconvert", "!", "jpegenc", "quality=60", "!", "avimux", "!",
    "filesink", `location=${join(out, "annotated.avi")}`,
    "t.", "!", "queue", "!", "videorate", "drop-only=true", "!", "video/x-raw,framerate=1/10", "!",
    "videoconvert", "!", "pngenc", "!", "multifilesink", `location=${join(out, "snapshot-%02d.png")}`,
  ];
}

function run(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("gst-launch-1.0", ["-q", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const results = { events: [], totals: null, tracker: null };
    let pending = "";
    child.stdout.on("data", (chunk) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) {
        if (!line.startsWith("{")) {
          console.log(line);
          continue;
        }
        const record = JSON.parse(line);
        if (record.event) results.events.push(record);
        else if (record.totals) results.totals = record.totals;
        else if (record.tracker) results.tracker = record.tracker;
      }
    });
    let errors = "";
    // OpenCV complains about optional cascades facedetect does not need.
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const real = errors.split("\n").filter((l) => l && !l.includes("Can't open file") && !l.includes("haarcascade_mcs"));
      if (real.length) console.error(real.join("\n"));
      resolvePromise({ code, results });
    });
  });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const modules = await buildModules();
process.env.GST_PLUGIN_PATH = [join(root, "build", "plugin"), process.env.GST_PLUGIN_PATH].filter(Boolean).join(":");
console.log(`people-counter: ${values.video}`);
const { code, results } = await run(pipeline(modules));
if (code !== 0 || results.totals === null) {
  console.error(`people-counter: gst-launch-1.0 failed (exit ${code})`);
  process.exit(code || 1);
}
const snapshots = readdirSync(out).filter((f) => f.endsWith(".png")).sort();
const report = {
  video: values.video,
  line: JSON.parse(values.line),
  totals: results.totals,
  tracker: results.tracker,
  events: results.events,
  outputs: {
    annotated: join(out, "annotated.avi"),
    crossings: join(out, "crossings.jsonl"),
    snapshots: snapshots.map((f) => join(out, f)),
  },
};
writeFileSync(join(out, "results.json"), JSON.stringify(report, null, 2) + "\n");
const t = results.totals;
console.log(`people-counter: ${t.frames} frames, ${t.objects} tracked objects, ` +
  `${t.crossings} crossings (${t.forward} forward, ${t.backward} backward)`);
console.log(`people-counter: wrote ${join(out, "results.json")}, annotated.avi and ${snapshots.length} snapshots`);
