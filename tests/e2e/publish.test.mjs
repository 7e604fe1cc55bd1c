// End-to-end: gvajspublish to files and to a real mosquitto broker on
// 127.0.0.1, started and stopped by the tests themselves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, gstEnv, gstLaunch, launchArgs, root, run, startBroker, startGate, subscribe } from "./util.mjs";

const seq = join(fixtures, "publish", "seq.js");
const tmp = () => mkdtempSync(join(tmpdir(), "gvajs-publish-"));
const seqs = (lines) => lines.map((l) => JSON.parse(l).seq);
const range = (n) => Array.from({ length: n }, (_, i) => i);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("file json-lines: every message of every buffer, one a line, in order", async () => {
  const out = join(tmp(), "events.jsonl");
  const r = await gstLaunch(`videotestsrc num-buffers=50 ! gvajs module=${seq} class=Numbered ` +
    `kwarg='{"per": 3}' ! gvajspublish method=file file-path=${out} file-format=json-lines ! fakesink`);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, "utf8").trimEnd().split("\n");
  assert.deepEqual(seqs(lines), range(150));
});

test("file json (the default): one JSON array; stdout with '-'", async () => {
  const out = join(tmp(), "events.json");
  const r = await gstLaunch(`videotestsrc num-buffers=20 ! gvajs module=${seq} ! ` +
    `gvajspublish file-path=${out} ! fakesink`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(out, "utf8")).map((m) => m.seq), range(20));
  const std = await gstLaunch(`videotestsrc num-buffers=3 ! gvajs module=${seq} ! ` +
    `gvajspublish file-path=- file-format=json-lines ! fakesink`);
  assert.equal(std.code, 0, std.stderr);
  assert.deepEqual(seqs(std.stdout.trimEnd().split("\n")), range(3));
  const none = await gstLaunch(`videotestsrc num-buffers=3 ! gvajspublish file-path=${out} ! fakesink`);
  assert.equal(none.code, 0, none.stderr);
  assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), []);
});

test("multi-line JSON is made compact and plain text becomes a JSON string", async () => {
  const out = join(tmp(), "mixed.jsonl");
  const r = await gstLaunch(`videotestsrc num-buffers=2 ! gvajs module=${seq} function=mixed ! ` +
    `gvajspublish file-path=${out} file-format=json-lines ! fakesink`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l)),
    [{ seq: 0, text: "two\nlines" }, "plain text", { seq: 1, text: "two\nlines" }, "plain text"]);
});

test("a full disk is an error naming the file, and what was written stays whole", async () => {
  const out = join(tmp(), "full.jsonl");
  // The kernel refuses writes past 8 KiB (RLIMIT_FSIZE): a disk that fills.
  const pipeline = `videotestsrc num-buffers=200 ! gvajs module=${seq} class=Numbered ` +
    `kwarg='{"per": 10}' ! gvajspublish method=file file-path=${out} file-format=json-lines ! fakesink async=false`;
  const r = await run("sh", ["-c", `trap "" XFSZ; ulimit -f 8; exec gst-launch-1.0 "$@"`,
    "sh", ...launchArgs(pipeline)], { env: gstEnv() });
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`writing '${out}' failed after \\d+ bytes: .*File too large`));
  const text = readFileSync(out, "utf8");
  assert.ok(text.length > 0 && text.length <= 8192 && text.endsWith("\n"), `${text.length} bytes`);
  const got = seqs(text.trimEnd().split("\n"));
  assert.deepEqual(got, range(got.length));
});

test("a full disk under file-format=json leaves a JSON array of the whole messages", async () => {
  const out = join(tmp(), "full.json");
  const pipeline = `videotestsrc num-buffers=200 ! gvajs module=${seq} class=Numbered ` +
    `kwarg='{"per": 10}' ! gvajspublish method=file file-path=${out} file-format=json ! fakesink async=false`;
  const r = await run("sh", ["-c", `trap "" XFSZ; ulimit -f 8; exec gst-launch-1.0 "$@"`,
    "sh", ...launchArgs(pipeline)], { env: gstEnv() });
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  const text = readFileSync(out, "utf8");
  assert.ok(!text.includes("\0"), "a hole of NUL bytes in the file");
  const got = JSON.parse(text).map((m) => m.seq);
  assert.ok(got.length > 0);
  assert.deepEqual(got, range(got.length));
});

test("a file that cannot be opened fails the start with the reason", async () => {
  const r = await gstLaunch(`videotestsrc num-buffers=1 ! gvajspublish file-path=/nonexistent/dir/x.json ! fakesink`);
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /cannot open '\/nonexistent\/dir\/x\.json' for writing: No such file or directory/);
});

