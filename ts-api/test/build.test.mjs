// `gvajs build` and `gvajs check`.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, test } from "node:test";
import { fixtures, gvajs, root, tempDir } from "./util.mjs";

describe("gvajs build", { concurrency: true }, () => {
  test("bundles an entry and its imports into one ES module with a source map beside it", async () => {
    const out = join(tempDir(), "main.js");
    const r = await gvajs(["build", join(fixtures, "app", "main.ts"), "-o", out]);
    assert.equal(r.code, 0, r.stderr);
    const js = readFileSync(out, "utf8");
    // "gvajs" stays an import (the element provides it); local files are inlined.
    assert.match(js, /^import \{ Layout \} from "gvajs";$/m);
    assert.match(js, /function describe\(frame\)/);
    assert.doesNotMatch(js, /describe\.ts"|: VideoFrame/);
    assert.match(js, /^export \{\n  process_frame,\n  stop\n\};$/m);
    assert.match(js, /\n\/\/# sourceMappingURL=main\.js\.map\n?$/);
    const map = JSON.parse(readFileSync(`${out}.map`, "utf8"));
    assert.equal(map.version, 3);
    const sources = map.sources.map((s) => resolve(dirname(out), s));
    assert.deepEqual(sources.sort(), [join(fixtures, "app", "describe.ts"), join(fixtures, "app", "main.ts")]);
  });

  test("writes entry.js beside entry.ts when no -o is given", async () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, "app", "describe.ts"), join(dir, "lib.ts"));
    const r = await gvajs(["build", join(dir, "lib.ts")]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(dir, "lib.js")));
    assert.ok(existsSync(join(dir, "lib.js.map")));
  });

  test("targets ES2023, which QuickJS 2025-04-26 runs: newer syntax is lowered", async () => {
    const dir = tempDir();
    // Decorators are newer than ES2023; esbuild must lower them.
    writeFileSync(join(dir, "new.ts"), [
      "function logged<T>(value: T, _context: ClassMethodDecoratorContext): T { return value; }",
      "export class A { @logged m(): number { return 1; } }",
      "",
    ].join("\n"));
    const r = await gvajs(["build", join(dir, "new.ts")]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(readFileSync(join(dir, "new.js"), "utf8"), /@logged/);
  });

  test("reports syntax errors as file:line:col message and exits 1", async () => {
    const r = await gvajs(["build", join(fixtures, "syntax_error.ts"), "-o", join(tempDir(), "x.js")]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ts-api/test/fixtures/syntax_error.ts:2:13 Unexpected ";"\n');
  });

  test("reports an import that does not resolve at the import", async () => {
    const r = await gvajs(["build", join(fixtures, "missing_import.ts"), "-o", join(tempDir(), "x.js")]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ts-api/test/fixtures/missing_import.ts:1:24 Could not resolve "./nowhere.ts"\n');
  });

  test("will not overwrite a .js entry with its own output", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "plain.js"), "export function process_frame() {}\n");
    const r = await gvajs(["build", join(dir, "plain.js")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^gvajs: cannot pick an output name for '.*plain\.js': give one with -o\n$/);
  });

  test("needs an entry: a usage error, exit 2", async () => {
    const r = await gvajs(["build"]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "gvajs: build: name the entry file\nusage: gvajs build <entry.ts> [-o out.js] [--minify]\n");
  });
});

