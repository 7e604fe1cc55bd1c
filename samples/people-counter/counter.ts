// counter.ts: counts tracked people crossing a line. The line is given in
// normalized coordinates through kwarg; a person is where their feet are
// (the bottom centre of their box). Their side of the line changes only
// once they are `margin` pixels past it, so someone walking along the
// line is not counted back and forth, and each id counts at most once in
// each direction: a person who walks the same way again is shown as a
// repeat ("again, not counted") and summed in `repeats`. A box whose feet
// jump further than its height is followed but never counted: that is
// the tracker mistaking one person for another, not a walk. Each crossing
// becomes a JSON message on the frame (for elements downstream:
// gvajspublish) and a JSON line on stdout; stop() prints the totals. With
// "draw": true it also annotates the frame with gvajs's draw: boxes in a
// colour per id (one no one else in view wears) with the id, trails, the
// line with its two directions and their counts, and the totals.
//
//   gvajs module=counter.js class=LineCounter
//     kwarg='{"line": [0.5, 0.1, 0.5, 0.9], "draw": true}'
import { draw, type Color, type FrameProcessor, type Rect, type VideoFrame } from "gvajs";

export interface CounterOptions {
  /** [x1, y1, x2, y2], normalized to the frame; default: a vertical line in the middle. */
  line?: [number, number, number, number];
  /** Pixels past the line before a person's side changes. */
  margin?: number;
  /** Annotate the frame. */
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

interface Person {
  side: number; // -1, 1, or 0 until clear of the line
  counted: { forward: boolean; backward: boolean };
  trail: [number, number][];
  flash: number; // frames left to show a crossing
  repeat: boolean; // the crossing shown is one not counted again
  lastFrame: number;
  colour: number; // index into PALETTE
}

// Twelve colours that stay apart on a street scene.
const PALETTE: Color[] = [
  [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48],
  [145, 30, 180], [70, 240, 240], [240, 50, 230], [210, 245, 60], [250, 190, 212],
  [0, 128, 128], [170, 110, 40],
];
const LINE_COLOR: Color = [255, 210, 0];
// Frames after which a person no longer holds on to their colour.
const RECENT = 50;
const TRAIL = 24;

const readable = ([r, g, b]: Color): Color => (0.299 * r + 0.587 * g + 0.114 * b > 140 ? [0, 0, 0] : [255, 255, 255]);

export class LineCounter implements FrameProcessor {
  private readonly line: [number, number, number, number];
  private readonly margin: number;
  private readonly draw: boolean;
  private readonly progressEvery: number;
  private readonly people = new Map<number, Person>();
  private frames = 0;
  private regionsSeen = 0;
  private forward = 0;
  private backward = 0;
  private repeats = 0; // crossings of a direction an id had already counted

  constructor(options: CounterOptions = {}) {
    this.line = options.line ?? [0.5, 0, 0.5, 1];
    this.margin = options.margin ?? 12;
    this.draw = options.draw ?? false;
    this.progressEvery = options.progressEvery ?? 100;
  }

  process_frame(frame: VideoFrame): void {
    const info = frame.videoInfo();
    if (info === null) throw new TypeError("LineCounter needs raw video");
    const [x1, y1, x2, y2] = this.line;
    const a: [number, number] = [x1 * info.width, y1 * info.height];
    const b: [number, number] = [x2 * info.width, y2 * info.height];
    const boxes: { id: number | undefined; box: Rect }[] = [];
    for (const roi of frame.regions()) {
      this.regionsSeen++;
      const id = roi.objectId(), box = roi.rect();
      boxes.push({ id, box });
      if (id !== undefined) this.follow(frame, id, box, a, b);
    }
    if (this.draw) this.annotate(frame, boxes, a, b);
    this.frames++;
    if (this.progressEvery > 0 && this.frames % this.progressEvery === 0) {
      console.log(`frame ${this.frames}: ${this.forward} forward, ${this.backward} backward, ${this.people.size} objects seen`);
    }
  }

