// gallery.ts: face identification against a gallery of known faces. Each
// face region (from facedetect, or any detector) gets a descriptor — its
// embedding tensor when it carries one, else the pixel stand-in of
// descriptor.ts — that is compared with every gallery entry in one native
// matVec (rows and descriptor are unit length, so the products are cosine
// similarities); argmax picks the best, and the region is labelled with its
// name when the similarity reaches the threshold, else "unknown".
//
// Three modes, chosen by kwarg "mode":
//   "match" (default): label faces; the result goes on the region as an
//     "identity" tensor (label + confidence, as a classifier's result) and
//     out as one JSON line per frame.
//   "build": print the descriptors of the faces the "labels" pick out, as
//     JSON lines, for run.mjs --build-gallery to average into a gallery.
//   "embed": attach the pixel descriptor to each face as an "embedding"
//     tensor, as a re-identification network would; a "match" element
//     downstream then reads the tensor instead of the pixels.
//
//   gvajs module=gallery.js class=FaceGallery allow-read=out/face-gallery
//     kwarg='{"gallery": "out/face-gallery/gallery.json", "threshold": 0.5}'
import {
  argmax,
  l2normalize,
  matVec,
  readJSON,
  type FrameProcessor,
  type JsonValue,
  type RegionOfInterest,
  type VideoFrame,
} from "gvajs";
import { PIXEL_DIM, describe, pixelDescriptor, tensorDescriptor, type Source } from "./descriptor.ts";

/** One labelled stretch of video for "build": whose face to collect. */
export interface Label {
  /** The identity's name. */
  name: string;
  /** First and last frame (counted from 0), inclusive. */
  frames: [number, number];
  /**
   * [x1, y1, x2, y2], fractions of the frame: only faces whose box centre
   * lies inside count; of those the largest is taken. Default: the frame.
   */
  area?: [number, number, number, number];
}

export interface GalleryOptions {
  /** "match" (default), "build" or "embed". */
  mode?: "match" | "build" | "embed";
  /** Gallery JSON for "match" (allow-read must cover its folder). */
  gallery?: string;
  /** Least cosine similarity that names a face; default 0.5. */
  threshold?: number;
  /** Name (or layer_name) of the embedding tensor; default "embedding". */
  tensor?: string;
  /** What "build" collects. */
  labels?: Label[];
}

/**
 * The gallery file: unit-length embeddings, several per name allowed (one
 * per pose or stretch of video), and optionally the mean descriptor that
 * every descriptor is centred by before it is normalized and compared.
 */
export interface GalleryFile {
  dim: number;
  mean?: number[];
  identities: { name: string; embedding: number[] }[];
}

/** What one face was matched as. */
export interface FaceResult {
  box: [number, number, number, number];
  label: string;
  similarity: number;
  source: Source;
  /** Best similarity per gallery name. */
  scores: Record<string, number>;
}

interface Gallery {
  dim: number;
  names: string[];
  matrix: Float32Array;
  mean: Float32Array | undefined;
}

function isNumbers(v: JsonValue | undefined, length: number): v is number[] {
  return Array.isArray(v) && v.length === length && v.every((x) => typeof x === "number" && Number.isFinite(x));
}

/** Checks a parsed gallery file and lays its embeddings out as a matrix. */
export function parseGallery(json: JsonValue, path: string): Gallery {
  const bad = (what: string): never => {
    throw new Error(`gallery '${path}': ${what}`);
  };
  if (json === null || typeof json !== "object" || Array.isArray(json)) return bad("not a JSON object");
  const { dim, mean, identities } = json;
  if (typeof dim !== "number" || !Number.isInteger(dim) || dim < 1) return bad(`"dim" must be a positive integer`);
  if (!Array.isArray(identities) || identities.length === 0) return bad(`"identities" must be a non-empty array`);
  if (mean !== undefined && !isNumbers(mean, dim)) return bad(`"mean" must be ${dim} numbers`);
  const matrix = new Float32Array(identities.length * dim);
  const names = identities.map((entry, i) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      return bad(`identity ${i} is not an object`);
    }
    if (typeof entry.name !== "string" || entry.name === "") return bad(`identity ${i} has no "name"`);
    if (!isNumbers(entry.embedding, dim)) {
      return bad(`identity ${i} ('${entry.name}'): "embedding" must be ${dim} numbers`);
    }
    const row = matrix.subarray(i * dim, (i + 1) * dim);
    row.set(entry.embedding);
    l2normalize(row, row);
    return entry.name;
  });
  return { dim, names, matrix, mean: mean === undefined ? undefined : new Float32Array(mean) };
}

const LABEL_FORM = `{"name": string (not "unknown"), "frames": [first, last], "area"?: [x1, y1, x2, y2]}`;

function isLabel(l: Label): boolean {
  const { name, frames, area } = l;
  const nameOk = typeof name === "string" && name !== "" && name !== "unknown";
  const framesOk = Array.isArray(frames) && frames.length === 2 && frames.every(Number.isInteger) && frames[0] <= frames[1];
  const areaOk = area === undefined || (Array.isArray(area) && area.length === 4 && area.every((x) => typeof x === "number"));
  return nameOk && framesOk && areaOk;
}

