// The native helpers and their result types; must compile.
import { argmax, cosine, dot, l2normalize, matVec, nms, sigmoid, softmax, topK, quickjsVersion, version } from "gvajs";
import { cropResize, readJSON, readText, regionStats, type JsonValue, type VideoFrame } from "gvajs";
import type { Equal, Expect } from "./util.ts";

const f32 = new Float32Array([1, 2, 3]);
const f64 = new Float64Array(3);
const u8 = new Uint8Array([1, 2, 3]);

const i: number = argmax(u8) + dot(f32, u8) + cosine(f32, f64);
const top = topK(f32, 2);
type _top = Expect<Equal<typeof top, { indices: Int32Array; values: Float64Array }>>;

const p = softmax(f32);
type _p = Expect<Equal<typeof p, Float32Array>>;
const q = softmax(u8, f64);
// `out` comes back with its own type.
type _q = Expect<Equal<typeof q, typeof f64>>;
const s = sigmoid(f32, f32);
type _s = Expect<Equal<typeof s, typeof f32>>;
const n = l2normalize(new Int16Array(2));
type _n = Expect<Equal<typeof n, Float32Array>>;
const sims = matVec(new Float32Array(6), f32);
type _sims = Expect<Equal<typeof sims, Float32Array>>;
const sims64 = matVec(new Float32Array(6), f32, new Float64Array(2));
type _sims64 = Expect<Equal<typeof sims64, typeof f64>>;
const kept = nms(new Float32Array(8), new Float32Array(2), 0.5);
const kept1: Int32Array = nms(new Float32Array(8), new Float32Array(2), 0.5, 1);

// The gallery step in batch form.
import { matMul, rowArgmax } from "gvajs";
export function identify(frame: VideoFrame, gallery: Float32Array, names: string[]): number {
  const faces = frame.regionTensorData("face_embedding");
  if (faces === undefined) return 0;
  const sims = matMul(faces, gallery, 256);
  const similarity = new Float32Array(sims.length / names.length);
  const best: Int32Array = rowArgmax(sims, names.length, undefined, similarity);
  return frame.addRegionLabels("face_id", best, names, similarity, 0.5) + frame.addRegionLabels("guess", best, names);
}

// The same step with the fused match.
import { bestMatch } from "gvajs";
export function identifyFused(frame: VideoFrame, gallery: Float32Array, names: string[]): number {
  const faces = frame.regionTensorData("face_embedding");
  if (faces === undefined) return 0;
  const similarity = new Float64Array(faces.length / 256);
  const best: Int32Array = bestMatch(faces, gallery, 256, new Int32Array(similarity.length), similarity);
  return frame.addRegionLabels("face_id", best, names, similarity, 0.5) + bestMatch(faces, gallery, 256).length;
}

// A detector's post-processing and its consumer in batch form.
export function detect(frame: VideoFrame, boxes: Float32Array, classes: Int32Array, scores: Float32Array): number {
  const added: number = frame.addRegions(boxes, classes, ["person", "car"], scores, { threshold: 0.5 });
  frame.addRegions(new Float64Array([0.1, 0.1, 0.2, 0.2]), new Uint8Array(1), ["dog"], undefined, { normalized: true });
  const xywh: Float64Array = frame.regionBoxes(new Float64Array(4 * frame.regions().length));
  const confidences: Float64Array = frame.regionConfidences();
  const labels: string[] = frame.regionLabels();
  const ages: (string | undefined)[] = frame.regionLabels("age");
  return added + xywh[0] + confidences[0] + labels.length + ages.length;
}

export function process_frame(frame: VideoFrame): void {
  for (const region of frame.regions()) {
    const gray: Float32Array = cropResize(frame, region.rect(), 16, 16);
    const rgb = cropResize(frame, { x: 0, y: 0, w: 8, h: 8 }, 4, 4, { format: "rgb", layout: "chw", resample: "area", max: 255 });
    const { mean, std } = regionStats(frame, region.rect());
    console.log(gray.length + rgb.length + (mean[0] ?? 0) + (std[0] ?? 0));
  }
}

const text: string = readText("labels.txt");
const json: JsonValue = readJSON("gallery.json");
const gallery = readJSON("gallery.json") as { names: string[] };
console.log(text, json, gallery.names);

export const summary = `${version} ${quickjsVersion} ${i} ${kept.length + kept1.length}`;

// Drawing.
import { draw, type Color, type DrawStyle, type Point, type Rect, type TextSize } from "gvajs";

export function annotate(frame: VideoFrame): void {
  const style: DrawStyle = { color: [255, 0, 0], thickness: 2 };
  const translucent: Color = [0, 0, 0, 128];
  draw.rect(frame, { x: 1, y: 2, w: 3, h: 4 }, style);
  draw.rect(frame, frame.regions()[0]?.rect() ?? { x: 0, y: 0, w: 1, h: 1 }, { fill: true, color: translucent });
  draw.line(frame, 0, 0, 10.5, 20, { thickness: 3 });
  const zone: Point[] = [[0, 0], [10, 0], [5, 8]];
  draw.polygon(frame, zone, { fill: true });
  draw.polygon(frame, new Float32Array([0, 0, 4, 4]), { closed: false });
  draw.circle(frame, 5, 5, 0, { fill: true });
  const box: Rect = draw.text(frame, 4, 4, "Zoë 0.93", { size: 20, background: translucent, padding: 3 });
  const size: TextSize = draw.measureText("id 7");
  console.log(box.w + size.w + size.h + size.baseline);
}