describe("gvajs check", { concurrency: true }, () => {
  test("passes a well-typed module silently", async () => {
    const r = await gvajs(["check", join(fixtures, "app", "main.ts")]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, "", ""]);
  });

  test("prints type errors as file:line:col message and exits 1", async () => {
    const r = await gvajs(["check", join(fixtures, "type_error.ts")]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "ts-api/test/fixtures/type_error.ts:4:9 Type 'number' is not assignable to type 'string'. (TS2322)\n",
    );
  });

  test("reports an unresolved import", async () => {
    const r = await gvajs(["check", join(fixtures, "missing_import.ts")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ts-api\/test\/fixtures\/missing_import\.ts:1:24 Cannot find module '\.\/nowhere\.ts'/);
  });

  test("without a tsconfig, checks against what QuickJS provides: gvajs and console, no timers or DOM", async () => {
    const dir = tempDir();
    const module = [
      'import { argmax, type VideoFrame } from "gvajs";',
      "export function process_frame(frame: VideoFrame): void {",
      "  console.log(argmax(frame.data()));",
      "  setTimeout(() => {}, 1);",
      "  document.title = '';",
      "}",
      "",
    ].join("\n");
    writeFileSync(join(dir, "m.ts"), module);
    const r = await gvajs(["check", "m.ts"], { cwd: dir });
    assert.equal(r.code, 1);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 2, r.stderr);
    assert.equal(lines[0], "m.ts:4:3 Cannot find name 'setTimeout'. (TS2304)");
    assert.match(lines[1], /^m\.ts:5:3 Cannot find name 'document'\./);
  });

  test("a module that imports nothing still has the globals", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "m.ts"), 'export function process_frame(): void { console.log("x"); }\n');
    const r = await gvajs(["check", "m.ts"], { cwd: dir });
    assert.deepEqual([r.code, r.stderr], [0, ""]);
  });

  // A project whose tsconfig.json is @compilerOptions, with a module that
  // uses setTimeout: it type-checks, and check warns.
  async function checkWithTsconfig(compilerOptions, setup = () => {}) {
    const dir = tempDir();
    writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify({ compilerOptions }, null, 2)}\n`);
    writeFileSync(join(dir, "m.ts"), "export function process_frame(): void { setTimeout(() => {}, 1); }\n");
    setup(dir);
    return await gvajs(["check", "m.ts"], { cwd: dir });
  }

  test("warns when the project's lib includes the DOM, and still passes", async () => {
    const r = await checkWithTsconfig({ strict: true, lib: ["ES2023", "DOM"], types: [], target: "ES2023" });
    assert.deepEqual([r.code, r.stdout], [0, ""]);
    assert.equal(
      r.stderr,
      'tsconfig.json:4:5 warning: its "lib" includes the DOM, which the element does not have: ' +
        'setTimeout, document and fetch type-check and fail at run time; set "lib": ["ES2023"]\n',
    );
  });

  test("warns when no lib is set: TypeScript's default has the DOM", async () => {
    const r = await checkWithTsconfig({ strict: true, types: [], target: "ES2023" });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^tsconfig\.json:1:1 warning: no "lib" is set, so TypeScript's default includes the DOM, /);
  });

  test("warns when types is unset and @types packages become global", async () => {
    const options = { strict: true, lib: ["ES2023"], target: "ES2023", module: "ESNext", moduleResolution: "Bundler" };
    const r = await checkWithTsconfig(options, (dir) => {
      mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
      for (const name of ["@types/node", "undici-types"]) {
        symlinkSync(join(root, "node_modules", name), join(dir, "node_modules", name));
      }
    });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^tsconfig\.json:2:3 warning: no "types" is set, so every @types package in node_modules is global /);
  });

  test("no warning for what gvajs init writes, and setTimeout is an error there", async () => {
    const r = await checkWithTsconfig({ strict: true, lib: ["ES2023"], types: ["gvajs"], target: "ES2023" });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "m.ts:1:41 Cannot find name 'setTimeout'. (TS2304)\n");
  });

  test("names a missing file", async () => {
    const r = await gvajs(["check", "no/such.ts"]);
    assert.deepEqual([r.code, r.stderr], [1, "gvajs: no such file: no/such.ts\n"]);
  });

  test("build and launch name a missing entry as check does", async () => {
    for (const args of [["build", "no/such.ts"], ["launch", "videotestsrc", "!", "gvajs", "module=no/such.ts", "!", "fakesink"]]) {
      const r = await gvajs(args);
      assert.deepEqual([r.code, r.stderr], [1, "gvajs: no such file: no/such.ts\n"], args.join(" "));
    }
  });
});
