#!/usr/bin/env node
// Runs the face gallery on a video (default: OpenCV's Megamind.avi, Debian
// package opencv-doc): facedetect finds faces, gallery.ts describes each one
// and matches it against a gallery of known faces.
//
//   node samples/face-gallery/run.mjs --build-gallery [--labels FILE]
//       collects the faces that labels.json names (frame ranges and areas
//       of the picture) and writes the gallery: per name, one averaged
//       embedding per --exemplar-frames labelled faces.
//   node samples/face-gallery/run.mjs [--gallery FILE] [--threshold T]
//       labels every face with the best gallery name, or "unknown", and
//       writes results.json (every frame's faces, and the totals).
//
// Other options: --video FILE, --out DIR (default out/face-gallery; the
// gallery defaults to DIR/gallery.json), --min-face PIXELS (facedetect's
// smallest face), --embedder (an upstream gvajs attaches the descriptor as
// an "embedding" tensor, the way a re-identification network would, and the
// matcher reads the tensor instead of the pixels).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "../../ts-api/dist/build.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const { values } = parseArgs({
  options: {
    "build-gallery": { type: "boolean", default: false },
    video: { type: "string", default: "/usr/share/doc/opencv-doc/examples/data/Megamind.avi" },
    out: { type: "string", default: join(root, "out", "face-gallery") },
    gallery: { type: "string" },
    labels: { type: "string", default: join(here, "labels.json") },
    threshold: { type: "string", default: "0.5" },
    "exemplar-frames": { type: "string", default: "10" },
    "min-face": { type: "string", default: "64" },
    embedder: { type: "boolean", default: false },
  },
});
const out = resolve(values.out);
const galleryPath = resolve(values.gallery ?? join(out, "gallery.json"));

function fail(message) {
  console.error(`face-gallery: ${message}`);
  process.exit(1);
}

function pipeline(module, kwarg) {
  const minFace = Number(values["min-face"]);
  const gallery = ["gvajs", `module=${module}`, "class=FaceGallery", `kwarg=${JSON.stringify(kwarg)}`];
  if (kwarg.mode === "match") gallery.push(`allow-read=${dirname(galleryPath)}`);
  const embedder = values.embedder
    ? ["gvajs", `module=${module}`, "class=FaceGallery", `kwarg=${JSON.stringify({ mode: "embed" })}`, "!"]
    : [];
  return [
    "filesrc", `location=${values.video}`, "!", "decodebin", "!", "videoconvert", "!",
    "video/x-raw,format=RGB", "!",
    // The default frontal-face cascade; faces smaller than --min-face are
    // skipped, which also saves facedetect the smallest scales.
    "facedetect", "display=false", `min-size-width=${minFace}`, `min-size-height=${minFace}`, "!",
    ...embedder, ...gallery, "!", "fakesink", "sync=false",
  ];
}

/** Runs gst-launch-1.0; resolves {code, records, errors} with the JSON lines of stdout. */
function run(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("gst-launch-1.0", ["-q", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const records = [];
    let pending = "";
    child.stdout.on("data", (chunk) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith("{")) records.push(JSON.parse(line));
        else if (line) console.log(line);
      }
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      // OpenCV complains about optional cascades facedetect does not need.
      const real = errors.split("\n").filter((l) => l && !l.includes("Can't open file") && !l.includes("haarcascade_mcs"));
      if (real.length) console.error(real.join("\n"));
      resolvePromise({ code, records, errors: real.join("\n") });
    });
  });
}

const sub = (a, b) => a.map((v, i) => v - b[i]);
function normalize(a) {
  const n = Math.hypot(...a);
  return n > 0 ? a.map((v) => v / n) : a;
}

/**
 * The gallery from the labelled samples: the mean of all samples (each
 * descriptor is centred by it before comparing, so what every face shares —
 * skin, a dark background — does not count as likeness), and per name one
 * row per `every` consecutive samples: the normalized mean of their
 * centred, normalized descriptors. Several rows per name cover the poses a
 * face takes.
 */