function checkLabels(labels: Label[] | undefined): Label[] {
  if (!Array.isArray(labels) || labels.length === 0) throw new Error(`mode "build" needs "labels": [${LABEL_FORM}, ...]`);
  for (const [i, l] of labels.entries()) {
    if (!isLabel(l)) throw new Error(`label ${i}: expected ${LABEL_FORM}, got ${JSON.stringify(l)}`);
  }
  return labels;
}

export class FaceGallery implements FrameProcessor {
  private readonly mode: "match" | "build" | "embed";
  private readonly threshold: number;
  private readonly tensor: string;
  private readonly gallery: Gallery | undefined;
  private readonly labels: Label[];
  private readonly counts = new Map<string, number>();
  private frame = 0;

  constructor(options: GalleryOptions = {}) {
    this.mode = options.mode ?? "match";
    this.threshold = options.threshold ?? 0.5;
    if (typeof this.threshold !== "number" || !Number.isFinite(this.threshold)) {
      throw new TypeError(`"threshold" must be a number, got ${JSON.stringify(options.threshold)}`);
    }
    this.tensor = options.tensor ?? "embedding";
    this.labels = this.mode === "build" ? checkLabels(options.labels) : [];
    if (this.mode === "match") {
      if (typeof options.gallery !== "string") throw new Error(`mode "match" needs "gallery": the path of a gallery JSON`);
      this.gallery = parseGallery(readJSON(options.gallery), options.gallery);
    } else if (this.mode !== "build" && this.mode !== "embed") {
      throw new Error(`unknown mode '${String(this.mode)}': use "match", "build" or "embed"`);
    }
  }

  process_frame(frame: VideoFrame): void {
    if (this.mode === "match") this.match(frame);
    else if (this.mode === "build") this.collect(frame);
    else this.embed(frame);
    this.frame++;
  }

  private count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Labels every face and prints the frame's results. */
  private match(frame: VideoFrame): void {
    const faces = frame.regions().map((region) => this.identify(frame, region));
    console.log(JSON.stringify({ frame: this.frame, pts: frame.pts ?? null, faces }));
  }

  private identify(frame: VideoFrame, region: RegionOfInterest): FaceResult {
    const g = this.gallery!;
    const { descriptor, source } = describe(frame, region, this.tensor);
    if (descriptor.length !== g.dim) {
      throw new RangeError(`the ${source === "tensor" ? `'${this.tensor}' tensor` : "pixel descriptor"} has ` +
        `${descriptor.length} values but the gallery's dim is ${g.dim}: build the gallery from the same descriptor`);
    }
    if (g.mean !== undefined) for (let i = 0; i < g.dim; i++) descriptor[i] -= g.mean[i];
    l2normalize(descriptor, descriptor);
    const sims = matVec(g.matrix, descriptor);
    const best = argmax(sims);
    const similarity = sims[best];
    const label = similarity >= this.threshold ? g.names[best] : "unknown";
    const scores: Record<string, number> = {};
    for (const [i, name] of g.names.entries()) scores[name] = Math.max(scores[name] ?? -1, sims[i]);
    const identity = region.addTensor("identity");
    identity.setLabel(label);
    identity.set("confidence", similarity);
    identity.set("model_name", "face-gallery");
    this.count(label);
    const { x, y, w, h } = region.rect();
    return { box: [x, y, w, h], label, similarity, source, scores };
  }

  /** Prints the descriptor of each labelled face on this frame. */
  private collect(frame: VideoFrame): void {
    const info = frame.videoInfo();
    if (info === null) throw new TypeError("FaceGallery needs raw video");
    const regions = frame.regions();
    for (const label of this.labels) {
      if (this.frame < label.frames[0] || this.frame > label.frames[1]) continue;
      const [x1, y1, x2, y2] = label.area ?? [0, 0, 1, 1];
      const inside = regions.filter((r) => {
        const { x, y, w, h } = r.rect();
        const cx = (x + w / 2) / info.width;
        const cy = (y + h / 2) / info.height;
        return cx >= x1 && cx <= x2 && cy >= y1 && cy <= y2;
      });
      if (inside.length === 0) continue;
      const area = (r: RegionOfInterest) => r.rect().w * r.rect().h;
      const face = inside.reduce((a, b) => (area(b) > area(a) ? b : a));
      const { descriptor, source } = describe(frame, face, this.tensor);
      const { x, y, w, h } = face.rect();
      this.count(label.name);
      console.log(JSON.stringify({
        sample: { name: label.name, frame: this.frame, box: [x, y, w, h], source, embedding: Array.from(descriptor) },
      }));
    }
  }

  /** Attaches the pixel descriptor as an embedding tensor, as a network would. */
  private embed(frame: VideoFrame): void {
    for (const region of frame.regions()) {
      if (tensorDescriptor(region, this.tensor) !== undefined) continue;
      const tensor = region.addTensor(this.tensor);
      tensor.setData(pixelDescriptor(frame, region), [1, PIXEL_DIM]);
      tensor.set("layer_name", this.tensor);
      tensor.set("model_name", "face-gallery-pixels");
      this.count("embedded");
    }
  }

  stop(): void {
    console.log(JSON.stringify({ summary: { mode: this.mode, frames: this.frame, counts: Object.fromEntries(this.counts) } }));
  }
}
