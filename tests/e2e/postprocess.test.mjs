// The gvapython post-processing samples, ported to TypeScript
// (samples/postprocess/), built with the gvajs build and fed synthetic
// model outputs by an upstream gvajs (tests/fixtures/meta/postprocess.js),
// as gvainference and gvaclassify leave them; a downstream gvajs prints
// what the sample wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../ts-api/dist/build.js";
import { fixtures, gstLaunch, root } from "./util.mjs";

const out = mkdtempSync(join(tmpdir(), "gvajs-postprocess-"));
const producer = join(fixtures, "meta", "postprocess.js");

async function sample(name) {
  const built = await build(join(root, "samples", "postprocess", `${name}.ts`),
    { outfile: join(out, `${name}.js`) });
  return built.outfile;
}

function pipeline(frames, from, module, properties, reader) {
  return `videotestsrc num-buffers=${frames} ! ` +
    "video/x-raw,format=GRAY8,width=100,height=50,framerate=30/1 ! " +
    `gvajs module=${producer} function=${from} ! ` +
    `gvajs module=${module} ${properties} ! ` +
    `gvajs module=${producer} function=${reader} ! fakesink`;
}

test("ssd_object_detection turns an SSD blob into regions", async () => {
  const r = await gstLaunch(pipeline(1, "ssd_output", await sample("ssd_object_detection"),
    `class=ObjectDetector kwarg='{"labels": ["bg", "face"]}'`, "print_regions"));
  assert.equal(r.code, 0, r.stderr);
  // Above the threshold, clipped, and nothing after the end marker.
  assert.equal(r.stdout,
    'face {"x":10,"y":10,"w":20,"h":20} id=1 conf=0.90 \n' +
    'face {"x":0,"y":25,"w":20,"h":25} id=1 conf=0.75 \n');
});

test("age_gender_classification labels the face tensors", async () => {
  const r = await gstLaunch(pipeline(1, "age_gender_output",
    await sample("age_gender_classification"), "class=AgeGenderConverter", "print_regions"));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout,
    'face {"x":0,"y":0,"w":30,"h":30} id=undefined conf=0.90 age=23/-/- gender=Female/0/0.90\n' +
    'face {"x":40,"y":0,"w":30,"h":30} id=undefined conf=0.90 age=41/-/- gender=Male/1/0.70\n');
});

test("age_logger logs each tracked face once and sums up at stop", async () => {
  const r = await gstLaunch(pipeline(2, "tracked_ages", await sample("age_logger"),
    `class=AgeLogger kwarg='{"prefix": "log"}'`, "quiet"));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout,
    "log frame=0 object=5 31\nlog frame=0 object=- 44\nlog frame=1 object=- 44+\n" +
    "log summary: 3 logged over 2 frames, 1 tracked objects\n");
});

test("age_logger appends its log to a file, as gvapython's did", async () => {
  const logs = mkdtempSync(join(tmpdir(), "gvajs-ages-"));
  const file = join(logs, "ages.log");
  const r = await gstLaunch(pipeline(2, "tracked_ages", await sample("age_logger"),
    `class=AgeLogger allow-write=${logs} kwarg='{"logFile": "${file}"}'`, "quiet"));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(readFileSync(file, "utf8"),
    "age frame=0 object=5 31\nage frame=0 object=- 44\nage frame=1 object=- 44+\n" +
    "age summary: 3 logged over 2 frames, 1 tracked objects\n");
});
