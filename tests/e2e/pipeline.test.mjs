// End-to-end: gst-launch-1.0 pipelines through this build's gvajs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fixtures, gstEnv, gstLaunch, opencvData, root, run } from "./util.mjs";

const fixture = (name) => join(fixtures, name);

test("process_frame runs once per buffer and hooks see the count", async () => {
  const r = await gstLaunch(
    `videotestsrc num-buffers=300 ! gvajs module=${fixture("count.js")} ! fakesink`,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "start 0\neos 300\nstop 300\n");
});

test("two branches each run their own runtime", async () => {
  const count = fixture("count.js");
  const r = await gstLaunch(
    `videotestsrc num-buffers=50 ! tee name=t ` +
      `t. ! queue ! gvajs module=${count} ! fakesink ` +
      `t. ! queue ! gvajs module=${count} ! fakesink`,
  );
  assert.equal(r.code, 0, r.stderr);
  const eos = r.stdout.split("\n").filter((l) => l.startsWith("eos"));
  assert.deepEqual(eos, ["eos 50", "eos 50"]);
});

test("a syntax error stops gst-launch with file:line:col", async () => {
  const r = await gstLaunch(
    `videotestsrc num-buffers=1 ! gvajs module=${fixture("syntax_error.js")} ! fakesink`,
  );
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /syntax_error\.js:3:14: SyntaxError: unexpected token/);
});

test("an invalid arg is reported at start without a GStreamer-CRITICAL", async () => {
  // With GST_DEBUG set, logging before any runtime existed once hit an
  // uninitialised debug category.
  const r = await gstLaunch(
    `videotestsrc num-buffers=1 ! gvajs module=${fixture("count.js")} arg='[1,' ! fakesink`,
    { env: gstEnv({ GST_DEBUG: "2" }) },
  );
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.doesNotMatch(r.stderr, /CRITICAL/);
  assert.match(r.stderr, /property 'arg': '\[1,' is not valid JSON/);
});

test("an exception in process_frame fails the pipeline with the JS stack", async () => {
  const r = await gstLaunch(
    // async=false: GStreamer 1.22's gst-launch may never exit after an
    // error while prerolling (README, Troubleshooting).
    `videotestsrc num-buffers=5 ! gvajs module=${fixture("throws.js")} ! fakesink async=false`,
  );
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /throws\.js:4:\d+: TypeError: frame 2 rejected \(in process_frame\)/);
  assert.match(r.stderr, /at check \(/);
});

test("the motion sample measures OpenCV's pedestrian video", async () => {
  const r = await gstLaunch(
    `filesrc location=${opencvData}/vtest.avi ! decodebin ! videoconvert ! ` +
      `video/x-raw,format=RGB ! gvajs module=${join(root, "samples/motion/motion.js")} ` +
      `class=MotionMeter kwarg='{"every": 400}' ! fakesink`,
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.match(lines[0], /^frame 400: \d+\.\d% of the picture moving$/);
  const summary = JSON.parse(lines.at(-1));
  assert.equal(summary.frames, 795);
  // People walk through the whole clip: some, but never most, of it moves.
  assert.ok(summary.meanMovingPercent > 0.2 && summary.meanMovingPercent < 20,
    JSON.stringify(summary));
  assert.ok(summary.busiestFrame > 0);
});

test("the motion sample names the format it needs when given another", async () => {
  const r = await gstLaunch(
    `videotestsrc num-buffers=2 ! video/x-raw,format=NV12,width=64,height=48 ! ` +
      `gvajs module=${join(root, "samples/motion/motion.js")} class=MotionMeter ! fakesink async=false`,
  );
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /motion\.js needs RGB or BGR, got NV12/);
});

test("gst-inspect-1.0 documents every property", async () => {
  const r = await run("gst-inspect-1.0", ["gvajs"]);
  assert.equal(r.code, 0, r.stderr);
  for (const prop of ["module", "function", "class", "arg", "kwarg", "time-budget",
    "load-time-budget", "memory-limit", "stack-size", "on-error", "error-count",
    "allow-read", "reload"]) {
    assert.match(r.stdout, new RegExp(`\\n  ${prop} +: \\S`), prop);
  }
  assert.match(r.stdout, /Default: "process_frame"/);
});

test("gst-inspect-1.0 shows the package-origin option's default", async () => {
  const r = await run("gst-inspect-1.0", ["gvajs"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\n  Origin URL +Unknown package origin\n/);
  assert.match(r.stdout, /\n  Binary package +gvajs\n/);
});
