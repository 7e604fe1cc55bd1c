// The C sources: license lines (runtime/ included), and a doc block for every property of the
// element (gtk-doc's "GstGvaJs:name:", as GStreamer's own elements have).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./util.mjs";

test("every C file of plugin/, runtime/ and tests/check/ has an SPDX line", () => {
  const missing = [];
  for (const dir of ["plugin", "runtime", join("tests", "check")]) {
    for (const name of readdirSync(join(root, dir))) {
      if (!/\.[ch]$/.test(name)) continue;
      const first = readFileSync(join(root, dir, name), "utf8").split("\n")[0];
      if (first !== "/* SPDX-License-Identifier: MIT */") missing.push(join(dir, name));
    }
  }
  assert.deepEqual(missing, []);
});

test("every property of the element has a doc block with its default", () => {
  const source = readFileSync(join(root, "plugin", "gstgvajs.c"), "utf8");
  const names = [...source.matchAll(/g_param_spec_\w+ \("([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(names.length >= 13, `${names.length} properties`);
  const undocumented = names.filter((name) => {
    const block = source.match(new RegExp(`/\\*\\*\\n\\s*\\* GstGvaJs:${name}:\\n([^]*?)\\*/`));
    return !block || !/default/i.test(block[1]) || !/\* Since: 0\.1\n/.test(block[1]);
  });
  assert.deepEqual(undocumented, []);
});
