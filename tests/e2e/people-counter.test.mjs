// End-to-end: the README's main job, the people counter, on OpenCV's
// pedestrian video with OpenCV's full-body detector.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, run, startBroker, subscribe } from "./util.mjs";

test("the people counter tracks, counts, publishes and writes its results", async () => {
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
  const t = results.totals;
  assert.equal(t.frames, 795);
  // OpenCV's full-body cascade finds about two people a frame in this clip.
  assert.ok(t.regions > 1000 && t.regions < 3000, `regions ${t.regions}`);
  // Tracking joins detections: far fewer objects than regions.
  assert.ok(t.objects > 10 && t.objects < t.regions / 3, `objects ${t.objects}`);
  assert.equal(t.crossings, t.forward + t.backward);
  assert.ok(t.crossings >= 1 && t.crossings < 60, `crossings ${t.crossings}`);
  assert.equal(results.events.length, t.crossings);
  for (const e of results.events) {
    assert.equal(e.event, "crossing");
    assert.ok(Number.isInteger(e.objectId) && e.objectId > 0);
    assert.ok(e.direction === "forward" || e.direction === "backward");
  }
  // The same crossings, as they happened: in the file and at the broker.
  const published = readFileSync(join(out, "crossings.jsonl"), "utf8").trimEnd().split("\n");
  assert.deepEqual(published.map((l) => JSON.parse(l)), results.events);
  assert.deepEqual(sub.lines().map((l) => JSON.parse(l)), results.events);
  assert.match(r.stdout, new RegExp(`${t.crossings} crossings \\(${t.forward} forward, ${t.backward} backward\\)`));
  assert.ok(statSync(join(out, "annotated.avi")).size > 1e6);
  assert.equal(results.outputs.snapshots.length, 8);
  for (const png of results.outputs.snapshots) assert.ok(existsSync(png), png);
});
