// tracker.ts: an IoU tracker. Each frame it matches the detected regions to
// the tracks of earlier frames by box overlap and gives every region the
// object id of its track (RegionOfInterest.setObjectId), so elements
// downstream — the counter here, or DL Streamer's — see stable ids.
//
//   gvajs module=tracker.js class=IouTracker kwarg='{"minIou": 0.3, "maxAge": 8}'
import type { FrameProcessor, Rect, VideoFrame } from "gvajs";

export interface TrackerOptions {
  /** Least overlap (intersection over union) that continues a track. */
  minIou?: number;
  /** Frames a track survives without a matching region. */
  maxAge?: number;
}

interface Track {
  id: number;
  box: Rect;
  age: number; // frames since it was last matched
  hits: number; // frames it was matched in
}

export function iou(a: Rect, b: Rect): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.w, b.x + b.w);
  const y2 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

export class IouTracker implements FrameProcessor {
  private readonly minIou: number;
  private readonly maxAge: number;
  private tracks: Track[] = [];
  private nextId = 1;

  constructor(options: TrackerOptions = {}) {
    this.minIou = options.minIou ?? 0.3;
    this.maxAge = options.maxAge ?? 8;
  }

  process_frame(frame: VideoFrame): void {
    const regions = frame.regions();
    const boxes = regions.map((roi) => roi.rect());
    const taken = new Set<Track>();
    // Greedy: best-overlapping free track for each region, biggest first.
    const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].w * boxes[b].h - boxes[a].w * boxes[a].h);
    for (const i of order) {
      let best: Track | undefined;
      let bestIou = this.minIou;
      for (const track of this.tracks) {
        const overlap = iou(track.box, boxes[i]);
        if (!taken.has(track) && overlap >= bestIou) {
          best = track;
          bestIou = overlap;
        }
      }
      if (best === undefined) {
        best = { id: this.nextId++, box: boxes[i], age: 0, hits: 0 };
        this.tracks.push(best);
      }
      taken.add(best);
      best.box = boxes[i];
      best.age = 0;
      best.hits++;
      regions[i].setObjectId(best.id);
    }
    for (const track of this.tracks) if (!taken.has(track)) track.age++;
    this.tracks = this.tracks.filter((track) => track.age <= this.maxAge);
  }

  stop(): void {
    console.log(JSON.stringify({ tracker: { tracksStarted: this.nextId - 1 } }));
  }
}
