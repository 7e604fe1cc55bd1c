// How the CLI finds the gvajs plugin: GVAJS_PLUGIN_DIR, GST_PLUGIN_PATH,
// an installed plugin (what gst-inspect-1.0 gvajs loads), pkg-config, this
// checkout's build; and what it says when there is none, for where the
// user is. Each run gets its own registry and no plugin from the machine.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { buildDir, run } from "../../tests/e2e/util.mjs";
import { cli, root, tempDir } from "./util.mjs";

const plugin = join(buildDir, "plugin", "libgstgvajs.so");
const version = JSON.parse(readFileSync(join(root, "ts-api", "package.json"), "utf8")).version;
const systemPlugins = (await run("pkg-config", ["--variable=pluginsdir", "gstreamer-1.0"])).stdout.trim();
const SOURCE = ["videotestsrc", "num-buffers=2", "!", "video/x-raw,width=32,height=24"];

/** The machine's environment without any plugin path; @extra on top. */
function bareEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(GVAJS_|GST_PLUGIN_|PKG_CONFIG_PATH$)/.test(name)) delete env[name];
  }
  return {
    ...env,
    GST_REGISTRY_1_0: join(tempDir("gvajs-registry-"), "registry.bin"),
    GST_PLUGIN_SYSTEM_PATH_1_0: tempDir("gvajs-no-plugins-"),
    GVAJS_CACHE_DIR: tempDir("gvajs-cache-"),
    ...extra,
  };
}

function gvajsWith(env, args, bin = cli) {
  return run(process.execPath, [bin, ...args], { cwd: tempDir(), env });
}

