// End-to-end: the README's main job, the people counter, on OpenCV's
// pedestrian video: moving-blob detection, tracking, counting, publishing
// and the drawn overlay.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../ts-api/dist/build.js";
import { gstLaunch, root, run, startBroker, subscribe } from "./util.mjs";

const W = 768, H = 576;

/** A PNG's pixels as RGB bytes, decoded by GStreamer. */
async function rgbOf(png, dir) {
  const raw = join(dir, "frame.rgb");
  const r = await gstLaunch(`filesrc location=${png} ! pngdec ! videoconvert ! video/x-raw,format=RGB,width=${W},height=${H} ! filesink location=${raw}`);
  assert.equal(r.code, 0, r.stderr);
  return readFileSync(raw);
}

test("the people counter tracks, counts, draws, publishes and writes its results", async () => {
  const out = mkdtempSync(join(tmpdir(), "gvajs-people-"));
  const broker = await startBroker();
  const sub = await subscribe(broker, "people-counter/crossings");
  let r;
  try {
    r = await run("node", [join(root, "samples/people-counter/run.mjs"), "--out", out,
      "--mqtt", broker.address], { env: { ...process.env }, timeoutMs: 300000 });
    // Acknowledged before EOS; the subscriber may be a moment behind.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    sub.stop();
    await broker.stop();
  }
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /^frame 100: \d+ forward, \d+ backward, \d+ objects seen$/m);
  const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  const t = results.totals, k = results.tracker;
  assert.equal(t.frames, 795);
  // The moving-blob detector finds most of the ~5 people in view a frame
  // (the full-body cascade found about 2).
  assert.ok(t.regions / t.frames > 4 && t.regions / t.frames < 8, `regions a frame ${t.regions / t.frames}`);
  // Tracks that do not fragment: few of them, most lasting well over a
  // second (10 frames), none of them a one-frame flicker.
  assert.equal(t.objects, k.tracksStarted);
  assert.ok(k.tracksStarted >= 15 && k.tracksStarted <= 60, `tracks ${k.tracksStarted}`);
  assert.ok(k.tracksAtLeast10Frames >= 0.75 * k.tracksStarted, JSON.stringify(k));
  assert.ok(k.medianFrames >= 30, `median track ${k.medianFrames} frames`);
  assert.equal(t.crossings, t.forward + t.backward);
  assert.ok(t.forward >= 5 && t.backward >= 5 && t.crossings <= 45, JSON.stringify(t));
  assert.equal(results.events.length, t.crossings);
  // No id counts twice in the same direction.
  const seen = new Set();
  for (const e of results.events) {
    assert.equal(e.event, "crossing");
    assert.ok(Number.isInteger(e.objectId) && e.objectId > 0 && e.objectId <= k.tracksStarted);
    assert.ok(e.direction === "forward" || e.direction === "backward");
    const key = `${e.objectId} ${e.direction}`;
    assert.ok(!seen.has(key), `${key} counted twice`);
    seen.add(key);
  }
  // The same crossings, as they happened: in the file and at the broker.
  const published = readFileSync(join(out, "crossings.jsonl"), "utf8").trimEnd().split("\n");
  assert.deepEqual(published.map((l) => JSON.parse(l)), results.events);
  assert.deepEqual(sub.lines().map((l) => JSON.parse(l)), results.events);
  assert.match(r.stdout, new RegExp(`${t.crossings} crossings \\(${t.forward} forward, ${t.backward} backward\\)`));
  // A compressed video a person can open, and the pictures.
  const webm = join(out, "annotated.webm");
  assert.equal(readFileSync(webm).subarray(0, 4).toString("hex"), "1a45dfa3", "an EBML (WebM) file");
  assert.ok(statSync(webm).size > 1e6 && statSync(webm).size < 30e6, `${statSync(webm).size} bytes`);
  assert.equal(results.outputs.snapshots.length, 8);
  for (const png of results.outputs.snapshots) assert.ok(existsSync(png), png);
  assert.ok(existsSync(results.outputs.contactSheet));
  assert.equal(results.outputs.keyMoments.length, Math.min(12, t.crossings));
  // The overlay is drawn: the counting line's colour along the line
  // (x = 0.5, 3 pixels wide, y from 0.1 to 0.9) at most rows (a box drawn
  // over it may hide a part), and the totals' dark panel at the top left.
  const rgb = await rgbOf(results.outputs.snapshots[3], out);
  const lineColour = (x, y) => {
    const i = (y * W + x) * 3;
    return rgb[i] === 255 && rgb[i + 1] === 210 && rgb[i + 2] === 0;
  };
  let onLine = 0, rows = 0;
  for (let y = Math.ceil(0.1 * H) + 2; y < 0.9 * H - 2; y += 4, rows++) {
    if ([W / 2 - 1, W / 2, W / 2 + 1].some((x) => lineColour(x, y))) onLine++;
  }
  assert.ok(onLine >= 0.8 * rows, `${onLine} of ${rows} points of the line in its colour`);
  const panel = (9 * W + 9) * 3; // inside its padding, left of the text
  assert.ok(rgb[panel] < 90 && rgb[panel + 1] < 90, "the totals' panel");
});

