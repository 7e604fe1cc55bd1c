// `gvajs launch` and `gvajs init`: real pipelines through this build's
// plugin, with TypeScript modules built on the fly.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gstLaunch, run } from "../../tests/e2e/util.mjs";
import { cliEnv, fixtures, gvajs, root, tempDir } from "./util.mjs";

const SOURCE = "videotestsrc num-buffers=4 ! video/x-raw,format=RGB,width=64,height=48";

describe("gvajs launch", { concurrency: true }, () => {
  test("builds module=*.ts and runs the pipeline with this build's plugin", async () => {
    const pipeline = `${SOURCE} ! gvajs module=${join(fixtures, "app", "main.ts")} ! fakesink`;
    const r = await gvajs(["launch", "-q", ...pipeline.split(" ")]);
    assert.equal(r.code, 0, r.stderr);
    const pts = [0, 33333333, 66666666, 100000000];
    const expected = pts.map((t) => `64x48 RGB pts=${t} NCHW`).concat("main: 4 frames");
    assert.deepEqual(r.stdout.trimEnd().split("\n"), expected);
  });

  test("launches of one module at once each load it whole (the build replaces it by rename)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "m.ts"), 'export function process_frame(): void { console.log("frame"); }\n');
    const env = cliEnv({ GVAJS_CACHE_DIR: join(dir, "cache") });
    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(Array.from({ length: 12 }, () =>
        gvajs(["launch", "-q", "videotestsrc", "num-buffers=2", "!", "gvajs", "module=m.ts", "!", "fakesink"], { cwd: dir, env })));
      for (const r of runs) assert.deepEqual([r.code, r.stdout], [0, "frame\nframe\n"], r.stderr);
    }
  });

  test("reports an exception at the TypeScript line, with a mapped stack", async () => {
    const ts = join(fixtures, "throws.ts");
    const lines = readFileSync(ts, "utf8").split("\n");
    const throwLine = lines.findIndex((l) => l.includes("throw new RangeError")) + 1;
    const col = lines[throwLine - 1].indexOf("RangeError") + 1;
    const callLine = lines.findIndex((l) => l.includes("inspect(frame, state)")) + 1;

    const pipeline = `${SOURCE} ! gvajs module=${ts} ! fakesink`;
    const r = await gvajs(["launch", "-q", ...pipeline.split(" ")]);
    assert.equal(r.code, 1);
    assert.ok(
      r.stderr.includes(`${ts}:${throwLine}:${col}: RangeError: frame 3 at 66666666 is out of range (in process_frame)`),
      r.stderr,
    );
    assert.ok(r.stderr.includes(`at inspect (${ts}:${throwLine}:${col})`), r.stderr);
    assert.ok(r.stderr.includes(`at process_frame (${ts}:${callLine}:3)`), r.stderr);
    assert.doesNotMatch(r.stderr, /throws\.js:/);
  });

  test("maps columns too: a minified bundle on one line reports the same TypeScript position", async () => {
    const ts = join(fixtures, "throws.ts");
    const out = join(tempDir(), "throws.min.js");
    const built = await gvajs(["build", "--minify", ts, "-o", out]);
    assert.equal(built.code, 0, built.stderr);
    assert.ok(readFileSync(out, "utf8").split("\n").length <= 4, "minified to a line or two");
    const lines = readFileSync(ts, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("throw new RangeError")) + 1;
    const col = lines[line - 1].indexOf("RangeError") + 1;
    const r = await gstLaunch(`${SOURCE} ! gvajs module=${out} ! fakesink`, { env: cliEnv() });
    assert.equal(r.code, 1);
    // Function names survive minifying (keepNames); positions come from the map.
    assert.ok(r.stderr.includes(`at inspect (${ts}:${line}:${col})`), r.stderr);
    assert.ok(r.stderr.includes(`${ts}:${line}:${col}: RangeError: frame 3`), r.stderr);
  });

  test("a build error stops before gst-launch and names the TypeScript line", async () => {
    const pipeline = `${SOURCE} ! gvajs module=${join(fixtures, "syntax_error.ts")} ! fakesink`;
    const r = await gvajs(["launch", ...pipeline.split(" ")]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ts-api/test/fixtures/syntax_error.ts:2:13 Unexpected ";"\n');
    assert.equal(r.stdout, "");
  });

  test("leaves .js modules as they are", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "m.js"), 'export function process_frame() { console.log("js"); }\n');
    const r = await gvajs(["launch", "-q", ...`${SOURCE} ! gvajs module=m.js ! fakesink`.split(" ")], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "js\njs\njs\njs\n");
  });

  test("returns gst-launch-1.0's exit code", async () => {
    const r = await gvajs(["launch", "-q", "nosuchelement", "!", "fakesink"]);
    const direct = await run("gst-launch-1.0", ["-q", "nosuchelement", "!", "fakesink"], { env: cliEnv() });
    assert.notEqual(r.code, 0);
    assert.equal(r.code, direct.code);
    assert.match(r.stderr, /nosuchelement/);
  });

  test("refuses a GVAJS_PLUGIN_DIR without the plugin in it, before gst-launch", async () => {
    const dir = tempDir();
    const r = await gvajs(["launch", "fakesrc", "!", "fakesink"], { env: cliEnv({ GVAJS_PLUGIN_DIR: dir }) });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `gvajs: GVAJS_PLUGIN_DIR is ${dir}, which has no libgstgvajs.so: point it at the folder holding it, or unset it\n`,
    );
  });
});

