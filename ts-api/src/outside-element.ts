// What `import "gvajs"` loads outside the element (plain node, a test
// runner): the built-in module exists only inside the gvajs GStreamer
// element, so this throws a message that says where to run the module.
// Every export of the element's module is named, so that importing any of
// them reaches this message rather than node's "does not provide an export
// named …" (ts-api/test/package.test.mjs keeps the list whole).

export let version: never, quickjsVersion: never, blas: never, Precision: never, Layout: never;
export let argmax: never, topK: never, softmax: never, sigmoid: never, dot: never, cosine: never;
export let l2normalize: never, matVec: never, nms: never, cropResize: never, regionStats: never;
export let readText: never, readJSON: never, writeText: never, appendText: never, writeJSON: never, post: never;
export let audioLevels: never, draw: never, foreground: never, blobs: never, matMul: never;
export let rowArgmax: never, bestMatch: never;

throw new Error(
  'the module "gvajs" exists only inside the gvajs GStreamer element, which runs a module per video or audio frame; ' +
    "plain node cannot run it. Build the module with 'npx gvajs build FILE.ts' and run it in a pipeline with " +
    "'npx gvajs launch … ! gvajs module=FILE.ts ! …' (or gst-launch-1.0 with module=FILE.js).",
);
