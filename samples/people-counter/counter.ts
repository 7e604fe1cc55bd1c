// counter.ts: counts tracked objects crossing a line. The line is given in
// normalized coordinates through kwarg; an object crosses when the centre
// of its box moves from one side of the line to the other (and the crossing
// point lies on the segment). Each crossing becomes a JSON message on the
// frame (for elements downstream) and a JSON line on stdout; stop() prints
// the totals. With "draw": true it also draws the line and the boxes into
// the picture, in colours by object id.
//
//   gvajs module=counter.js class=LineCounter
//     kwarg='{"line": [0.5, 0, 0.5, 1], "minHits": 3, "draw": true}'
import type { FrameProcessor, Rect, VideoFrame } from "gvajs";

export interface CounterOptions {
  /** [x1, y1, x2, y2], normalized to the frame; default: a vertical line in the middle. */
  line?: [number, number, number, number];
  /** Frames an object must have been seen in before its crossing counts. */
  minHits?: number;
  /** Draw the line and the boxes into the frame (RGB or BGR video). */
  draw?: boolean;
  /** Print a progress line every this many frames (0: never). */
  progressEvery?: number;
}

interface Crossing {
  event: "crossing";
  objectId: number;
  direction: "forward" | "backward";
  frame: number;
  seconds: number | null;
}

interface Seen {
  side: number;
  hits: number;
  cx: number;
  cy: number;
}

const PALETTE: [number, number, number][] = [
  [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200],
  [245, 130, 48], [145, 30, 180], [70, 240, 240], [240, 50, 230],
];

export class LineCounter implements FrameProcessor {
  private readonly line: [number, number, number, number];
  private readonly minHits: number;
  private readonly draw: boolean;
  private readonly progressEvery: number;
  private readonly seen = new Map<number, Seen>();
  private frames = 0;
  private regionsSeen = 0;
  private forward = 0;
  private backward = 0;

  constructor(options: CounterOptions = {}) {
    this.line = options.line ?? [0.5, 0, 0.5, 1];
    this.minHits = options.minHits ?? 3;
    this.draw = options.draw ?? false;
    this.progressEvery = options.progressEvery ?? 100;
  }

  /** Which side of the line (x, y) lies on: -1, 0 or 1. */
  private side(x: number, y: number): number {
    const [x1, y1, x2, y2] = this.line;
    return Math.sign((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1));
  }

  /** Whether segment p→q crosses the counting segment between its ends. */
  private withinSegment(px: number, py: number, qx: number, qy: number): boolean {
    const [x1, y1, x2, y2] = this.line;
    const s1 = Math.sign((qx - px) * (y1 - py) - (qy - py) * (x1 - px));
    const s2 = Math.sign((qx - px) * (y2 - py) - (qy - py) * (x2 - px));
    return s1 !== s2;
  }

  process_frame(frame: VideoFrame): void {
    const info = frame.videoInfo();
    if (info === null) throw new TypeError("LineCounter needs raw video");
    const boxes: { id: number; box: Rect }[] = [];
    for (const roi of frame.regions()) {
      const id = roi.objectId();
      this.regionsSeen++;
      if (id === undefined) continue;
      const box = roi.rect();
      boxes.push({ id, box });
      this.follow(frame, id, (box.x + box.w / 2) / info.width, (box.y + box.h / 2) / info.height);
    }
    if (this.draw) this.annotate(frame, boxes);
    this.frames++;
    if (this.progressEvery > 0 && this.frames % this.progressEvery === 0) {
      console.log(`frame ${this.frames}: ${this.forward} forward, ${this.backward} backward, ${this.seen.size} objects seen`);
    }
  }

  private follow(frame: VideoFrame, id: number, cx: number, cy: number): void {
    const side = this.side(cx, cy);
    const before = this.seen.get(id);
    if (before === undefined) {
      this.seen.set(id, { side, hits: 1, cx, cy });
      return;
    }
    const crossed = side !== 0 && before.side !== 0 && side !== before.side &&
      this.withinSegment(before.cx, before.cy, cx, cy);
    if (crossed && before.hits >= this.minHits) {
      const direction = side > 0 ? "forward" : "backward";
      if (direction === "forward") this.forward++;
      else this.backward++;
      const event: Crossing = {
        event: "crossing", objectId: id, direction, frame: this.frames,
        seconds: frame.pts === undefined ? null : frame.pts / 1e9,
      };
      frame.addMessage(event);
      console.log(JSON.stringify(event));
    }
    this.seen.set(id, { side: side === 0 ? before.side : side, hits: before.hits + 1, cx, cy });
  }

  private annotate(frame: VideoFrame, boxes: { id: number; box: Rect }[]): void {
    const info = frame.videoInfo();
    if (info === null || (info.format !== "RGB" && info.format !== "BGR")) return;
    const px = frame.data("write");
    const stride = info.stride[0];
    const bgr = info.format === "BGR";
    const put = (x: number, y: number, [r, g, b]: [number, number, number]) => {
      if (x < 0 || y < 0 || x >= info.width || y >= info.height) return;
      const i = Math.floor(y) * stride + Math.floor(x) * 3;
      px[i] = bgr ? b : r;
      px[i + 1] = g;
      px[i + 2] = bgr ? r : b;
    };
    const [x1, y1, x2, y2] = this.line;
    const steps = Math.max(info.width, info.height);
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      put((x1 + (x2 - x1) * t) * info.width, (y1 + (y2 - y1) * t) * info.height, [255, 255, 255]);
    }
    for (const { id, box } of boxes) {
      const colour = PALETTE[id % PALETTE.length];
      for (let x = box.x; x < box.x + box.w; x++) {
        put(x, box.y, colour);
        put(x, box.y + box.h - 1, colour);
      }
      for (let y = box.y; y < box.y + box.h; y++) {
        put(box.x, y, colour);
        put(box.x + box.w - 1, y, colour);
      }
    }
  }

  stop(): void {
    console.log(JSON.stringify({
      totals: {
        frames: this.frames,
        regions: this.regionsSeen,
        objects: this.seen.size,
        forward: this.forward,
        backward: this.backward,
        crossings: this.forward + this.backward,
      },
    }));
  }
}