const counter = join(root, "samples/people-counter/run.mjs");

test("the people counter's command line: --help, and wrong flags named without a stack trace or a run", async () => {
  const help = await run("node", [counter, "--help"], { env: { ...process.env } });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^usage: npm start -- \[--video FILE\]/);
  assert.match(help.stdout, /--line LINE/);
  const out = mkdtempSync(join(tmpdir(), "gvajs-people-args-"));
  writeFileSync(join(out, "results.json"), "an earlier run's\n");
  const wrong = [
    [["--frames", "10"], /Unknown option '--frames'/],
    [["--video", join(out, "missing.avi")], /--video .*missing\.avi: no such file/],
    [["--video", out], /: no such file/],
    [["--line", "0.5,0.1,0.5,0.9"], /--line must be four numbers from 0 to 1/],
    [["--line", "[0.5, 0.1, 0.5]"], /--line must be four numbers/],
    [["--line", "[0.5, 0.1, 0.5, 90]"], /--line must be four numbers from 0 to 1/],
    [["--line", "[0.5, 0.5, 0.5, 0.5]"], /is a point, not a line/],
    [["--mqtt", "localhost"], /--mqtt must be HOST:PORT, not localhost/],
    [["extra"], /Unexpected argument 'extra'/],
    [["--out", join(out, "results.json")], /--out .*results\.json is not a folder/],
  ];
  for (const [args, message] of wrong) {
    const r = await run("node", [counter, "--out", out, ...args], { env: { ...process.env } });
    assert.equal(r.code, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
    assert.match(r.stderr, /usage: npm start --/);
    assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
    // Nothing ran: the folder is as it was.
    assert.deepEqual(readdirSync(out), ["results.json"], args.join(" "));
  }
});

test("the people counter replaces only its own outputs in --out", async () => {
  const out = mkdtempSync(join(tmpdir(), "gvajs-people-out-"));
  const video = join(out, "short.webm");
  const made = await gstLaunch(`videotestsrc num-buffers=30 ! video/x-raw,width=320,height=240,framerate=30/1 ! vp8enc ! webmmux ! filesink location=${video}`);
  assert.equal(made.code, 0, made.stderr);
  writeFileSync(join(out, "notes.txt"), "mine\n");
  writeFileSync(join(out, "snapshot-99.png"), "an earlier run's\n");
  writeFileSync(join(out, "snapshot-notes.txt"), "mine too\n");
  const r = await run("node", [counter, "--video", video, "--out", out], { env: { ...process.env }, timeoutMs: 120000 });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(readFileSync(join(out, "notes.txt"), "utf8"), "mine\n");
  assert.equal(readFileSync(join(out, "snapshot-notes.txt"), "utf8"), "mine too\n");
  assert.ok(existsSync(video), "the input is kept");
  assert.ok(!existsSync(join(out, "snapshot-99.png")), "an earlier run's snapshot is replaced");
  const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  assert.equal(results.totals.frames, 30);
  assert.deepEqual(results.outputs.snapshots, [], "a user's snapshot-notes.txt is not a snapshot");
  assert.match(r.stdout, /30 frames, \d+ person detections, /);
});

