// `gvajs launch --watch`: a module edited while the pipeline runs is
// rebuilt and reloaded; a broken edit is reported and the old one runs on.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli, cliEnv, root, tempDir } from "./util.mjs";

const version = (tag) => `let n = 0;
export function process_frame(): void {
  if (++n % 5 === 0) console.log("${tag}", n);
}
`;

// Resolves when @pattern (a RegExp or a predicate) holds for what the
// stream printed so far.
function waitFor(output, pattern, timeoutMs = 30000) {
  const holds = typeof pattern === "function" ? pattern : () => pattern.test(output.text);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output.text}`)), timeoutMs);
    const check = () => {
      if (holds()) {
        clearTimeout(timer);
        output.listeners.delete(check);
        resolve();
      }
    };
    output.listeners.add(check);
    check();
  });
}

function collect(stream) {
  const output = { text: "", listeners: new Set() };
  stream.on("data", (d) => {
    output.text += d;
    for (const l of [...output.listeners]) l();
  });
  return output;
}

test("launch --watch rebuilds on save; the element reloads; a broken save keeps the old module", async () => {
  const dir = tempDir();
  const ts = join(dir, "live.ts");
  writeFileSync(ts, version("v1"));
  const pipeline = `videotestsrc is-live=true num-buffers=900 ! video/x-raw,width=16,height=16,framerate=30/1 ! gvajs module=${ts} ! fakesink`;
  const child = spawn(process.execPath, [cli, "launch", "--watch", "-q", ...pipeline.split(" ")], {
    cwd: root,
    env: cliEnv(),
    detached: true,
  });
  const out = collect(child.stdout);
  const err = collect(child.stderr);
  const exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  try {
    await waitFor(out, /^v1 5$/m);
    writeFileSync(ts, version("v2"));
    await waitFor(err, /gvajs: rebuilt .*live\.ts/);
    await waitFor(out, /^v2 5$/m);

    writeFileSync(ts, "let n: number = ;\n");
    await waitFor(err, /live\.ts:1:17 Unexpected ";"\ngvajs: .*live\.ts did not build; the running module is unchanged/);
    // v2 keeps counting after the failed build.
    const v2Lines = () => (out.text.match(/^v2 \d+$/gm) ?? []).length;
    const before = v2Lines();
    await waitFor(out, () => v2Lines() > before);
    // After the reload, only the new version ran.
    assert.doesNotMatch(out.text.slice(out.text.search(/^v2/m)), /^v1/m);
  } finally {
    // gst-launch stops on SIGINT; the CLI waits for it and exits with its code.
    process.kill(-child.pid, "SIGINT");
  }
  assert.notEqual(await exited, null);
});