function makeGallery(samples, every) {
  const dim = samples[0].embedding.length;
  const mean = new Array(dim).fill(0);
  for (const s of samples) s.embedding.forEach((v, i) => (mean[i] += v / samples.length));
  const identities = [];
  const names = [...new Set(samples.map((s) => s.name))];
  for (const name of names) {
    const own = samples.filter((s) => s.name === name).sort((a, b) => a.frame - b.frame);
    for (let i = 0; i < own.length; i += every) {
      const chunk = own.slice(i, i + every);
      const sum = new Array(dim).fill(0);
      for (const s of chunk) normalize(sub(s.embedding, mean)).forEach((v, j) => (sum[j] += v));
      identities.push({ name, frames: [chunk[0].frame, chunk.at(-1).frame], faces: chunk.length, embedding: normalize(sum) });
    }
  }
  return { dim, source: samples[0].source, mean, identities };
}

mkdirSync(out, { recursive: true });
const { outfile: module } = await build(join(here, "gallery.ts"), { outfile: join(out, "modules", "gallery.js") });
const buildDir = process.env.GVAJS_BUILD_DIR ?? join(root, "build");
process.env.GST_PLUGIN_PATH = [join(buildDir, "plugin"), process.env.GST_PLUGIN_PATH].filter(Boolean).join(":");
console.log(`face-gallery: ${values.video}`);

if (values["build-gallery"]) {
  let labels;
  try {
    labels = JSON.parse(readFileSync(values.labels, "utf8"));
  } catch (e) {
    fail(`cannot read the labels '${values.labels}': ${e.message}`);
  }
  const every = Number(values["exemplar-frames"]);
  if (!Number.isInteger(every) || every < 1) fail(`--exemplar-frames must be a positive integer`);
  const { code, records } = await run(pipeline(module, { mode: "build", labels }));
  if (code !== 0) fail(`gst-launch-1.0 failed (exit ${code})`);
  const samples = records.filter((r) => r.sample).map((r) => r.sample);
  if (samples.length === 0) fail(`no face matched the labels in '${values.labels}'`);
  const gallery = makeGallery(samples, every);
  mkdirSync(dirname(galleryPath), { recursive: true });
  writeFileSync(galleryPath, JSON.stringify(gallery) + "\n");
  const perName = [...new Set(gallery.identities.map((r) => r.name))].map((name) => {
    const rows = gallery.identities.filter((r) => r.name === name);
    return `${name} ${rows.reduce((n, r) => n + r.faces, 0)} faces → ${rows.length} rows`;
  });
  console.log(`face-gallery: gallery of ${gallery.identities.length} rows, dim ${gallery.dim}: ${perName.join(", ")}`);
  console.log(`face-gallery: wrote ${galleryPath}`);
} else {
  const threshold = Number(values.threshold);
  if (!Number.isFinite(threshold)) fail(`--threshold must be a number`);
  if (!existsSync(galleryPath)) fail(`no gallery at '${galleryPath}': build one first with --build-gallery`);
  const { code, records } = await run(pipeline(module, { mode: "match", gallery: galleryPath, threshold }));
  if (code !== 0) fail(`gst-launch-1.0 failed (exit ${code})`);
  const frames = records.filter((r) => Array.isArray(r.faces));
  const labels = {};
  for (const f of frames) for (const face of f.faces) labels[face.label] = (labels[face.label] ?? 0) + 1;
  const faces = frames.reduce((n, f) => n + f.faces.length, 0);
  const summary = { frames: frames.length, faces, labels };
  const report = { video: values.video, gallery: galleryPath, threshold, embedder: values.embedder, summary, frames };
  writeFileSync(join(out, "results.json"), JSON.stringify(report) + "\n");
  const counts = Object.entries(labels).map(([name, n]) => `${name} ${n}`).join(", ");
  console.log(`face-gallery: ${frames.length} frames, ${faces} faces: ${counts}`);
  console.log(`face-gallery: wrote ${join(out, "results.json")}`);
}