test("mqtt: 1000 messages arrive, none lost while the broker is unreachable mid-run", async () => {
  // The publisher reaches the broker through a gate that resets its
  // connection and refuses it for 0.5 s; the subscriber is connected to the
  // broker directly. (Restarting the broker itself instead also drops what
  // mosquitto 2.0.11 had in flight to its subscriber: the broker's loss,
  // not the publisher's. The next test restarts it for real.)
  const broker = await startBroker();
  const gate = await startGate(broker.port);
  const sub = await subscribe(broker, "cams/1");
  try {
    // 500 frames/s live: the run lasts 2 s, the broker is away for 0.5 s.
    const launch = gstLaunch(`videotestsrc is-live=true num-buffers=1000 ! ` +
      `video/x-raw,width=64,height=48,framerate=500/1 ! gvajs module=${seq} ! ` +
      `gvajspublish method=mqtt address=${gate.address} topic=cams/1 ` +
      `max-connect-attempts=30 max-reconnect-interval=1 ! fakesink`);
    // Cut once a fifth of the messages went through (the start's length varies).
    for (let i = 0; i < 200 && sub.lines().length < 200; i++) await sleep(25);
    await gate.cut(500);
    const r = await launch;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(gate.connections >= 2, `${gate.connections} connection(s): it never reconnected`);
    for (let i = 0; i < 300 && new Set(seqs(sub.lines())).size < 1000; i++) await sleep(100);
    const got = new Set(seqs(sub.lines()));
    const missing = range(1000).filter((s) => !got.has(s));
    assert.deepEqual(missing, []);
    console.log(`broker unreachable: ${sub.lines().length} received for 1000 sent ` +
      `(${sub.lines().length - got.size} duplicates, at-least-once)`);
  } finally {
    sub.stop();
    await gate.stop();
    await broker.stop();
  }
});

test("mqtt: the publisher rides out a real broker restart and goes on publishing", async () => {
  const broker = await startBroker();
  try {
    const launch = gstLaunch(`videotestsrc is-live=true num-buffers=1500 ! ` +
      `video/x-raw,width=64,height=48,framerate=500/1 ! gvajs module=${seq} ! ` +
      `gvajspublish method=mqtt address=${broker.address} topic=cams/2 ` +
      `max-connect-attempts=30 max-reconnect-interval=1 ! fakesink`);
    await sleep(700);
    await broker.stop();
    await sleep(500);
    await broker.start();
    // Subscribed after the restart: everything from its first message on
    // must arrive, in order, up to the last frame's.
    const sub = await subscribe(broker, "cams/2");
    try {
      const r = await launch;
      assert.equal(r.code, 0, r.stderr);
      for (let i = 0; i < 100 && !seqs(sub.lines()).includes(1499); i++) await sleep(100);
      const got = [...new Set(seqs(sub.lines()))];
      assert.ok(got.length > 100, `only ${got.length} after the restart`);
      assert.deepEqual(got, range(got.length).map((i) => got[0] + i));
      assert.equal(got.at(-1), 1499);
    } finally {
      sub.stop();
    }
  } finally {
    await broker.stop();
  }
});

test("mqtt: publish rate to a local broker", async () => {
  // EOS goes on only once the broker acknowledged every message, so the
  // run's end is the last acknowledgement. (Delivery to subscribers is the
  // broker's; the restart test above checks it message by message.)
  const broker = await startBroker();
  try {
    const n = 20000;
    const t0 = process.hrtime.bigint();
    const r = await gstLaunch(`videotestsrc num-buffers=${n} ! video/x-raw,width=16,height=16 ! ` +
      `gvajs module=${seq} ! gvajspublish method=mqtt address=${broker.address} topic=rate ! fakesink`);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    assert.equal(r.code, 0, r.stderr);
    console.log(`mqtt publish: ${n} messages acknowledged (QoS 1) in ${s.toFixed(2)} s, ` +
      `${Math.round(n / s)} messages/s including the pipeline's start`);
  } finally {
    await broker.stop();
  }
});

test("mqtt: qos=0 delivers and ends (its acknowledgement comes inside the publish call)", async () => {
  const broker = await startBroker();
  const sub = await subscribe(broker, "q0");
  try {
    const r = await gstLaunch(`videotestsrc num-buffers=200 ! video/x-raw,width=16,height=16 ! ` +
      `gvajs module=${seq} ! gvajspublish method=mqtt address=${broker.address} topic=q0 qos=0 ! fakesink`,
    { timeoutMs: 20000 });
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.code, 0, r.stderr);
    // QoS 0 is at most once; on loopback none is lost in practice.
    for (let i = 0; i < 50 && new Set(seqs(sub.lines())).size < 200; i++) await sleep(100);
    assert.deepEqual([...new Set(seqs(sub.lines()))].sort((a, b) => a - b), range(200));
  } finally {
    sub.stop();
    await broker.stop();
  }
});

test("mqtt: no broker at start is an error after max-connect-attempts", async () => {
  const broker = await startBroker();
  await broker.stop();
  const t0 = Date.now();
  const r = await gstLaunch(`videotestsrc num-buffers=100 ! gvajs module=${seq} ! ` +
    `gvajspublish method=mqtt address=${broker.address} topic=t max-connect-attempts=3 ` +
    `max-reconnect-interval=1 max-queue-size=10 ! fakesink async=false`);
  assert.equal(r.signal, null, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`could not connect to the MQTT broker at ${broker.address} ` +
    `after 3 attempt\\(s\\): Connection refused`));
  // Waits of 1 s and 1 s between the 3 attempts.
  assert.ok(Date.now() - t0 < 10000, `${Date.now() - t0} ms`);
});