describe("the element given a TypeScript module", { concurrency: true }, () => {
  for (const ext of [".ts", ".mts", ".tsx"]) {
    test(`refuses ${ext} at start and says to build it or use gvajs launch`, async () => {
      const dir = tempDir();
      const ts = join(dir, `m${ext}`);
      writeFileSync(ts, "export function process_frame(frame: unknown): void {}\n");
      const r = await gstLaunch(`${SOURCE} ! gvajs module=${ts} ! fakesink`, { env: cliEnv() });
      assert.notEqual(r.code, 0);
      assert.ok(
        r.stderr.includes(
          `module '${ts}' is TypeScript, which the element cannot run: build it with ` +
            `'npx gvajs build ${ts}' and set module=${join(dir, "m")}.js, ` +
            "or run the pipeline with 'npx gvajs launch', which builds it",
        ),
        r.stderr,
      );
      assert.doesNotMatch(r.stderr, /SyntaxError/);
    });
  }
});

describe("samples/hello", () => {
  test("prints what its README shows", async () => {
    const readme = readFileSync(join(root, "samples", "hello", "README.md"), "utf8");
    const shown = /```\n(frame 1[^`]*)```/.exec(readme)?.[1];
    assert.ok(shown, "README shows the output");
    const pipeline =
      "videotestsrc num-buffers=3 ! video/x-raw,format=I420,width=320,height=240 ! gvajs module=samples/hello/hello.ts ! fakesink";
    assert.ok(readme.replace(/ \\\n\s+/g, " ").includes(`npx gvajs launch ${pipeline}`), "README runs this pipeline");
    const r = await gvajs(["launch", "-q", ...pipeline.split(" ")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, shown);
  });

  test("type-checks", async () => {
    const r = await gvajs(["check", "samples/hello/hello.ts"]);
    assert.deepEqual([r.code, r.stderr], [0, ""]);
  });
});

describe("gvajs init", () => {
  test("writes a starter that type-checks, with no path of this machine in it", async () => {
    const dir = join(tempDir(), "my-module");
    const r = await gvajs(["init", dir]);
    assert.equal(r.code, 0, r.stderr);
    const names = ["process.ts", "tsconfig.json", "run.sh", "README.md"];
    assert.ok(r.stdout.startsWith(names.map((n) => `created ${join(dir, n)}\n`).join("")), r.stdout);
    assert.equal(
      readFileSync(join(dir, "process.ts"), "utf8"),
      readFileSync(join(root, "samples", "hello", "hello.ts"), "utf8"),
    );
    for (const name of names) {
      assert.doesNotMatch(readFileSync(join(dir, name), "utf8"), new RegExp(`${root}|${tmpdir()}`), name);
    }
    assert.match(readFileSync(join(dir, "run.sh"), "utf8"), /^exec npx --no -- gvajs launch -q videotestsrc /m);
    assert.match(readFileSync(join(dir, "README.md"), "utf8"), /^ {4}npx gvajs check process\.ts /m);

    // Without gvajs installed beside it, the CLI's own declarations stand in
    // for "types": ["gvajs"].
    const checked = await gvajs(["check", "process.ts"], { cwd: dir });
    assert.deepEqual([checked.code, checked.stderr], [0, ""]);
  });

  test("its tsconfig has no DOM and only gvajs's globals", async () => {
    const dir = tempDir();
    assert.equal((await gvajs(["init", dir])).code, 0);
    const { compilerOptions } = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8"));
    assert.deepEqual([compilerOptions.lib, compilerOptions.types], [["ES2023"], ["gvajs"]]);
    writeFileSync(join(dir, "process.ts"), "export function process_frame(): void { setTimeout(() => {}, 1); }\n");
    const checked = await gvajs(["check", "process.ts"], { cwd: dir });
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, /^process\.ts:1:41 Cannot find name 'setTimeout'\. \(TS2304\)$/m);
  });

  test("ends with the next step: installing gvajs first where run.sh's npx would not find it", async () => {
    const outside = join(tempDir(), "starter");
    const r = await gvajs(["init", outside]);
    assert.equal(r.code, 0, r.stderr);
    const next = r.stdout.split("\n").filter((l) => !l.startsWith("created ")).join("\n");
    assert.match(next, /^next: gvajs is not installed in \S+starter or a folder above it/);
    assert.match(next, /&& npm init -y && npm install --save-dev \S+ && \.\/run\.sh$/m);
    // Where one is installed above the folder: only the run.
    const project = tempDir();
    mkdirSync(join(project, "node_modules", "gvajs"), { recursive: true });
    writeFileSync(join(project, "node_modules", "gvajs", "package.json"), '{"name": "gvajs"}\n');
    const inside = await gvajs(["init", join(project, "app")]);
    assert.equal(inside.code, 0, inside.stderr);
    assert.match(inside.stdout, /\nnext: cd \S+app && \.\/run\.sh\n$/);
  });

  test("never overwrites files", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "process.ts"), "// mine\n");
    const r = await gvajs(["init", dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `gvajs: ${dir} already has process.ts; not overwriting\n`);
    assert.equal(readFileSync(join(dir, "process.ts"), "utf8"), "// mine\n");
  });
});
