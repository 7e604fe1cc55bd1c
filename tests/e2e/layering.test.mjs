// The runtime's structure (runtime/README.md): each unit is a .c file and
// its header; a unit depends on the units whose headers it includes, and
// these dependencies must form no circle. The build makes a call without
// its header an error (-Werror=implicit-function-declaration), so the
// includes are the whole dependency map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./util.mjs";

const runtimeDir = join(root, "runtime");

// The unit a header belongs to: x.h -> x, except the public API headers.
const headerUnit = { "gvajs-runtime.h": "runtime", "gvajs-error.h": "errors" };
const unitOf = (header) => headerUnit[header] ?? header.replace(/\.h$/, "");

export function includes(text) {
  return [...text.matchAll(/^#include "([^"]+\.h)"/gm)].map((m) => m[1]);
}

/** unit -> Set of units it includes, over the files of @dir. */
export function dependencyGraph(files) {
  const graph = new Map();
  for (const [name, text] of files) {
    const unit = /\.h$/.test(name) ? unitOf(name) : name.replace(/\.c$/, "");
    if (!graph.has(unit)) graph.set(unit, new Set());
    for (const header of includes(text)) {
      if (header === "config.h") continue;
      const dep = unitOf(header);
      if (dep !== unit) graph.get(unit).add(dep);
    }
  }
  return graph;
}

/** A circle of units as a list (first = last), or null. */
export function findCycle(graph) {
  const state = new Map(); // 1: on the path, 2: done
  const path = [];
  const visit = (unit) => {
    state.set(unit, 1);
    path.push(unit);
    for (const dep of graph.get(unit) ?? []) {
      if (state.get(dep) === 1) return [...path.slice(path.indexOf(dep)), dep];
      if (!state.has(dep)) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(unit, 2);
    return null;
  };
  for (const unit of graph.keys()) {
    if (!state.has(unit)) {
      const cycle = visit(unit);
      if (cycle) return cycle;
    }
  }
  return null;
}

function readSources(dir) {
  return readdirSync(dir)
    .filter((name) => /\.[ch]$/.test(name))
    .map((name) => [name, readFileSync(join(dir, name), "utf8")]);
}

test("the cycle finder finds a circle and accepts a layering", () => {
  const circle = dependencyGraph([
    ["a.c", '#include "a.h"\n#include "b.h"\n'],
    ["b.c", '#include "b.h"\n#include "c.h"\n'],
    ["c.h", '#include "a.h"\n'],
  ]);
  assert.deepEqual(findCycle(circle), ["a", "b", "c", "a"]);
  const layers = dependencyGraph([
    ["a.c", '#include "a.h"\n#include "b.h"\n#include "c.h"\n'],
    ["b.h", '#include "c.h"\n'],
  ]);
  assert.equal(findCycle(layers), null);
});

test("runtime/ has no dependency circle", () => {
  const graph = dependencyGraph(readSources(runtimeDir));
  assert.ok(graph.size >= 15, `${graph.size} units`);
  assert.equal(findCycle(graph), null);
});

test("nothing in runtime/ but runtime.c depends on the runtime unit", () => {
  const graph = dependencyGraph(readSources(runtimeDir));
  const users = [...graph].filter(([unit, deps]) => unit !== "runtime" &&
    deps.has("runtime")).map(([unit]) => unit);
  assert.deepEqual(users, []);
});

test("plugin/ reaches runtime/ only through gvajs-runtime.h", () => {
  const runtimeHeaders = new Set(readdirSync(runtimeDir).filter((n) => n.endsWith(".h")));
  const stray = [];
  for (const [name, text] of readSources(join(root, "plugin"))) {
    for (const header of includes(text))
      if (runtimeHeaders.has(header) && header !== "gvajs-runtime.h") stray.push(`${name}: ${header}`);
    if (/gvajs_debug|_gvajs_/.test(text)) stray.push(`${name}: uses a runtime internal`);
  }
  assert.deepEqual(stray, []);
});

// The names a header declares: functions and variables of gvajs (types
// are capitalised), outside comments and macro definitions.
export function declaredNames(text) {
  const code = text.replace(/\/\*[^]*?\*\//g, "").split("\n")
    .filter((line) => !/^\s*#/.test(line)).join("\n");
  return [...new Set([...code.matchAll(/\b(_?gvajs_[a-z0-9_]+)\b/g)].map((m) => m[1]))];
}

// Whether @name is defined (not only used) in @text, in the house style:
// a function's name opens its line, a table or category is initialised.
function defines(text, name) {
  return new RegExp(`^${name} \\(|\\b${name}(\\[\\w*\\])? =|^GST_DEBUG_CATEGORY \\(${name}\\)|` +
    `^G_DEFINE_QUARK \\([^,]+, ${name.replace(/_quark$/, "")}\\)`, "m").test(text);
}

test("each header of runtime/ declares only what its own unit defines", () => {
  const files = new Map(readSources(runtimeDir));
  const misplaced = [];
  for (const [name, text] of files) {
    if (!name.endsWith(".h")) continue;
    const source = files.get(`${unitOf(name)}.c`) ?? "";
    for (const declared of declaredNames(text))
      if (!defines(source, declared) && !defines(text, declared))
        misplaced.push(`${name}: ${declared}`);
  }
  assert.deepEqual(misplaced, []);
});