test("mqtt: what a full queue drops is counted and warned about", async () => {
  const broker = await startBroker();
  await broker.stop();
  // Not -q: gst-launch prints warnings only then.
  const r = await run("gst-launch-1.0", ["-f", "videotestsrc", "num-buffers=100", "!", "gvajs",
    `module=${seq}`, "!", "gvajspublish", "method=mqtt", `address=${broker.address}`, "topic=t",
    "max-connect-attempts=2", "max-reconnect-interval=1", "max-queue-size=10", "!",
    "fakesink", "async=false"], { env: gstEnv() });
  assert.equal(r.signal, null, r.stderr);
  const counts = [...(r.stdout + r.stderr).matchAll(/the queue is full \(max-queue-size=10, broker [^)]*\): (\d+) message\(s\) dropped since the last warning, (\d+) in all/g)];
  assert.ok(counts.length > 0, r.stdout + r.stderr);
  assert.equal(counts.reduce((sum, m) => sum + Number(m[1]), 0), 90);
  assert.equal(Number(counts.at(-1)[2]), 90);
});

test("mqtt: bad settings fail the start with a clear message", async () => {
  const noTopic = await gstLaunch(`videotestsrc num-buffers=1 ! gvajspublish method=mqtt address=127.0.0.1:1 ! fakesink`);
  assert.match(noTopic.stderr, /property 'topic' is not set: name the MQTT topic to publish to/);
  const badPort = await gstLaunch(`videotestsrc num-buffers=1 ! gvajspublish method=mqtt address=127.0.0.1:99999 topic=t ! fakesink`);
  assert.match(badPort.stderr, /property 'address': '127\.0\.0\.1:99999' has no valid port \(1 to 65535\) after ':'/);
  const noAddress = await gstLaunch(`videotestsrc num-buffers=1 ! gvajspublish method=mqtt topic=t ! fakesink`);
  assert.match(noAddress.stderr, /property 'address' is not set/);
  for (const r of [noTopic, badPort, noAddress]) {
    assert.equal(r.signal, null, r.stderr);
    assert.notEqual(r.code, 0);
  }
});

test("post(): element messages an application receives (gst-launch -m, Python)", async () => {
  const events = join(root, "samples", "bus", "events.js");
  const r = await run("gst-launch-1.0", ["-m", "-f", "videotestsrc", "num-buffers=60", "!",
    "gvajs", `module=${events}`, "!", "fakesink"], { env: gstEnv() });
  assert.equal(r.code, 0, r.stderr);
  const posted = r.stdout.split("\n").filter((l) => l.includes('from element "gvajs0" (element)'));
  assert.equal(posted.length, 3, r.stdout);
  assert.match(posted[0], /gvajs, json=\(string\)"\\\{\\"event\\":\\"second\\"\\,\\"frames\\":30\\,\\"pts\\":0\.96+\d*\\\}", event=\(string\)second, frames=\(int\)30, pts=\(double\)0\.96/);
  assert.match(posted[2], /event=\(string\)end, frames=\(int\)60;/);
  const app = await run("/usr/bin/python3", [join(root, "samples", "bus", "app.py"), "60"],
    { env: gstEnv() });
  assert.equal(app.code, 0, app.stderr);
  assert.equal(app.stdout.replace(/pts': [\d.]+/g, "pts': T"),
    "gvajs0: event=second frames=30 json={'event': 'second', 'frames': 30, 'pts': T}\n" +
    "gvajs0: event=second frames=60 json={'event': 'second', 'frames': 60, 'pts': T}\n" +
    "gvajs0: event=end frames=60 json={'event': 'end', 'frames': 60}\n");
});

test("post(): a value JSON cannot represent, or a bad key, is a clear error", async () => {
  const dir = tmp();
  const module = join(dir, "bad.js");
  writeFileSync(module, `import { post } from "gvajs";
export function process_frame() {
  for (const [label, value] of [["undefined", undefined], ["function", () => 1],
      ["bad key", { "a b": 1 }], ["cycle", (() => { const o = {}; o.o = o; return o; })()]]) {
    try { post(value); console.log(label + ": posted"); }
    catch (e) { console.log(label + ": " + e.name + ": " + e.message); }
  }
}
`);
  const r = await gstLaunch(`videotestsrc num-buffers=1 ! gvajs module=${module} ! fakesink`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout,
    "undefined: TypeError: post(): value must be a value JSON can represent, not undefined\n" +
    "function: TypeError: post(): value must be a value JSON can represent, not a function\n" +
    'bad key: RangeError: post(): key "a b" is not a valid field name: it must start with a ' +
    "letter and hold only letters, digits and /-_.:+\n" +
    "cycle: TypeError: circular reference\n");
});