  /** Signed distance of @p from the line a-b in pixels, and where along it (0..1) it lies. */
  private static place(p: [number, number], a: [number, number], b: [number, number]): [number, number] {
    const dx = b[0] - a[0], dy = b[1] - a[1], len = Math.hypot(dx, dy);
    const along = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (len * len);
    return [(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / len, along];
  }

  private follow(frame: VideoFrame, id: number, box: Rect, a: [number, number], b: [number, number]): void {
    let person = this.people.get(id);
    if (person === undefined) {
      person = {
        side: 0, counted: { forward: false, backward: false }, trail: [], flash: 0, repeat: false, lastFrame: 0,
        colour: this.freeColour(id),
      };
      this.people.set(id, person);
    }
    const feet: [number, number] = [box.x + box.w / 2, box.y + box.h];
    const last = person.trail[person.trail.length - 1];
    // Feet further from where they were than the person is tall: not a
    // walk but the tracker's id taken over (or two people merged into one
    // box), which is followed from here and never counted.
    const jumped = last !== undefined && Math.hypot(feet[0] - last[0], feet[1] - last[1]) > box.h;
    person.trail.push(feet);
    if (person.trail.length > TRAIL) person.trail.shift();
    person.lastFrame = this.frames;
    const [distance, along] = LineCounter.place(feet, a, b);
    const side = distance > this.margin ? 1 : distance < -this.margin ? -1 : person.side;
    const crossed = !jumped && person.side !== 0 && side !== person.side && along >= -0.05 && along <= 1.05;
    if (crossed) {
      const direction = side > 0 ? "forward" : "backward";
      person.flash = 15;
      person.repeat = person.counted[direction];
      if (person.repeat) this.repeats++;
      if (!person.counted[direction]) {
        person.counted[direction] = true;
        if (direction === "forward") this.forward++;
        else this.backward++;
        const event: Crossing = {
          event: "crossing", objectId: id, direction, frame: this.frames,
          seconds: frame.pts === undefined ? null : frame.pts / 1e9,
        };
        frame.addMessage(event);
        console.log(JSON.stringify(event));
      }
    }
    person.side = side;
  }

  /** The palette colour fewest people seen lately wear, from @id's own on: ids 1 and 13 in view together never share one. */
  private freeColour(id: number): number {
    const worn = PALETTE.map(() => 0);
    for (const p of this.people.values()) if (this.frames - p.lastFrame < RECENT) worn[p.colour]++;
    let best = id % PALETTE.length;
    for (let k = 1; k < PALETTE.length; k++) {
      const c = (id + k) % PALETTE.length;
      if (worn[c] < worn[best]) best = c;
    }
    return best;
  }

  private annotate(frame: VideoFrame, boxes: { id: number | undefined; box: Rect }[], a: [number, number], b: [number, number]): void {
    this.drawLine(frame, a, b);
    for (const { id, box } of boxes) {
      if (id === undefined) {
        // A track not yet confirmed: no id, nothing counted.
        draw.rect(frame, box, { color: [200, 200, 200, 120] });
        continue;
      }
      const person = this.people.get(id);
      const color = PALETTE[person ? person.colour : id % PALETTE.length];
      if (person) this.drawTrail(frame, person.trail, color, box.h);
      const flashing = person !== undefined && person.flash > 0;
      draw.rect(frame, box, { color, thickness: flashing && !person.repeat ? 4 : 2 });
      // A repeat in a direction already counted says so, and adds nothing.
      const label = !flashing ? `${id}` : person.repeat ? `${id} again, not counted` : `${id} +1`;
      const style = { color: readable(color), size: 14, background: color };
      const { h } = draw.measureText(label, style);
      draw.text(frame, box.x, Math.max(0, box.y - h), label, style);
      if (person) person.flash = Math.max(0, person.flash - 1);
    }
    this.drawTotals(frame, a, b);
  }

  /** Where the feet went: a path, broken where the track jumped (a person found again). */
  private drawTrail(frame: VideoFrame, trail: [number, number][], color: Color, height: number): void {
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length > 1) draw.polygon(frame, run, { color: [color[0], color[1], color[2], 170], thickness: 2, closed: false });
      run = [];
    };
    for (const p of trail) {
      const last = run[run.length - 1];
      if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) > height / 3) flush();
      run.push(p);
    }
    flush();
  }

  /** The counting line, and an arrow on each side with that direction's count. */
  private drawLine(frame: VideoFrame, a: [number, number], b: [number, number]): void {
    draw.line(frame, a[0], a[1], b[0], b[1], { color: LINE_COLOR, thickness: 3 });
    const dx = b[0] - a[0], dy = b[1] - a[1], len = Math.hypot(dx, dy);
    // The forward side is where place() is positive: the normal (-dy, dx).
    const nx = -dy / len, ny = dx / len, ux = dx / len, uy = dy / len;
    const base: [number, number] = [a[0] + ux * 30, a[1] + uy * 30];
    for (const [sign, count] of [[1, this.forward], [-1, this.backward]] as const) {
      const tip: [number, number] = [base[0] + sign * nx * 46, base[1] + sign * ny * 46];
      const from: [number, number] = [base[0] + sign * nx * 8, base[1] + sign * ny * 8];
      draw.line(frame, from[0], from[1], tip[0] - sign * nx * 10, tip[1] - sign * ny * 10, { color: LINE_COLOR, thickness: 4 });
      draw.polygon(frame, [tip, [tip[0] - sign * nx * 14 + ux * 9, tip[1] - sign * ny * 14 + uy * 9],
        [tip[0] - sign * nx * 14 - ux * 9, tip[1] - sign * ny * 14 - uy * 9]], { color: LINE_COLOR, fill: true });
      const label = `${count}`;
      const style = { color: [0, 0, 0] as Color, size: 18, background: LINE_COLOR };
      const size = draw.measureText(label, style);
      draw.text(frame, tip[0] + sign * nx * 6 - (sign < 0 ? size.w : 0), tip[1] + uy * 10, label, style);
    }
  }

  /** The totals, with each direction as the arrow of its side of the line. */
  private drawTotals(frame: VideoFrame, a: [number, number], b: [number, number]): void {
    const nx = a[1] - b[1], ny = b[0] - a[0]; // towards the forward side
    const arrows = Math.abs(nx) >= Math.abs(ny) ? ["\u2192", "\u2190"] : ["\u2193", "\u2191"];
    const [fwd, back] = (Math.abs(nx) >= Math.abs(ny) ? nx : ny) > 0 ? arrows : [arrows[1], arrows[0]];
    const text = `crossings ${this.forward + this.backward}   ${fwd} ${this.forward}   ${back} ${this.backward}` +
      `   people in view ${this.visible()}` + (this.repeats ? `   (${this.repeats} repeat${this.repeats === 1 ? "" : "s"} not counted)` : "");
    draw.text(frame, 8, 8, text, { color: [255, 255, 255], size: 20, background: [0, 0, 0, 150] });
  }

  private visible(): number {
    let n = 0;
    for (const p of this.people.values()) if (p.lastFrame === this.frames) n++;
    return n;
  }

  stop(): void {
    console.log(JSON.stringify({
      totals: {
        frames: this.frames,
        regions: this.regionsSeen,
        objects: this.people.size,
        forward: this.forward,
        backward: this.backward,
        crossings: this.forward + this.backward,
        repeats: this.repeats,
      },
    }));
  }
}
