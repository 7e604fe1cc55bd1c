// scripts/count-meson.mjs, which scripts/test.sh counts the gst-check
// suites with, over the testlog.json of a throwaway meson project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, run } from "./util.mjs";

// Runs `meson test` on a project whose tests are `sh -c` @scripts, by
// name; resolves the counter's {passed, failed} over its testlog.json.
async function countMesonRun(scripts) {
  const dir = mkdtempSync(join(tmpdir(), "gvajs-count-"));
  const tests = Object.entries(scripts)
    .map(([name, script]) => `test('${name}', sh, args : ['-c', '${script}'])`);
  writeFileSync(join(dir, "meson.build"),
    ["project('count')", "sh = find_program('sh')", ...tests, ""].join("\n"));
  const setup = await run("meson", ["setup", join(dir, "b"), dir], { cwd: dir });
  assert.equal(setup.code, 0, setup.stdout + setup.stderr);
  await run("meson", ["test", "-C", join(dir, "b")], { cwd: dir });
  const r = await run("node", [join(root, "scripts", "count-meson.mjs"),
    join(dir, "b", "meson-logs", "testlog.json")]);
  assert.equal(r.code, 0, r.stderr);
  const m = r.stdout.match(/^(\d+) passed, (\d+) failed\n$/);
  assert.ok(m, r.stdout);
  return { passed: Number(m[1]), failed: Number(m[2]) };
}

const checks = (n, f = 0) => `echo \"100%: Checks: ${n}, Failures: ${f}, Errors: 0\"`;

test("a suite meson failed after its counts were printed counts as failed", async () => {
  const counts = await countMesonRun({
    ok: checks(2),
    leaked: `${checks(3)}; exit 1`,
  });
  assert.ok(counts.failed >= 1, JSON.stringify(counts));
  assert.equal(counts.passed + counts.failed, 5, JSON.stringify(counts));
});

test("all suites OK: every check passed, a test without counts as one", async () => {
  const counts = await countMesonRun({
    ok: checks(2),
    more: checks(3),
    registry: "echo found",
  });
  assert.deepEqual(counts, { passed: 6, failed: 0 });
});
