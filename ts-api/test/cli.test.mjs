// The command line's conventions: --version, help, usage errors (exit 2)
// against failures (exit 1), errors on stderr and only output on stdout.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { buildDir } from "../../tests/e2e/util.mjs";
import { cliEnv, fixtures, gvajs, root, tempDir } from "./util.mjs";

const COMMANDS = ["build", "check", "launch", "init", "help"];
const packageVersion = JSON.parse(readFileSync(join(root, "ts-api", "package.json"), "utf8")).version;

describe("gvajs --version", () => {
  test("prints the package's version and the found plugin's, with its path", async () => {
    const r = await gvajs(["--version"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `gvajs ${packageVersion} (npm package, ${join(root, "ts-api")})\n` +
        `plugin ${packageVersion} (${join(buildDir, "plugin", "libgstgvajs.so")}, from GVAJS_PLUGIN_DIR)\n`,
    );
    assert.equal(r.stderr, "");
  });

  test("the package's version is the plugin's (meson.build) and the Debian package's", () => {
    const meson = readFileSync(join(root, "meson.build"), "utf8");
    assert.equal(/^\s*version : '([^']+)'/m.exec(meson)?.[1], packageVersion);
    const changelog = readFileSync(join(root, "debian", "changelog"), "utf8");
    assert.equal(/^gvajs \(([^)]+)\)/.exec(changelog)?.[1], packageVersion);
  });
});

describe("help", { concurrency: true }, () => {
  for (const command of COMMANDS) {
    test(`gvajs help ${command}, ${command} --help and ${command} -h print its usage and exit 0`, async () => {
      const outputs = await Promise.all(
        [["help", command], [command, "--help"], [command, "-h"]].map((args) => gvajs(args)),
      );
      for (const r of outputs) {
        assert.deepEqual([r.code, r.stderr], [0, ""]);
        assert.match(r.stdout, new RegExp(`^usage: gvajs ${command} .*\n\n.+\n[^]*\noptions:\n[^]*^  -h, --help `, "m"));
        assert.equal(r.stdout, outputs[0]?.stdout);
      }
    });
  }

  test("gvajs help and gvajs --help list every command and the exit codes", async () => {
    const [a, b] = await Promise.all([gvajs(["help"]), gvajs(["--help"])]);
    assert.deepEqual([a.code, a.stderr, b.code], [0, "", 0]);
    assert.equal(a.stdout, b.stdout);
    for (const command of COMMANDS) assert.match(a.stdout, new RegExp(`^  ${command} +\\S`, "m"));
    assert.match(a.stdout, /exit codes: 0 done, 1 failed, 2 usage error/);
  });

  test("--help never acts: no folder, no file, no pipeline", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "m.ts"), "export function process_frame(): void {}\n");
    const env = cliEnv({ GVAJS_PLUGIN_DIR: join(dir, "no-plugin"), GVAJS_GST_LAUNCH: join(dir, "no-gst-launch") });
    const runs = [
      ["init", "--help"],
      ["init", "new", "--help"],
      ["check", "--help"],
      ["build", "m.ts", "--help"],
      ["launch", "--help", "fakesrc", "!", "fakesink"],
    ];
    for (const args of runs) {
      const r = await gvajs(args, { cwd: dir, env });
      assert.deepEqual([r.code, r.stderr], [0, ""], args.join(" "));
      assert.match(r.stdout, new RegExp(`^usage: gvajs ${args[0]} `));
    }
    assert.deepEqual(readdirSync(dir), ["m.ts"]);
  });
});

