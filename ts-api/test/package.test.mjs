// The npm package as a user gets it: `npm pack` of ts-api (in a copy, so
// its prepack build never rewrites the dist/ other tests run), unpacked
// into a project outside the repository as npm lays it out, with its
// dependencies beside it. Run through npx, as the package's README says.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { buildDir, run } from "../../tests/e2e/util.mjs";
import { root, tempDir } from "./util.mjs";

const version = JSON.parse(readFileSync(join(root, "ts-api", "package.json"), "utf8")).version;
let project;
let packed;

// The environment of a user's shell: no gvajs variable; GStreamer's own
// folders and this build's plugin on GST_PLUGIN_PATH unless @extra says.
function userEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(GVAJS_|GST_PLUGIN_)/.test(name)) delete env[name];
  return {
    ...env,
    GST_PLUGIN_PATH: join(buildDir, "plugin"),
    GST_REGISTRY_1_0: join(tempDir("gvajs-registry-"), "registry.bin"),
    XDG_CACHE_HOME: tempDir("gvajs-xdg-cache-"),
    ...extra,
  };
}

function npx(args, opts = {}) {
  return run("npx", ["--no", "--", "gvajs", ...args], { cwd: opts.cwd ?? project, env: opts.env ?? userEnv() });
}

async function pack() {
  const copy = tempDir("gvajs-pack-");
  for (const path of ["ts-api/bin", "ts-api/src", "ts-api/types", "ts-api/package.json", "ts-api/tsconfig.json", "ts-api/README.md", "samples/hello"]) {
    cpSync(join(root, path), join(copy, path), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  const out = tempDir("gvajs-tarball-");
  const r = await run("npm", ["pack", "--silent", "--pack-destination", out], { cwd: join(copy, "ts-api") });
  assert.equal(r.code, 0, r.stderr);
  return join(out, r.stdout.trim());
}

before(async () => {
  packed = await pack();
  project = tempDir("gvajs-user-project-");
  writeFileSync(join(project, "package.json"), '{ "name": "my-project", "private": true, "type": "module" }\n');
  const modules = join(project, "node_modules");
  mkdirSync(join(modules, "gvajs"), { recursive: true });
  const r = await run("tar", ["-xzf", packed, "-C", join(modules, "gvajs"), "--strip-components=1"]);
  assert.equal(r.code, 0, r.stderr);
  for (const dep of ["esbuild", "@esbuild", "typescript"]) symlinkSync(join(root, "node_modules", dep), join(modules, dep));
  mkdirSync(join(modules, ".bin"));
  symlinkSync("../gvajs/bin/gvajs.js", join(modules, ".bin", "gvajs"));
  symlinkSync("../typescript/bin/tsc", join(modules, ".bin", "tsc"));
});

describe("the packed package", () => {
  test("holds the CLI, the types, the starter and its README; no sources or maps", async () => {
    const r = await run("tar", ["-tzf", packed]);
    const files = r.stdout.trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
    for (const f of ["README.md", "bin/gvajs.js", "dist/cli.js", "dist/cli.d.ts", "dist/outside-element.js", "package.json", "templates/hello.ts", "types/index.d.ts", "types/gvajs.d.ts", "types/globals.d.ts"]) {
      assert.ok(files.includes(f), `${f} in ${files.join(" ")}`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith("src/") || f.endsWith(".map")), []);
  });

  test("its README is the package's: no link outside it, the plugin's real folder, every command", () => {
    const readme = readFileSync(join(project, "node_modules", "gvajs", "README.md"), "utf8");
    assert.deepEqual(readme.match(/\]\((?!https?:|#)[^)]*\)/g) ?? [], [], "no relative links");
    assert.match(readme, /\/usr\/lib\/x86_64-linux-gnu\/gstreamer-1\.0\//);
    for (const command of ["init", "check", "build", "launch", "help"]) assert.match(readme, new RegExp(`\`gvajs ${command}`));
    assert.match(readme, /--version/);
  });

  test("its README's typed example type-checks", async () => {
    const readme = readFileSync(join(project, "node_modules", "gvajs", "README.md"), "utf8");
    const example = /```ts\n([^]*?)```/.exec(readme)?.[1];
    assert.ok(example?.includes('from "gvajs"'), "README has a typed example");
    const dir = join(project, "readme-example");
    mkdirSync(dir);
    writeFileSync(join(dir, "example.ts"), example);
    const r = await npx(["check", "example.ts"], { cwd: dir });
    assert.deepEqual([r.code, r.stderr], [0, ""]);
  });

  test('exports: "gvajs/cli" runs the command line; "gvajs" under plain node says where it runs', async () => {
    const cli = await run(process.execPath, ["--input-type=module", "-e", 'const { main } = await import("gvajs/cli"); process.exitCode = await main(["help", "init"]);'], { cwd: project });
    assert.deepEqual([cli.code, cli.stderr], [0, ""]);
    assert.match(cli.stdout, /^usage: gvajs init <dir>/);
    const plain = await run(process.execPath, ["--input-type=module", "-e", 'import { Precision } from "gvajs";'], { cwd: project });
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /^Error: the module "gvajs" exists only inside the gvajs GStreamer element, .*'npx gvajs build FILE\.ts'/m);
    assert.doesNotMatch(plain.stderr, /Cannot find package/);
  });

  test("npx gvajs --version: the package's version and the plugin found through GST_PLUGIN_PATH", async () => {
    const r = await npx(["--version"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `gvajs ${version} (npm package, ${join(project, "node_modules", "gvajs")})\n` +
        `plugin ${version} (${join(buildDir, "plugin", "libgstgvajs.so")}, from GST_PLUGIN_PATH)\n`,
    );
  });

  test("with no plugin anywhere, launch says how to install one, not to build a checkout", async () => {
    const env = userEnv({ GST_PLUGIN_PATH: "", GST_PLUGIN_SYSTEM_PATH_1_0: tempDir() });
    delete env.GST_PLUGIN_PATH;
    const r = await npx(["launch", "fakesrc", "!", "fakesink"], { env });
    assert.deepEqual([r.code, r.stdout], [1, ""]);
    assert.match(r.stderr, /^gvajs: no gvajs plugin found\n/);
    assert.match(r.stderr, /sudo apt-get install \.\/out\/deb\/gstreamer1\.0-gvajs_\*\.deb/);
    assert.doesNotMatch(r.stderr, /npm run build|node_modules\/build/);
  });
});

describe("a user's project: init, check, build, launch", () => {
  test("the starter type-checks with tsc itself, through the package's types", async () => {
    const init = await npx(["init", "app"]);
    assert.deepEqual([init.code, init.stderr], [0, ""]);
    const tsc = await run("npx", ["--no", "--", "tsc", "-p", "app"], { cwd: project });
    assert.deepEqual([tsc.code, tsc.stdout], [0, ""], tsc.stderr);
    const check = await npx(["check", "process.ts"], { cwd: join(project, "app") });
    assert.deepEqual([check.code, check.stderr], [0, ""]);
  });

  test("run.sh runs the starter through npx gvajs launch", async () => {
    await npx(["init", "runner"]);
    const ran = await run(join(project, "runner", "run.sh"), [], { cwd: tempDir(), env: userEnv() });
    assert.equal(ran.code, 0, ran.stderr);
    const lines = ran.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 31, ran.stdout);
    assert.equal(lines[0], "frame 1 at 0 ms: 320x240 I420");
    assert.equal(lines[30], "hello: 30 frames");
  });

  test("build writes a module gst-launch-1.0 runs", async () => {
    await npx(["init", "built"]);
    const dir = join(project, "built");
    const built = await npx(["build", "process.ts"], { cwd: dir });
    assert.deepEqual([built.code, built.stdout, built.stderr], [0, "", ""]);
    const r = await run("gst-launch-1.0", ["-q", "videotestsrc", "num-buffers=2", "!", "gvajs", "module=process.js", "!", "fakesink"], { cwd: dir, env: userEnv() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split("\n").at(-1), "hello: 2 frames");
  });
});
