// End-to-end: the stack limit holds in a process whose every thread has a
// small stack (ulimit -s), through gst-launch-1.0 and this build's gvajs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fixtures, run } from "./util.mjs";

const recursion = join(fixtures, "hostile", "limits_recursion.js");

for (const fn of ["recursion", "recursion_via_native", "recursion_logging"]) {
  test(`${fn} under ulimit -s 1024 ends in 'stack overflow', not a crash`, async () => {
    // -f: no fault handler, so a crash is a signal, not a hung process;
    // async=false: gst-launch may never exit after an error while
    // prerolling (README, Troubleshooting).
    const launch = `ulimit -s 1024 && exec gst-launch-1.0 -q -f videotestsrc num-buffers=1 ! ` +
      `video/x-raw,format=RGB,width=8,height=8 ! gvajs module='${recursion}' function=${fn} ! ` +
      `fakesink async=false`;
    const r = await run("sh", ["-c", launch]);
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`stack overflow \\(in ${fn}\\)`));
  });
}
