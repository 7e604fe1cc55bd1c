// End-to-end: the face-gallery sample on OpenCV's Megamind.avi. A gallery
// is built from the faces labels.json names in the first part of the clip,
// then every face of the clip is matched against it: labels must hold still
// along a face's track, the labelled faces must be recognised, and a face
// whose identity is taken out of the gallery must become "unknown".
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gstEnv, gstLaunch, root, run } from "./util.mjs";

const runner = join(root, "samples/face-gallery/run.mjs");
const labels = JSON.parse(readFileSync(join(root, "samples/face-gallery/labels.json"), "utf8"));
const out = mkdtempSync(join(tmpdir(), "gvajs-faces-"));
const galleryPath = join(out, "gallery.json");

function runSample(args) {
  return run("node", [runner, "--out", out, ...args], { env: gstEnv(), timeoutMs: 300000 });
}

function iou(a, b) {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

/**
 * Consecutive detections of the same face: each face paired with the face
 * of the previous frame that overlaps it most (IoU ≥ 0.3). Returns how many
 * pairs there are and how many kept their label.
 */
function stability(frames) {
  let pairs = 0;
  let same = 0;
  for (let i = 1; i < frames.length; i++) {
    for (const face of frames[i].faces) {
      let prev;
      let best = 0.3;
      for (const p of frames[i - 1].faces) {
        const overlap = iou(p.box, face.box);
        if (overlap >= best) [prev, best] = [p, overlap];
      }
      if (prev === undefined) continue;
      pairs++;
      if (prev.label === face.label) same++;
    }
  }
  return { pairs, same, ratio: same / pairs };
}

/** The face labels.json names on a frame, picked as the builder picks it. */
function labelledFace(frame, label, width, height) {
  const [x1, y1, x2, y2] = label.area ?? [0, 0, 1, 1];
  const inside = frame.faces.filter(({ box: [x, y, w, h] }) => {
    const cx = (x + w / 2) / width;
    const cy = (y + h / 2) / height;
    return cx >= x1 && cx <= x2 && cy >= y1 && cy <= y2;
  });
  return inside.reduce((a, b) => (a === undefined || b.box[2] * b.box[3] > a.box[2] * a.box[3] ? b : a), undefined);
}

/** Per label: how the faces it names were labelled, e.g. {roxanne: 88, unknown: 1}. */
function labelledOutcomes(frames) {
  const outcomes = {};
  for (const label of labels) {
    const counts = (outcomes[label.name] = {});
    for (const frame of frames.slice(label.frames[0], label.frames[1] + 1)) {
      const face = labelledFace(frame, label, 720, 528); // Megamind.avi is 720×528
      if (face) counts[face.label] = (counts[face.label] ?? 0) + 1;
    }
  }
  return outcomes;
}

const share = (counts, name) => (counts[name] ?? 0) / Object.values(counts).reduce((a, b) => a + b, 0);

let full;

test("build-gallery writes a gallery from the labelled faces", async () => {
  const r = await runSample(["--build-gallery"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /gallery of \d+ rows, dim 192/);
  const gallery = JSON.parse(readFileSync(galleryPath, "utf8"));
  assert.equal(gallery.dim, 192);
  assert.equal(gallery.mean.length, 192);
  assert.deepEqual(new Set(gallery.identities.map((i) => i.name)), new Set(labels.map((l) => l.name)));
  for (const row of gallery.identities) {
    const label = labels.find((l) => l.name === row.name);
    assert.ok(row.frames[0] >= label.frames[0] && row.frames[1] <= label.frames[1], JSON.stringify(row.frames));
    assert.equal(row.embedding.length, 192);
    assert.ok(Math.abs(Math.hypot(...row.embedding) - 1) < 1e-6);
  }
});

test("labels hold along each face's track and the labelled faces are recognised", async (t) => {
  const r = await runSample(["--gallery", galleryPath]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  full = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  assert.equal(full.frames.length, 270);
  assert.equal(full.summary.faces, full.frames.reduce((n, f) => n + f.faces.length, 0));
  assert.match(r.stdout, new RegExp(`270 frames, ${full.summary.faces} faces`));
  const names = new Set([...labels.map((l) => l.name), "unknown"]);
  for (const frame of full.frames) {
    for (const face of frame.faces) {
      assert.ok(names.has(face.label), face.label);
      assert.equal(face.source, "pixels");
      assert.equal(face.label === "unknown", face.similarity < full.threshold);
    }
  }
  const s = stability(full.frames);
  t.diagnostic(`stability: ${s.same}/${s.pairs} consecutive detections kept their label (${(100 * s.ratio).toFixed(1)}%)`);
  assert.ok(s.pairs > 200, `pairs ${s.pairs}`);
  assert.ok(s.ratio >= 0.9, `stability ${s.ratio}`);
  const outcomes = labelledOutcomes(full.frames);
  t.diagnostic(`labelled faces: ${JSON.stringify(outcomes)}`);
  for (const [name, counts] of Object.entries(outcomes)) assert.ok(share(counts, name) >= 0.9, `${name}: ${JSON.stringify(counts)}`);
  // The rest of the clip was never labelled: names there must still be
  // gallery names or "unknown" (checked above); report how they came out.
  const last = Math.max(...labels.map((l) => l.frames[1]));
  const later = {};
  for (const frame of full.frames.slice(last + 1)) for (const f of frame.faces) later[f.label] = (later[f.label] ?? 0) + 1;
  t.diagnostic(`frames after ${last}: ${JSON.stringify(later)}`);
});

test("a face taken out of the gallery is unknown; embedding tensors match like pixels", async (t) => {
  assert.ok(full, "needs the previous test's results");
  const removed = labels.at(-1).name;
  const gallery = JSON.parse(readFileSync(galleryPath, "utf8"));
  gallery.identities = gallery.identities.filter((i) => i.name !== removed);
  const reducedDir = join(out, "reduced");
  mkdirSync(reducedDir, { recursive: true });
  const reducedPath = join(reducedDir, "gallery.json");
  writeFileSync(reducedPath, JSON.stringify(gallery));
  // --embedder: an upstream gvajs attaches each face's descriptor as an
  // "embedding" tensor, and the matcher takes it from there.
  const r = await runSample(["--gallery", reducedPath, "--embedder"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const reduced = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  const outcomes = labelledOutcomes(reduced.frames);
  t.diagnostic(`without ${removed}: ${JSON.stringify(outcomes)}`);
  assert.ok(share(outcomes[removed], "unknown") >= 0.9, JSON.stringify(outcomes[removed]));
  for (const [name, counts] of Object.entries(outcomes)) {
    if (name !== removed) assert.ok(share(counts, name) >= 0.9, `${name}: ${JSON.stringify(counts)}`);
  }
  // Same faces, same descriptor, one through a tensor: the same scores.
  let compared = 0;
  let faces = 0;
  reduced.frames.forEach((frame, i) => {
    for (const face of frame.faces) {
      faces++;
      assert.equal(face.source, "tensor");
      assert.equal(face.scores[removed], undefined);
      const twin = full.frames[i].faces.find((f) => f.box.join() === face.box.join());
      if (twin === undefined) continue;
      compared++;
      for (const [name, score] of Object.entries(face.scores)) assert.ok(Math.abs(score - twin.scores[name]) < 1e-5, name);
    }
  });
  assert.ok(compared >= 0.95 * faces, `${compared} of ${faces} faces found in both runs`);
});

test("a missing gallery, or one outside allow-read, fails with a clear message", async () => {
  const missing = await runSample(["--gallery", join(out, "missing.json")]);
  assert.equal(missing.signal, null, missing.stderr);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /no gallery at '[^']*missing\.json': build one first with --build-gallery/);
  // The module run.mjs built, with allow-read pointing elsewhere.
  const module = join(out, "modules", "gallery.js");
  const elsewhere = mkdtempSync(join(tmpdir(), "gvajs-faces-other-"));
  const kwarg = JSON.stringify({ gallery: galleryPath });
  const outside = await gstLaunch(
    `videotestsrc num-buffers=1 ! gvajs module=${module} class=FaceGallery allow-read=${elsewhere} kwarg='${kwarg}' ! fakesink`);
  assert.equal(outside.signal, null, outside.stderr);
  assert.notEqual(outside.code, 0);
  assert.match(outside.stdout + outside.stderr, /readJSON\('[^']*gallery\.json'\): '[^']*' is outside the allow-read folders/);
  // The element's own message when the file is not there.
  const gone = await gstLaunch(
    `videotestsrc num-buffers=1 ! gvajs module=${module} class=FaceGallery allow-read=${elsewhere} ` +
    `kwarg='${JSON.stringify({ gallery: join(elsewhere, "gallery.json") })}' ! fakesink`);
  assert.equal(gone.signal, null, gone.stderr);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stdout + gone.stderr, /readJSON\('[^']*gallery\.json'\): No such file or directory/);
  // A gallery whose embeddings do not have "dim" values.
  const broken = join(elsewhere, "broken.json");
  writeFileSync(broken, JSON.stringify({ dim: 192, identities: [{ name: "x", embedding: [1, 2, 3] }] }));
  const bad = await gstLaunch(
    `videotestsrc num-buffers=1 ! gvajs module=${module} class=FaceGallery allow-read=${elsewhere} ` +
    `kwarg='${JSON.stringify({ gallery: broken })}' ! fakesink`);
  assert.equal(bad.signal, null, bad.stderr);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stdout + bad.stderr, /identity 0 \('x'\): "embedding" must be 192 numbers/);
});

test("build mode refuses labels it cannot use", async () => {
  const module = join(out, "modules", "gallery.js");
  const kwarg = JSON.stringify({ mode: "build", labels: [{ name: "a", frames: [10, 5] }] });
  const r = await gstLaunch(`videotestsrc num-buffers=1 ! gvajs module=${module} class=FaceGallery kwarg='${kwarg}' ! fakesink`);
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stdout + r.stderr, /label 0: expected \{"name": string/);
});

test("the sample's TypeScript type-checks", async () => {
  const r = await run("node", [join(root, "ts-api/bin/gvajs.js"), "check", join(root, "samples/face-gallery/gallery.ts")],
    { env: process.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
});
