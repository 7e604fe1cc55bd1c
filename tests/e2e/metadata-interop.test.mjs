// Metadata interop: Python (PyGObject + ctypes, tests/e2e/python/) reads
// what gvajs writes and writes what gvajs reads, using only DL Streamer's
// wire format; and facedetect's regions look the same to gvajs as to a
// Python probe. Needs /usr/bin/python3 with python3-gst-1.0.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, gstEnv, opencvData, root, run } from "./util.mjs";

const python = "/usr/bin/python3";
const scripts = join(root, "tests", "e2e", "python");
const interop = join(fixtures, "meta", "interop.js");
const scratch = mkdtempSync(join(tmpdir(), "gvajs-interop-"));

// No __pycache__ in the source tree.
const env = gstEnv({ PYTHONDONTWRITEBYTECODE: "1" });

// Said, not silent, when a machine lacks what a test needs.
const gi = spawnSync(python, ["-c",
  "import gi; gi.require_version('Gst', '1.0'); gi.require_version('GstVideo', '1.0')"]);
const noPython = gi.status === 0 ? false :
  `${python} with PyGObject (python3-gst-1.0) is not installed`;
const megamind = join(opencvData, "Megamind.avi");
const facedetect = spawnSync("gst-inspect-1.0", ["facedetect"], { env });
const noFaces = noPython || (!existsSync(megamind) ?
  `${megamind} is missing (Debian package opencv-doc)` :
  facedetect.status !== 0 ? "facedetect is missing (gstreamer1.0-opencv)" : false);

async function py(script, args) {
  const r = await run(python, [join(scripts, script), ...args], { env });
  assert.equal(r.code, 0, `${script}: ${r.stderr}`);
  return r;
}

const fields = (structure) => Object.fromEntries(
  Object.entries(structure.fields).map(([k, v]) => [k, v.type]));

const floatBytes = (values) =>
  Buffer.from(new Float32Array(values).buffer).toString("hex");

test("Python reads the regions, params and tensors gvajs wrote", { skip: noPython }, async () => {
  const out = join(scratch, "read.json");
  await py("read_gvajs.py", [interop, "write_all", "2", out]);
  const frames = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(frames.length, 2);
  const [car, person] = frames[0].regions;

  assert.deepEqual({ ...car, params: undefined }, {
    label: "car", id: car.id, parent_id: 0, x: 10, y: 5, w: 20, h: 10,
    params: undefined,
  });
  // Ids are per buffer: 0-based ODMtd ids with GstAnalytics (GStreamer >=
  // 1.24), process-wide sequence numbers without it.
  assert.ok(car.id >= 0 && person.id >= 0 && car.id !== person.id);
  const [detection, objectId, color] = car.params;
  assert.equal(detection.name, "detection");
  assert.deepEqual(fields(detection), {
    x_min: "gdouble", y_min: "gdouble", x_max: "gdouble", y_max: "gdouble",
    confidence: "gdouble", label_id: "gint",
  });
  assert.deepEqual(
    Object.values(detection.fields).map((v) => v.value),
    [0.1, 0.1, 0.3, 0.3, 0.75, 2]);
  assert.deepEqual(objectId, { name: "object_id",
    fields: { id: { type: "gint", value: 31 } } });

  // A classification tensor with DL Streamer's field types.
  assert.equal(color.name, "color");
  assert.deepEqual(fields(color), {
    label: "gchararray", confidence: "gdouble", label_id: "gint",
    type: "gchararray", data_buffer: "GVariant", precision: "gint",
    dims: "GstValueArray",
  });
  assert.equal(color.fields.data_buffer.variant, "ay");
  assert.equal(color.fields.data_buffer.bytes, floatBytes([0.25, 0.5, -1]));
  assert.equal(color.fields.precision.value, 10);
  assert.deepEqual(color.fields.dims.items,
    [{ type: "guint", value: 1 }, { type: "guint", value: 3 }]);

  // Normalized input becomes pixels; no label_id when none was given.
  assert.deepEqual([person.label, person.x, person.y, person.w, person.h],
    ["person", 50, 25, 50, 25]);
  assert.deepEqual(fields(person.params[0]), {
    x_min: "gdouble", y_min: "gdouble", x_max: "gdouble", y_max: "gdouble",
    confidence: "gdouble",
  });

  // A frame tensor (GstGVATensorMeta) and a message (GstGVAJSONMeta).
  const [tensor] = frames[0].tensors;
  assert.equal(tensor.name, "inference_layer_name:out");
  assert.equal(tensor.fields.precision.value, 30);
  assert.equal(tensor.fields.data_buffer.bytes,
    Buffer.from(new Int16Array([1, -2, 300, 4]).buffer).toString("hex"));
  assert.deepEqual(tensor.fields.dims.items.map((i) => i.value), [2, 2]);
  assert.equal(tensor.fields.layer_name.value, "out");
  assert.deepEqual(frames[0].messages, ['{"frame":"meta","n":2}']);
  // Each frame carries its own regions.
  const withoutIds = (f) => f.regions.map(({ id, ...rest }) => rest);
  assert.deepEqual(withoutIds(frames[1]), withoutIds(frames[0]));
});

