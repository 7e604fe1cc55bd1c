// ssd_object_detection.ts: regions from an SSD detector's raw output, the
// gvajs port of DL Streamer's gvapython sample of the same name.
//
// gvainference (no post-processing) attaches the model's output as a frame
// tensor of shape [1, 1, N, 7]: one row per candidate,
//   [image_id, label_id, confidence, x_min, y_min, x_max, y_max]
// with the box normalized to the frame; a row with image_id < 0 ends the
// list. Each row above the threshold becomes a region that DL Streamer's
// elements (gvaclassify, gvatrack, gvawatermark) read.
//
//   gvainference model=ssd.xml ! gvajs module=ssd_object_detection.js (built
//     with `gvajs build`, or `gvajs launch … module=ssd_object_detection.ts`)
//     class=ObjectDetector kwarg='{"threshold": 0.5, "labels": ["bg", "face"]}'
//
// kwarg: threshold (default 0.5), labels (label_id → name; the id itself
// when absent), layer (only tensors of this layer_name; all by default).

import type { FrameProcessor, Tensor, VideoFrame } from "gvajs";

export interface DetectorOptions {
  threshold?: number;
  labels?: string[];
  layer?: string;
}

const clamp01 = (v: number): number => Math.min(Math.max(v, 0), 1);

export class ObjectDetector implements FrameProcessor {
  private readonly threshold: number;
  private readonly labels: string[];
  private readonly layer: string | undefined;

  constructor(options: DetectorOptions = {}) {
    this.threshold = options.threshold ?? 0.5;
    this.labels = options.labels ?? [];
    this.layer = options.layer;
  }

  // True when the tensor is an SSD output this detector should read.
  private isDetectionOutput(tensor: Tensor): boolean {
    const dims = tensor.dims();
    return (this.layer === undefined || tensor.layerName() === this.layer) &&
      Array.isArray(dims) && dims.at(-1) === 7 &&
      tensor.data() instanceof Float32Array;
  }

  // labels[id], or the id itself, for every id up to maxId: grown when a
  // new class shows up, not rebuilt per frame.
  private readonly names: string[] = [];
  private namesUpTo(maxId: number): string[] {
    for (let id = this.names.length; id <= maxId; id++)
      this.names.push(this.labels[id] ?? String(id));
    return this.names;
  }

  // The rows decoded into typed arrays, then added in one call
  // (frame.addRegions); a row that adds nothing keeps the id -1.
  private addRegions(frame: VideoFrame, data: Float32Array, rows: number): void {
    const boxes = new Float32Array(4 * rows);
    const ids = new Int32Array(rows).fill(-1);
    const scores = new Float32Array(rows);
    let maxId = 0;
    for (let i = 0; i < rows; i++) {
      const [imageId, labelId, confidence, x0, y0, x1, y1] =
        data.subarray(i * 7, i * 7 + 7);
      if (imageId < 0) break;
      // Models overshoot the frame a little; boxes are clipped to it.
      const x = clamp01(x0), y = clamp01(y0);
      const w = clamp01(x1) - x, h = clamp01(y1) - y;
      if (w <= 0 || h <= 0 || !(labelId >= 0)) continue;
      boxes[4 * i] = x;
      boxes[4 * i + 1] = y;
      boxes[4 * i + 2] = w;
      boxes[4 * i + 3] = h;
      ids[i] = labelId;
      scores[i] = confidence;
      maxId = Math.max(maxId, ids[i]);
    }
    frame.addRegions(boxes, ids, this.namesUpTo(maxId), scores,
      { normalized: true, threshold: this.threshold });
  }

  process_frame(frame: VideoFrame): void {
    for (const tensor of frame.tensors()) {
      if (!this.isDetectionOutput(tensor)) continue;
      const dims = tensor.dims() ?? [];
      this.addRegions(frame, tensor.data() as Float32Array, dims.at(-2) ?? 0);
    }
  }
}
