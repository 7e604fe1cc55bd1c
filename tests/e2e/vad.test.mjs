// The voice-activity sample (samples/vad/vad.ts) on real speech: two
// utterances made with espeak-ng (Debian espeak-ng), placed between
// stretches of silence at known times in one WAV file, decoded with
// decodebin. Its events and messages must match where the speech was put.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../ts-api/dist/build.js";
import { fixtures, gstLaunch, root, run } from "./util.mjs";

const out = mkdtempSync(join(tmpdir(), "gvajs-vad-"));
const espeak = spawnSync("espeak-ng", ["--version"]);
const noEspeak = espeak.status === 0 ? false : "espeak-ng is not installed (Debian espeak-ng)";

/** The 16-bit mono PCM of a WAV file and its rate. */
function readWav(file) {
  const b = readFileSync(file);
  let rate = 0;
  for (let at = 12; at + 8 <= b.length; at += 8 + b.readUInt32LE(at + 4)) {
    const id = b.toString("latin1", at, at + 4);
    if (id === "fmt ") {
      assert.equal(b.readUInt16LE(at + 10), 1, "mono");
      assert.equal(b.readUInt16LE(at + 22), 16, "16-bit");
      rate = b.readUInt32LE(at + 12);
    }
    // espeak-ng writes the data size as unknown when it streams: the rest.
    if (id === "data") return { rate, pcm: b.subarray(at + 8) };
  }
  throw new Error(`${file}: no data chunk`);
}

function writeWav(file, rate, pcm) {
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "latin1");
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write("WAVEfmt ", 8, "latin1");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36, "latin1");
  h.writeUInt32LE(pcm.length, 40);
  writeFileSync(file, Buffer.concat([h, pcm]));
}

function speech(text) {
  const file = join(out, `${text.replace(/\W/g, "_")}.wav`);
  const r = spawnSync("espeak-ng", ["-w", file, text]);
  assert.equal(r.status, 0, String(r.stderr));
  return readWav(file);
}

test("the VAD sample finds each utterance where it was put", { skip: noEspeak }, async () => {
  const hello = speech("hello world");
  const morning = speech("good morning");
  assert.equal(hello.rate, morning.rate);
  const rate = hello.rate;
  const silence = (s) => Buffer.alloc(Math.round(s * rate) * 2);
  // 1 s quiet, "hello world", 1.5 s quiet, "good morning", 1 s quiet.
  const pcm = Buffer.concat([silence(1), hello.pcm, silence(1.5), morning.pcm, silence(1)]);
  const input = join(out, "input.wav");
  writeWav(input, rate, pcm);
  const t1 = 1;
  const t2 = t1 + hello.pcm.length / 2 / rate + 1.5;
  const durations = [hello.pcm.length / 2 / rate, morning.pcm.length / 2 / rate];

  const { outfile } = await build(join(root, "samples", "vad", "vad.ts"), { outfile: join(out, "vad.js") });
  const jsonl = join(out, "speech.jsonl");
  const r = await gstLaunch(
    `filesrc location=${input} ! decodebin ! audioconvert ! audio/x-raw,format=S16LE,channels=1 ! ` +
      `gvajs module=${outfile} class=VoiceActivityDetector kwarg='{"thresholdDb": -40}' ! ` +
      `gvajs module=${join(fixtures, "audio", "print_events.js")} ! ` +
      `gvajspublish method=file file-format=json-lines file-path=${jsonl} ! fakesink`,
  );
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.split("\n").filter((l) => l.startsWith("event "))
    .map((l) => l.split(" ")).map(([, label, start, end, confidence]) =>
      ({ label, start: Number(start) / 1e9, end: Number(end) / 1e9, confidence: Number(confidence) }));
  assert.equal(events.length, 2, r.stdout);
  [t1, t2].forEach((t, i) => {
    const e = events[i];
    assert.equal(e.label, "speech");
    // espeak-ng starts speaking about 13 ms into its file; a window is 20 ms.
    assert.ok(e.start >= t && e.start < t + 0.06, `event ${i} starts at ${e.start}, speech at ${t}`);
    // It ends before the utterance's file does, and after most of it.
    assert.ok(e.end > t + 0.5 * durations[i] && e.end <= t + durations[i],
      `event ${i} ends at ${e.end}, the utterance spans ${t}..${t + durations[i]}`);
    assert.ok(e.confidence > 0 && e.confidence <= 1);
  });
  // One JSON message per event, published, with the same segment.
  const messages = readFileSync(jsonl, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(messages.map((m) => [m.event, m.start / 1e9, m.end / 1e9]),
    events.map((e) => ["speech", e.start, e.end]));
  assert.match(r.stdout, /vad: 2 speech segment\(s\)\n/);
});

test("the sample's TypeScript type-checks", async () => {
  const r = await run("node", [join(root, "ts-api/bin/gvajs.js"), "check", join(root, "samples/vad/vad.ts")],
    { env: process.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
});
