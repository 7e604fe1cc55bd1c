// detector.ts: people as moving blobs of a static camera. foreground()
// keeps a background model of the scene and marks what differs from it;
// blobs() boxes the connected parts (opened, so a fluttering tape or noise
// is dropped). A blob much wider than a person is two or more people
// walking side by side: it is split at the emptiest columns of the mask.
// Each box becomes a "person" region for the tracker.
//
//   gvajs module=detector.js class=MotionDetector kwarg='{"minArea": 300}'
import { blobs, foreground, type FrameProcessor, type Rect, type VideoFrame } from "gvajs";

export interface DetectorOptions {
  /** Pixels per side of the background model's blocks. */
  scale?: number;
  /** Least blob area in frame pixels: smaller ones are noise. */
  minArea?: number;
  /** Width / height of one person: a blob wider than 1.7 times this is split. */
  personAspect?: number;
  /** Deviations from the background that make a block foreground. */
  threshold?: number;
  /** Parts of the mask with up to twice this many blocks between them are one person (legs and a torso a frame apart). */
  gap?: number;
  /** Frames a block may stay foreground and unchanged before it is background (a ghost, or someone who stopped). */
  absorb?: number;
}


export class MotionDetector implements FrameProcessor {
  private readonly scale: number;
  private readonly minArea: number;
  private readonly personAspect: number;
  private readonly threshold: number;
  private readonly absorb: number;
  private readonly gap: number;
  private model: Float32Array | null = null;
  private found = 0;
  private frames = 0;

  constructor(options: DetectorOptions = {}) {
    this.scale = options.scale ?? 2;
    this.minArea = options.minArea ?? 300;
    this.personAspect = options.personAspect ?? 0.42;
    this.threshold = options.threshold ?? 4;
    // 2.5 s at 10 frames a second: the ghost of who stood somewhere when
    // the model started goes soon.
    this.absorb = options.absorb ?? 25;
    this.gap = options.gap ?? 3;
  }

  process_frame(frame: VideoFrame): void {
    const info = frame.videoInfo();
    if (info === null) throw new TypeError("MotionDetector needs raw video");
    const s = this.scale;
    const mw = Math.ceil(info.width / s), mh = Math.ceil(info.height / s);
    this.model ??= new Float32Array(8 * mw * mh);
    const mask = foreground(frame, this.model, { scale: s, threshold: this.threshold, absorb: this.absorb });
    for (const blob of blobs(mask, mw, mh, { scale: s, minArea: this.minArea, gap: this.gap })) {
      for (const box of this.split(blob, mask, mw)) {
        frame.addRegion({ ...box, label: "person", confidence: Math.min(1, blob.area / (box.w * box.h)) });
        this.found++;
      }
    }
    this.frames++;
  }

  /** The people side by side in @blob: cut at the emptiest column while a part is too wide. */
  private split(blob: Rect, mask: Uint8Array, mw: number): Rect[] {
    if (blob.w <= 1.7 * this.personAspect * blob.h) return [{ x: blob.x, y: blob.y, w: blob.w, h: blob.h }];
    const s = this.scale;
    const x0 = Math.round(blob.x / s), x1 = Math.round((blob.x + blob.w) / s);
    const y0 = Math.round(blob.y / s), y1 = Math.round((blob.y + blob.h) / s);
    // The mask's set cells per column, in the middle 60 % of the blob.
    let best = -1, bestCount = Infinity;
    for (let x = Math.round(x0 + 0.2 * (x1 - x0)); x < x0 + 0.8 * (x1 - x0); x++) {
      let count = 0;
      for (let y = y0; y < y1; y++) if (mask[y * mw + x]) count++;
      if (count < bestCount) [best, bestCount] = [x, count];
    }
    if (best < 0) return [blob];
    const cut = best * s;
    const left = { x: blob.x, y: blob.y, w: cut - blob.x, h: blob.h };
    const right = { x: cut, y: blob.y, w: blob.x + blob.w - cut, h: blob.h };
    return [...this.split(left, mask, mw), ...this.split(right, mask, mw)];
  }

  stop(): void {
    console.log(JSON.stringify({ detector: { frames: this.frames, regions: this.found } }));
  }
}
