// tracker.ts: gives every person region a stable object id
// (RegionOfInterest.setObjectId), so the counter — or DL Streamer's
// elements downstream — can follow people.
//
// Each track predicts where its person is now (constant velocity), and
// detections are matched to the predictions: by overlap, or, for a
// person who moved further than their width, by distance within a gate.
// A track that misses detections (two people merged into one blob, a
// moment behind the lamp post) keeps predicting for up to maxMisses frames
// and takes its id back when its person reappears. A track gets an id only
// once it was matched minHits times: noise that lasts a frame or two
// never becomes an object. Each track also remembers the colour of its
// person's torso (regionStats), so two people passing each other keep
// their own ids.
//
//   gvajs module=tracker.js class=Tracker kwarg='{"minHits": 3, "maxMisses": 20}'
import { regionStats, type FrameProcessor, type Rect, type RegionOfInterest, type VideoFrame } from "gvajs";

export interface TrackerOptions {
  /** Matches before a track is confirmed and gets an id. */
  minHits?: number;
  /** Frames a confirmed track survives without a match. */
  maxMisses?: number;
  /** Least overlap (intersection over union) of a match by overlap. */
  minIou?: number;
  /** How far (in track heights) a detection may be from the prediction; a tenth more for each frame the track missed. */
  gate?: number;
}

interface Track {
  id: number; // 0 until confirmed
  box: Rect; // predicted, then matched
  vx: number; // velocity of the centre, pixels a frame
  vy: number;
  hits: number;
  misses: number;
  first: number; // frame of the first and last match
  last: number;
  colour: number[]; // mean R, G, B of the torso, smoothed
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

const centre = (r: Rect): [number, number] => [r.x + r.w / 2, r.y + r.h / 2];

/** The middle of a person's box, where their clothes are: its mean colour. */
function torso(frame: VideoFrame, r: Rect): number[] {
  const box = { x: r.x + r.w / 4, y: r.y + r.h / 5, w: Math.max(1, r.w / 2), h: Math.max(1, r.h / 2.5) };
  try {
    return regionStats(frame, box).mean;
  } catch {
    return []; // a box with no pixel in the frame
  }
}

/** The box @k of the way from @a to @b, edge by edge. */
function blend(a: Rect, b: Rect, k: number): Rect {
  const x = a.x + k * (b.x - a.x), y = a.y + k * (b.y - a.y);
  const right = a.x + a.w + k * (b.x + b.w - a.x - a.w), bottom = a.y + a.h + k * (b.y + b.h - a.y - a.h);
  return { x, y, w: right - x, h: bottom - y };
}

/** 1 for the same colour, towards 0 as two colours differ. */
function likeness(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return 0.5;
  const d = a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? v)), 0) / a.length;
  return Math.exp(-d / 25);
}

export class Tracker implements FrameProcessor {
  private readonly minHits: number;
  private readonly maxMisses: number;
  private readonly minIou: number;
  private readonly gate: number;
  private tracks: Track[] = [];
  private finished: Track[] = [];
  private nextId = 1;
  private frame = 0;
  private tentativeDropped = 0;

  constructor(options: TrackerOptions = {}) {
    this.minHits = options.minHits ?? 3;
    this.maxMisses = options.maxMisses ?? 20;
    this.minIou = options.minIou ?? 0.2;
    this.gate = options.gate ?? 0.6;
  }

  /**
   * How well a detection fits a track's prediction: 1 + IoU for an
   * overlap, less for a near miss, 0 for none; times how alike their
   * colours are.
   */
  private score(track: Track, box: Rect, colour: number[]): number {
    const overlap = iou(track.box, box);
    const alike = 0.4 + 0.6 * likeness(track.colour, colour);
    if (overlap >= this.minIou) return (1 + overlap) * alike;
    const [tx, ty] = centre(track.box), [bx, by] = centre(box);
    // The prediction's error grows while a person is unseen, but by a
    // walking pace, not a fraction of the frame: a track lost for a second
    // must not take over someone across the scene.
    const reach = this.gate * Math.max(track.box.h, box.h) * (1 + 0.1 * track.misses);
    const distance = Math.hypot(tx - bx, ty - by);
    const similar = Math.min(track.box.h, box.h) / Math.max(track.box.h, box.h) > 0.35;
    return distance < reach && similar ? (1 - distance / reach) * alike : 0;
  }

  process_frame(frame: VideoFrame): void {
    const regions = frame.regions().filter((roi) => roi.label() === "person");
    const boxes = regions.map((roi) => roi.rect());
    const colours = boxes.map((box) => torso(frame, box));
    for (const t of this.tracks) {
      t.box = { ...t.box, x: t.box.x + t.vx, y: t.box.y + t.vy };
    }
    // Greedy matching, best pairs first; confirmed tracks before new ones.
    const pairs: [number, number, number][] = [];
    this.tracks.forEach((t, ti) => boxes.forEach((b, bi) => {
      const s = this.score(t, b, colours[bi]);
      if (s > 0) pairs.push([s + (t.id ? 1 : 0), ti, bi]);
    }));
    pairs.sort((a, b) => b[0] - a[0]);
    const trackDone = new Set<number>(), boxDone = new Set<number>();
    for (const [, ti, bi] of pairs) {
      if (trackDone.has(ti) || boxDone.has(bi)) continue;
      trackDone.add(ti);
      boxDone.add(bi);
      this.update(this.tracks[ti], boxes[bi], colours[bi], regions[bi]);
    }
    this.tracks.forEach((t, ti) => {
      if (!trackDone.has(ti)) t.misses++;
    });
    boxes.forEach((b, bi) => {
      if (!boxDone.has(bi)) {
        this.tracks.push({
          id: 0, box: b, vx: 0, vy: 0, hits: 1, misses: 0, first: this.frame, last: this.frame, colour: colours[bi],
        });
      }
    });
    this.tracks = this.tracks.filter((t) => this.keep(t));
    this.frame++;
  }

  private update(t: Track, box: Rect, colour: number[], roi: RegionOfInterest): void {
    const [px, py] = centre(t.box), [bx, by] = centre(box);
    // The prediction's error corrects the velocity (an alpha-beta filter).
    const k = 0.5 / (1 + t.misses);
    t.vx += k * (bx - px);
    t.vy += k * (by - py);
    // Edges move part of the way: a detection that is half a person (the
    // legs, for a frame) does not shrink the track.
    t.box = blend(t.box, box, t.misses > 0 ? 1 : 0.6);
    t.colour = t.colour.length ? t.colour.map((v, i) => 0.8 * v + 0.2 * (colour[i] ?? v)) : colour;
    t.hits++;
    t.misses = 0;
    t.last = this.frame;
    if (t.id === 0 && t.hits >= this.minHits) t.id = this.nextId++;
    if (t.id !== 0) roi.setObjectId(t.id);
  }

  private keep(t: Track): boolean {
    const limit = t.id ? this.maxMisses : 1;
    if (t.misses <= limit) return true;
    if (t.id) this.finished.push(t);
    else this.tentativeDropped++;
    return false;
  }

  stop(): void {
    const all = [...this.finished, ...this.tracks.filter((t) => t.id)];
    const lengths = all.map((t) => t.last - t.first + 1).sort((a, b) => a - b);
    console.log(JSON.stringify({
      tracker: {
        tracksStarted: this.nextId - 1,
        tracksAtLeast10Frames: lengths.filter((n) => n >= 10).length,
        medianFrames: lengths.length ? lengths[lengths.length >> 1] : 0,
        tentativeDropped: this.tentativeDropped,
      },
    }));
  }
}
