// motion.js: a motion meter. For each frame it samples a grid of pixels,
// compares their brightness with the previous frame's, and reports how
// much of the picture moved. Configured through kwarg, e.g.
//   gvajs module=motion.js class=MotionMeter kwarg='{"step": 8, "threshold": 24}'
// It prints progress every `every` frames and a summary at end-of-stream.

export class MotionMeter {
  constructor(options = {}) {
    this.step = options.step ?? 8; // sample every step-th pixel in x and y
    this.threshold = options.threshold ?? 24; // brightness change that counts
    this.every = options.every ?? 100; // progress line every N frames
    this.previous = null;
    this.frames = 0;
    this.busiest = { frame: -1, moving: 0 };
    this.totalMoving = 0;
  }

  // Brightness of a sparse grid of pixels, as a small Uint8Array.
  sample(frame) {
    const { width, height, stride, format } = frame.videoInfo();
    if (format !== "RGB" && format !== "BGR") {
      throw new TypeError(`motion.js needs RGB or BGR, got ${format}`);
    }
    const px = frame.data();
    const cols = Math.floor(width / this.step);
    const rows = Math.floor(height / this.step);
    const grid = new Uint8Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      let i = r * this.step * stride[0];
      for (let c = 0; c < cols; c++, i += 3 * this.step) {
        grid[r * cols + c] = (px[i] + 2 * px[i + 1] + px[i + 2]) >> 2;
      }
    }
    return grid;
  }

  process_frame(frame) {
    const grid = this.sample(frame);
    let moving = 0;
    if (this.previous !== null) {
      for (let i = 0; i < grid.length; i++) {
        if (Math.abs(grid[i] - this.previous[i]) > this.threshold) moving++;
      }
    }
    const share = moving / grid.length;
    if (share > this.busiest.moving) {
      this.busiest = { frame: this.frames, moving: share, pts: frame.pts };
    }
    this.totalMoving += share;
    this.previous = grid;
    this.frames++;
    if (this.frames % this.every === 0) {
      console.log(`frame ${this.frames}: ${(100 * share).toFixed(1)}% of the picture moving`);
    }
  }

  eos() {
    const mean = this.frames ? this.totalMoving / this.frames : 0;
    console.log(JSON.stringify({
      frames: this.frames,
      meanMovingPercent: +(100 * mean).toFixed(2),
      busiestFrame: this.busiest.frame,
      busiestMovingPercent: +(100 * this.busiest.moving).toFixed(2),
      busiestAtSeconds: this.busiest.pts === undefined ? null : this.busiest.pts / 1e9,
    }));
  }
}
