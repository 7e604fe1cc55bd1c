#!/usr/bin/env node
// Runs the people counter on a video (default: OpenCV's pedestrians,
// Debian package opencv-doc): detector.ts finds people as moving blobs
// (gvajs's foreground() and blobs()), tracker.ts gives them object ids,
// counter.ts counts line crossings and draws with gvajs's draw. Prints
// progress and the totals, and writes to the output folder: results.json,
// crossings.jsonl (each crossing as it happens, through gvajspublish),
// annotated.webm (VP8), a PNG snapshot every 10 seconds of video (from 5 s
// on, once the background model has learnt the scene), and
// contact-sheet.png, the frames on which someone crossed. With --mqtt
// HOST:PORT the crossings are also published to that broker, on topic
// people-counter/crossings.
//
//   node samples/people-counter/run.mjs [--video FILE] [--out DIR] [--line "[x1, y1, x2, y2]"] [--mqtt HOST:PORT] [--help]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "../../ts-api/dist/build.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const DEFAULT_VIDEO = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
const USAGE = `usage: npm start -- [--video FILE] [--out DIR] [--line "[x1, y1, x2, y2]"] [--mqtt HOST:PORT]

  --video FILE   the video to count people in (default: OpenCV's vtest.avi)
  --out DIR      where the results go (default: out/people-counter)
  --line LINE    the counting line: its two ends, normalized to the frame (0 to 1)
                 (default: "[0.5, 0.1, 0.5, 0.9]", a vertical line in the middle)
  --mqtt ADDR    also publish each crossing to this MQTT broker, HOST:PORT,
                 on topic people-counter/crossings
  -h, --help     print this and exit`;