test("gvajs reads the regions, params and tensors Python wrote", { skip: noPython }, async () => {
  const r = await py("write_for_gvajs.py", [interop, "2"]);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 2, r.stdout);
  const frame = JSON.parse(lines[0]);
  const [face, cat] = frame.regions;

  // A bare ROI meta, as facedetect writes: box and label, nothing else.
  assert.deepEqual(face, {
    label: "face", rect: { x: 5, y: 6, w: 7, h: 8 },
    normalizedRect: { x: 0.05, y: 0.12, w: 0.07, h: 0.16 },
    labelId: null, confidence: null, objectId: null, regionId: 0,
    parentId: 0, detection: null, tensors: [],
  });
  assert.deepEqual(
    [cat.label, cat.rect, cat.labelId, cat.confidence, cat.objectId,
      cat.regionId, cat.parentId, cat.detection],
    ["cat", { x: 10, y: 20, w: 30, h: 15 }, 4, 0.8, 9, 1234, 77, "detection"]);
  assert.ok(Math.abs(cat.normalizedRect.w - 0.3) < 1e-12);
  // Every param but object_id, in order.
  assert.deepEqual(cat.tensors.map((t) => t.name),
    ["detection", "species", "inference_layer_name:feat"]);
  assert.deepEqual(cat.tensors[1].fields, { label: "tabby", confidence: 0.6,
    label_id: 2, type: "classification_result" });
  assert.deepEqual(cat.tensors[2], {
    name: "inference_layer_name:feat",
    fields: { layer_name: "feat", model_name: "net", precision: 10,
      layout: 193, dims: [1, 3] },
    data: [0.5, 1.5, -2], type: "Float32Array",
  });
  // The first gvajs's own tensor and message come first.
  assert.deepEqual(frame.tensors.map((t) => t.name),
    ["from_gvajs", "detection_output"]);
  assert.deepEqual(frame.tensors[1], {
    name: "detection_output",
    fields: { precision: 40, dims: [1, 4], element_id: "py0" },
    data: [1, 2, 3, 250], type: "Uint8Array",
  });
  assert.deepEqual(frame.messages, ["from gvajs", '{"from":"python"}']);
});

test("facedetect's regions: gvajs sees what a Python probe sees", { skip: noFaces }, async () => {
  const out = join(scratch, "faces.json");
  const r = await py("facedetect_probe.py",
    [megamind, interop, "60", out]);
  const probe = JSON.parse(readFileSync(out, "utf8"));
  const js = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(js.length, probe.length);
  assert.ok(js.length >= 60, `only ${js.length} frames`);
  js.forEach((frame, i) => assert.deepEqual(frame.regions, probe[i],
    `frame ${i}`));
  const faces = probe.flat();
  // Megamind has faces in most frames: the comparison is not vacuous.
  assert.ok(faces.length > 60, `${faces.length} faces`);
  assert.ok(faces.every((f) => f.label === "face" && f.w > 0));
});

const audioInterop = join(fixtures, "meta", "audio_interop.js");
const lines = (stdout) => stdout.trim().split("\n").map((l) => JSON.parse(l));

test("Python reads the audio events, tensors and messages gvajs wrote", { skip: noPython }, async () => {
  const frames = lines((await py("audio_interop.py", ["read", audioInterop])).stdout);
  assert.equal(frames.length, 3);
  frames.forEach((frame, i) => {
    const [speech, click] = frame.events;
    // The default segment is the buffer's span: 800 samples at 8 kHz.
    assert.deepEqual({ ...speech, params: undefined }, {
      label: "speech", id: 0, start: i * 1e8, end: (i + 1) * 1e8, params: undefined,
    });
    assert.deepEqual(speech.params, [
      { name: "detection", fields: { confidence: { type: "gdouble", value: 0.75 },
        label_id: { type: "gint", value: 2 } } },
      { name: "loudness", fields: { rms: { type: "gdouble", value: -20.5 } } },
    ]);
    assert.deepEqual(click, { label: "click", id: 1, start: 7, end: 9,
      params: [{ name: "detection", fields: {} }] });
    assert.deepEqual(frame.tensors, [{ name: "audio_summary",
      fields: { samples: { type: "gint", value: 800 } } }]);
    assert.deepEqual(frame.messages, ['{"events":2}']);
  });
});

test("gvajs reads the audio events Python wrote as DL Streamer does", { skip: noPython }, async () => {
  const frames = lines((await py("audio_interop.py", ["write", audioInterop])).stdout);
  assert.equal(frames.length, 3);
  for (const events of frames) {
    assert.deepEqual(events, [{
      label: "Speech", id: 0, segment: { start: 1000, end: 2000 }, confidence: 0.8, labelId: 5,
      tensors: [["detection", ["confidence", "label_id"]], ["keywords", ["label"]]],
    }]);
  }
});