// The package's files in @dir/ts-api, as npm would unpack them, with its
// dependencies (esbuild, typescript) beside them.
function copyPackage(dir) {
  const dest = join(dir, "ts-api");
  for (const name of ["bin", "dist", "types", "package.json"]) cpSync(join(root, "ts-api", name), join(dest, name), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return join(dest, "bin", "gvajs.js");
}

async function foundBy(env) {
  const r = await gvajsWith(env, ["--version"]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split("\n")[1];
}

describe("where the plugin is found", { concurrency: true }, () => {
  test("GVAJS_PLUGIN_DIR first, even when GST_PLUGIN_PATH has one", async () => {
    const env = bareEnv({ GVAJS_PLUGIN_DIR: join(buildDir, "plugin"), GST_PLUGIN_PATH: tempDir() });
    assert.equal(await foundBy(env), `plugin ${version} (${plugin}, from GVAJS_PLUGIN_DIR)`);
  });

  test("GST_PLUGIN_PATH, searched through subfolders as GStreamer does; launch runs with it", async () => {
    const env = bareEnv({ GST_PLUGIN_PATH: `${tempDir()}:${buildDir}`, GST_PLUGIN_SYSTEM_PATH_1_0: systemPlugins });
    assert.equal(await foundBy(env), `plugin ${version} (${plugin}, from GST_PLUGIN_PATH)`);
    const dir = tempDir();
    writeFileSync(join(dir, "m.ts"), 'export function process_frame(): void { console.log("ts"); }\n');
    const r = await run(process.execPath, [cli, "launch", "-q", ...SOURCE, "!", "gvajs", "module=m.ts", "!", "fakesink"], { cwd: dir, env });
    assert.deepEqual([r.code, r.stdout], [0, "ts\nts\n"], r.stderr);
  });

  test("GST_PLUGIN_PATH_1_0 hides GST_PLUGIN_PATH", async () => {
    const env = bareEnv({ GST_PLUGIN_PATH_1_0: tempDir(), GST_PLUGIN_PATH: join(buildDir, "plugin") });
    const r = await gvajsWith(env, ["--version"], copyPackage(tempDir()));
    assert.equal(r.stdout.split("\n")[1], "plugin: not found");
  });

  test("an installed plugin: the one gst-inspect-1.0 gvajs loads from GStreamer's own folders", async () => {
    const env = bareEnv({ GST_PLUGIN_SYSTEM_PATH_1_0: `${join(buildDir, "plugin")}:${systemPlugins}` });
    assert.equal(await foundBy(env), `plugin ${version} (${plugin}, from installed)`);
    const r = await gvajsWith(env, ["launch", "-q", ...SOURCE, "!", "gvajs", `module=${join(root, "tests", "fixtures", "count.js")}`, "!", "fakesink"]);
    assert.equal(r.code, 0, r.stderr);
  });

  test("an installed plugin GStreamer names through a link (/lib -> usr/lib) is reported by its real path", async () => {
    const link = join(tempDir(), "lib");
    symlinkSync(join(buildDir, "plugin"), link);
    const env = bareEnv({ GST_PLUGIN_SYSTEM_PATH_1_0: link });
    assert.equal(await foundBy(env), `plugin ${version} (${plugin}, from installed)`);
  });

  test("a prefix install, through pkg-config's gvajs.pc (PKG_CONFIG_PATH)", async () => {
    const pc = tempDir();
    writeFileSync(join(pc, "gvajs.pc"), `pluginsdir=${join(buildDir, "plugin")}\n\nName: gvajs\nDescription: x\nVersion: ${version}\n`);
    assert.equal(await foundBy(bareEnv({ PKG_CONFIG_PATH: pc })), `plugin ${version} (${plugin}, from pkg-config)`);
  });

  test("this checkout's build last", async () => {
    assert.equal(await foundBy(bareEnv()), `plugin ${version} (${plugin}, from checkout)`);
  });
});

describe("when there is no plugin", { concurrency: true }, () => {
  test("outside a checkout: says how to install one, never to run npm run build", async () => {
    const r = await gvajsWith(bareEnv(), ["launch", "fakesrc", "!", "fakesink"], copyPackage(tempDir()));
    assert.deepEqual([r.code, r.stdout], [1, ""]);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines[0], "gvajs: no gvajs plugin found");
    assert.ok(lines.includes("    sudo apt-get install ./out/deb/gstreamer1.0-gvajs_*.deb"), r.stderr);
    assert.ok(lines.some((l) => l.includes("meson install")), r.stderr);
    assert.ok(lines.includes("  or set GVAJS_PLUGIN_DIR to the folder that holds libgstgvajs.so"), r.stderr);
    assert.doesNotMatch(r.stderr, /npm run build/);
  });

  test("names a GST_PLUGIN_PATH that does not have it", async () => {
    const empty = tempDir();
    const r = await gvajsWith(bareEnv({ GST_PLUGIN_PATH: empty }), ["launch", "fakesrc", "!", "fakesink"], copyPackage(tempDir()));
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^  GST_PLUGIN_PATH \\(${empty}\\) has no libgstgvajs\\.so$`, "m"));
  });

  test("without gst-inspect-1.0: says to install GStreamer's tools", async () => {
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, "node"));
    const r = await gvajsWith(bareEnv({ PATH: bin }), ["launch", "fakesrc", "!", "fakesink"], copyPackage(tempDir()));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^  gst-inspect-1\.0 is missing, .*apt-get install gstreamer1\.0-tools\)$/m);
  });

  test("in a checkout whose plugin is not built: says to run npm run build there", async () => {
    const checkout = tempDir();
    writeFileSync(join(checkout, "meson.build"), "project('gvajs', 'c')\n");
    mkdirSync(join(checkout, "plugin"));
    writeFileSync(join(checkout, "plugin", "gstgvajs.c"), "");
    const r = await gvajsWith(bareEnv(), ["launch", "fakesrc", "!", "fakesink"], copyPackage(checkout));
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "gvajs: no gvajs plugin found\n" +
        `  this checkout's plugin is not built (${join(checkout, "build", "plugin", "libgstgvajs.so")}): ` +
        `run "npm run build" in ${checkout}\n`,
    );
  });

  test("--version still prints the package's version, and exits 0", async () => {
    const r = await gvajsWith(bareEnv(), ["--version"], copyPackage(tempDir()));
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`^gvajs ${version} \\(npm package, .*\\)\nplugin: not found\n$`));
    assert.match(r.stderr, /^gvajs: no gvajs plugin found\n/);
  });
});

test("a plugin of another version than the package's is named in a warning", async () => {
  const dir = tempDir();
  const bin = copyPackage(dir);
  const manifest = join(dir, "ts-api", "package.json");
  writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, "utf8")), version: "9.9.9" }));
  const r = await gvajsWith(bareEnv({ GVAJS_PLUGIN_DIR: join(buildDir, "plugin") }), ["--version"], bin);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split("\n")[1], `plugin ${version} (${plugin}, from GVAJS_PLUGIN_DIR)`);
  assert.equal(
    r.stderr,
    `gvajs: warning: the plugin (${plugin}) is ${version} and this package 9.9.9: the types and the CLI describe 9.9.9\n`,
  );
});