/** Prints @message and the usage on stderr and exits 2, as for a wrong command line. */
function usageError(message) {
  console.error(`people-counter: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        video: { type: "string", default: DEFAULT_VIDEO },
        out: { type: "string", default: join(root, "out", "people-counter") },
        line: { type: "string", default: "[0.5, 0.1, 0.5, 0.9]" },
        mqtt: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    usageError(e.message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!existsSync(values.video) || !statSync(values.video).isFile())
    usageError(`--video ${values.video}: no such file` +
      (values.video === DEFAULT_VIDEO ? " (Debian's opencv-doc has it: npm start installs it)" : ""));
  if (existsSync(values.out) && !statSync(values.out).isDirectory()) usageError(`--out ${values.out} is not a folder`);
  let line;
  try {
    line = JSON.parse(values.line);
  } catch {
    line = null;
  }
  if (!Array.isArray(line) || line.length !== 4 || !line.every((v) => typeof v === "number" && v >= 0 && v <= 1))
    usageError(`--line must be four numbers from 0 to 1, as "[x1, y1, x2, y2]", not ${values.line}`);
  if (line[0] === line[2] && line[1] === line[3]) usageError(`--line ${values.line} is a point, not a line`);
  if (values.mqtt !== undefined && !/^[^\s:]+:\d{1,5}$/.test(values.mqtt))
    usageError(`--mqtt must be HOST:PORT, not ${values.mqtt}`);
  return { ...values, line };
}

const values = parseCommandLine();
const mqttTopic = "people-counter/crossings";
const out = resolve(values.out);
// What a run writes in the output folder, and nothing else there is its.
const written = {
  results: join(out, "results.json"),
  crossings: join(out, "crossings.jsonl"),
  annotated: join(out, "annotated.webm"),
  sheet: join(out, "contact-sheet.png"),
  moments: join(out, "moments"),
  modules: join(out, "modules"),
};
const SNAPSHOT = /^snapshot-\d+\.png$/;
// At most this many key moments on the contact sheet, 3 to a row.
const SHEET_TILES = 12;

async function buildModules() {
  const dir = written.modules;
  mkdirSync(dir, { recursive: true });
  const modules = {};
  for (const name of ["detector", "tracker", "counter", "moments"]) {
    modules[name] = (await build(join(here, `${name}.ts`), { outfile: join(dir, `${name}.js`) })).outfile;
  }
  return modules;
}

function pipeline(modules) {
  const kwarg = JSON.stringify({ line: values.line, draw: true, progressEvery: 100 });
  return [
    "filesrc", `location=${values.video}`, "!", "decodebin", "!", "videoconvert", "!",
    "video/x-raw,format=RGB", "!",
    "gvajs", `module=${modules.detector}`, "class=MotionDetector", "!",
    "gvajs", `module=${modules.tracker}`, "class=Tracker", "!",
    "gvajs", `module=${modules.counter}`, "class=LineCounter", `kwarg=${kwarg}`, "!",
    // The counter adds each crossing as a message: published as it happens.
    "gvajspublish", "method=file", `file-path=${written.crossings}`,
    "file-format=json-lines", "!",
    ...(values.mqtt ? ["gvajspublish", "method=mqtt", `address=${values.mqtt}`,
      `topic=${mqttTopic}`, "max-connect-attempts=5", "!"] : []),
    "tee", "name=t",
    // VP8 in WebM (gst-plugins-good): what a browser or any player opens.
    "t.", "!", "queue", "!", "videoconvert", "!", "vp8enc", "deadline=1", "cpu-used=4", "threads=2",
    "target-bitrate=1000000", "keyframe-max-dist=100", "!", "webmmux", "!",
    "filesink", `location=${written.annotated}`,
    "t.", "!", "queue", "!", "gvajs", `module=${modules.moments}`, "function=snapshot", "!",
    "videoconvert", "!", "pngenc", "!", "multifilesink", "async=false", `location=${join(out, "snapshot-%02d.png")}`,
    // The frames on which someone crossed, for the contact sheet; the
    // sink must not wait for a first frame to preroll (it may never come).
    "t.", "!", "queue", "!", "gvajs", `module=${modules.moments}`, "function=crossing", "!", "videoconvert", "!", "pngenc", "!",
    "multifilesink", "async=false", `location=${join(written.moments, "moment-%03d.png")}`,
  ];
}

/** Up to SHEET_TILES of @files, evenly spread, tiled 3 to a row at half size into @sheet. */
function contactSheet(files, sheet) {
  const step = Math.max(1, files.length / SHEET_TILES);
  const picked = [];
  for (let i = 0; i < files.length && picked.length < SHEET_TILES; i += step) picked.push(files[Math.floor(i)]);
  const w = 384, h = 288, args = ["compositor", "name=c", "background=black"];
  picked.forEach((_, i) => args.push(`sink_${i}::xpos=${(i % 3) * w}`, `sink_${i}::ypos=${Math.floor(i / 3) * h}`));
  args.push("!", "videoconvert", "!", "pngenc", "!", "filesink", `location=${sheet}`);
  picked.forEach((file, i) => args.push("filesrc", `location=${file}`, "!", "pngdec", "!", "videoconvert", "!",
    "videoscale", "!", `video/x-raw,format=AYUV,width=${w},height=${h}`, "!", "imagefreeze", "num-buffers=1", "!", `c.sink_${i}`));
  return picked.length ? run(args).then((r) => (r.code === 0 ? picked : [])) : Promise.resolve([]);
}

function run(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("gst-launch-1.0", ["-q", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const results = { events: [], totals: null, tracker: null, detector: null };
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
        else if (record.detector) results.detector = record.detector;
      }
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (errors.trim()) console.error(errors.trimEnd());
      resolvePromise({ code, results });
    });
  });
}

/** The snapshots in the output folder, in order: what matches SNAPSHOT, not every file there. */
const snapshotFiles = () => readdirSync(out).filter((f) => SNAPSHOT.test(f)).sort().map((f) => join(out, f));

// What an earlier run wrote, and only that: --out may hold other files.
if (existsSync(out)) {
  for (const path of [...Object.values(written), ...snapshotFiles()]) rmSync(path, { recursive: true, force: true });
}
mkdirSync(written.moments, { recursive: true });
const modules = await buildModules();
process.env.GST_PLUGIN_PATH = [join(root, "build", "plugin"), process.env.GST_PLUGIN_PATH].filter(Boolean).join(":");
console.log(`people-counter: ${values.video}`);
const { code, results } = await run(pipeline(modules));
if (code !== 0 || results.totals === null) {
  console.error(`people-counter: gst-launch-1.0 failed (exit ${code})`);
  process.exit(code || 1);
}
const snapshots = snapshotFiles();
const moments = readdirSync(written.moments).sort().map((f) => join(written.moments, f));
const sheet = written.sheet;
const tiles = await contactSheet(moments, sheet);
const report = {
  video: values.video,
  line: values.line,
  totals: results.totals,
  tracker: results.tracker,
  detector: results.detector,
  events: results.events,
  outputs: {
    annotated: written.annotated,
    annotatedBytes: statSync(written.annotated).size,
    crossings: written.crossings,
    snapshots,
    contactSheet: tiles.length ? sheet : null,
    keyMoments: tiles,
  },
};
writeFileSync(written.results, JSON.stringify(report, null, 2) + "\n");
const t = results.totals, k = results.tracker;
console.log(`people-counter: ${t.frames} frames, ${results.detector.regions} person detections, ` +
  `${k.tracksStarted} tracks (${k.tracksAtLeast10Frames} lasting 10 frames or more), ` +
  `${t.crossings} crossings (${t.forward} forward, ${t.backward} backward)`);
console.log(`people-counter: wrote ${written.results}, annotated.webm ` +
  `(${(report.outputs.annotatedBytes / 1e6).toFixed(1)} MB), ${snapshots.length} snapshots and a contact sheet of ` +
  `${tiles.length} crossings`);