describe("usage errors exit 2, with the usage on stderr and nothing on stdout", { concurrency: true }, () => {
  const cases = [
    [[], "name a command", "usage: gvajs <command> [options]"],
    [["frob"], "unknown command 'frob'", "usage: gvajs <command> [options]"],
    [["--frob"], "unknown option '--frob'", "usage: gvajs <command> [options]"],
    [["help", "frob"], "help: no command 'frob'", "usage: gvajs <command> [options]"],
    [["build", "x.ts", "--output"], "build: option '-o, --output <value>' argument missing", "usage: gvajs build "],
    [["build", "x.ts", "-o"], "build: option '-o, --output <value>' argument missing", "usage: gvajs build "],
    [["build", "--nope", "x.ts"], "build: unknown option '--nope'", "usage: gvajs build "],
    [["build", "a.ts", "b.ts"], "build: unexpected argument 'b.ts'", "usage: gvajs build "],
    [["check"], "check: name one entry file", "usage: gvajs check "],
    [["check", "--strict", "x.ts"], "check: unknown option '--strict'", "usage: gvajs check "],
    [["check", "a.ts", "b.ts"], "check: unexpected argument 'b.ts'", "usage: gvajs check "],
    [["init"], "init: name one folder", "usage: gvajs init "],
    [["init", "--force", "dir"], "init: unknown option '--force'", "usage: gvajs init "],
    [["launch"], "launch: give a pipeline", "usage: gvajs launch "],
    [["launch", "-q", "-e"], "launch: give a pipeline", "usage: gvajs launch "],
    [["launch", "--wacth", "fakesrc", "!", "fakesink"], "launch: unknown option '--wacth'", "usage: gvajs launch "],
    [["launch", "-X"], "launch: option '-X, --exclude <value>' argument missing", "usage: gvajs launch "],
    [["--version", "x"], "--version takes no arguments", "usage: gvajs <command> [options]"],
  ];
  for (const [args, message, usage] of cases) {
    test(`gvajs ${args.join(" ")}`, async () => {
      const dir = tempDir();
      const r = await gvajs(args, { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      const [first, second] = r.stderr.split("\n");
      assert.equal(first, `gvajs: ${message}`);
      assert.ok(second?.startsWith(usage), r.stderr);
      assert.deepEqual(readdirSync(dir), [], "a usage error does nothing");
    });
  }
});

describe("failures exit 1, on stderr", { concurrency: true }, () => {
  test("a build error", async () => {
    const r = await gvajs(["build", join(fixtures, "syntax_error.ts"), "-o", join(tempDir(), "x.js")]);
    assert.deepEqual([r.code, r.stdout], [1, ""]);
    assert.match(r.stderr, /syntax_error\.ts:2:13 Unexpected ";"/);
  });

  test("a type error", async () => {
    const r = await gvajs(["check", join(fixtures, "type_error.ts")]);
    assert.deepEqual([r.code, r.stdout], [1, ""]);
    assert.match(r.stderr, /type_error\.ts:4:9 /);
  });

  test("a missing entry file is a failure, not a usage error", async () => {
    const r = await gvajs(["check", "no/such.ts"]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, "", "gvajs: no such file: no/such.ts\n"]);
  });

  test("init writes its list of files and the next step on stdout, nothing else", async () => {
    const dir = join(tempDir(), "m");
    const r = await gvajs(["init", dir]);
    assert.deepEqual([r.code, r.stderr], [0, ""]);
    assert.match(r.stdout, /^(created \S+\n){4}next: /);
    assert.ok(existsSync(join(dir, "process.ts")));
  });
});

describe("gvajs launch passes gst-launch-1.0's options on", { concurrency: true }, () => {
  const pipeline = ["videotestsrc", "num-buffers=2", "!", "gvajs", "module=m.ts", "!", "fakesink"];
  const launchIn = (dir, options) => {
    writeFileSync(join(dir, "m.ts"), 'export function process_frame(): void { console.log("frame"); }\n');
    return gvajs(["launch", ...options, ...pipeline], { cwd: dir });
  };

  test("-m and a --gst-* option before the pipeline reach gst-launch-1.0", async () => {
    const r = await launchIn(tempDir(), ["-m", "--gst-debug-level=0"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Got message #\d+ from element "pipeline0"/m, "-m reached gst-launch-1.0");
    // gst-launch-1.0 prints a message in several writes from its own
    // thread, so a frame's line may land after the first of them.
    assert.equal(r.stdout.match(/frame$/gm)?.length, 2);
  });

  test("-q does", async () => {
    const r = await launchIn(tempDir(), ["-q"]);
    assert.deepEqual([r.code, r.stdout], [0, "frame\nframe\n"], r.stderr);
  });
});
