// meson install: the plugin goes to <prefix>/<libdir>/gstreamer-1.0, and
// gvajs.pc (for prefixes GStreamer does not search) names that folder.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildDir, run } from "./util.mjs";

test("meson install: the plugin in <libdir>/gstreamer-1.0, and gvajs.pc's pluginsdir names it", async () => {
  const destdir = mkdtempSync(join(tmpdir(), "gvajs-destdir-"));
  const installed = await run("meson", ["install", "-C", buildDir, "--no-rebuild", "--quiet", "--destdir", destdir]);
  assert.equal(installed.code, 0, installed.stderr);
  const config = JSON.parse((await run("meson", ["introspect", buildDir, "--buildoptions"])).stdout);
  const option = (name) => config.find((o) => o.name === name).value;
  const prefix = option("prefix");
  const libdir = join(prefix, option("libdir"));
  assert.ok(existsSync(join(destdir, libdir, "gstreamer-1.0", "libgstgvajs.so")), `plugin under ${libdir}/gstreamer-1.0`);

  // pkg-config reads the installed .pc; the staging folder stands in for /.
  const pc = await run("pkg-config", ["--define-variable", `prefix=${join(destdir, prefix)}`, "--variable=pluginsdir", "gvajs"], {
    env: { ...process.env, PKG_CONFIG_PATH: join(destdir, libdir, "pkgconfig"), PKG_CONFIG_LIBDIR: "/nonexistent" },
  });
  assert.equal(pc.code, 0, pc.stderr);
  assert.equal(pc.stdout.trim(), join(destdir, libdir, "gstreamer-1.0"));
});