const people = join(root, "tests", "fixtures", "meta", "people.js");

async function builtSample(name, dir) {
  return (await build(join(root, "samples", "people-counter", `${name}.ts`), { outfile: join(dir, `${name}.js`) })).outfile;
}

function scripted(frames, from, element) {
  return `videotestsrc pattern=black num-buffers=${frames} ! video/x-raw,format=RGB,width=320,height=240,framerate=30/1 ! ` +
    `gvajs module=${people} function=${from} ! ${element} ! gvajs module=${people} function=print_ids ! fakesink`;
}

test("the line counter counts a walk across the line, and never a box that jumps across it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gvajs-counter-"));
  const r = await gstLaunch(scripted(60, "walk_and_jump",
    `gvajs module=${await builtSample("counter", dir)} class=LineCounter kwarg='{"progressEvery": 0}'`));
  assert.equal(r.code, 0, r.stderr);
  const crossings = r.stdout.split("\n").filter((l) => l.startsWith('{"event"')).map((l) => JSON.parse(l));
  // Forward is onto the line's left (seen from its first end): for this
  // line, drawn downwards, walking left to right is backward.
  assert.deepEqual(crossings.map((c) => [c.objectId, c.direction]), [[1, "backward"]]);
  // Id 2 was followed all along, on either side of the line.
  assert.ok(r.stdout.includes("[1,2]"), r.stdout);
});

test("the tracker gives a new id, not a lost one, to a person far from where it was lost", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gvajs-tracker-"));
  const r = await gstLaunch(scripted(40, "lost_then_far",
    `gvajs module=${await builtSample("tracker", dir)} class=Tracker`));
  assert.equal(r.code, 0, r.stderr);
  const ids = r.stdout.split("\n").filter((l) => l.startsWith("[")).map((l) => JSON.parse(l));
  assert.equal(ids.length, 40);
  const first = ids[9][0], second = ids[39][0];
  assert.ok(Number.isInteger(first) && Number.isInteger(second), r.stdout);
  assert.notEqual(second, first, `the person on the right took the lost id ${first}`);
});

test("the line counter draws two people in view in two colours, whatever their ids", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gvajs-colours-"));
  const r = await gstLaunch(`videotestsrc pattern=black num-buffers=3 ! video/x-raw,format=RGB,width=320,height=240 ! ` +
    `gvajs module=${people} function=ids_1_and_13 ! ` +
    `gvajs module=${await builtSample("counter", dir)} class=LineCounter kwarg='{"draw": true, "progressEvery": 0}' ! ` +
    `gvajs module=${people} function=print_edge_colours ! fakesink`);
  assert.equal(r.code, 0, r.stderr);
  const frames = r.stdout.split("\n").filter((l) => l.startsWith("[[")).map((l) => JSON.parse(l));
  assert.equal(frames.length, 3);
  for (const [one, thirteen] of frames) {
    assert.ok(one.some((v) => v > 0) && thirteen.some((v) => v > 0), `boxes drawn: ${JSON.stringify(frames)}`);
    assert.notDeepEqual(one, thirteen, "ids 1 and 13 in one colour");
  }
});

test("the sample's TypeScript type-checks", async () => {
  for (const name of ["detector", "tracker", "counter", "moments"]) {
    const r = await run("node", [join(root, "ts-api/bin/gvajs.js"), "check", join(root, `samples/people-counter/${name}.ts`)],
      { env: process.env });
    assert.equal(r.code, 0, `${name}.ts: ${r.stderr}${r.stdout}`);
  }
});
