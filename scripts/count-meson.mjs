#!/usr/bin/env node
// Counts the test cases of one `meson test` run from meson's own results,
// meson-logs/testlog.json (testlog-<setup>.json with --setup): one JSON
// object a line with the test's "name", "result" and "stdout". Prints
// "N passed, N failed".
//
// A gst-check suite counts its cases from check's "Checks: N, Failures: F,
// Errors: E" lines; a test without them counts as one case. Meson's result
// has the last word: a test whose result is not OK (a sanitizer or valgrind
// report after the counts, a crash, a timeout) has at least one failure, so
// the total never says 0 failed when meson said otherwise. An unreadable
// log counts as one failure.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const CHECKS = /Checks: (\d+), Failures: (\d+), Errors: (\d+)/g;

/** One test's cases: {passed, failed}. */
export function countTest({ result, stdout = "" }) {
  let cases = 0;
  let bad = 0;
  for (const [, n, f, e] of stdout.matchAll(CHECKS)) {
    cases += Number(n);
    bad += Number(f) + Number(e);
  }
  if (cases === 0) cases = 1;
  if (result !== "OK") bad = Math.max(bad, 1);
  return { passed: cases - bad, failed: bad };
}

/** The cases of every test in a testlog.json's text: {passed, failed}. */
export function countLog(text) {
  const total = { passed: 0, failed: 0 };
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const { passed, failed } = countTest(JSON.parse(line));
    total.passed += passed;
    total.failed += failed;
  }
  return total;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const log = process.argv[2];
  let total;
  try {
    total = countLog(readFileSync(log, "utf8"));
  } catch (e) {
    console.error(`count-meson: ${log}: ${e.message}`);
    total = { passed: 0, failed: 1 };
  }
  console.log(`${total.passed} passed, ${total.failed} failed`);
}
