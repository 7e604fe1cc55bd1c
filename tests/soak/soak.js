// Soak: every frame adds 10 regions and reads them back; every `every`
// frames it prints the process's resident memory (read from /proc/self,
// which the pipeline opens with allow-read). At end-of-stream it compares
// the last reading with the one after warm-up.
import { readText } from "gvajs";

function rssKiB() {
  const status = readText("/proc/self/status");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

export class Soak {
  constructor(options) {
    this.every = options.every ?? 100000;
    this.limitKiB = options.limitKiB ?? 1024;
    this.frames = 0;
    this.readings = [];
  }

  process_frame(frame) {
    for (let i = 0; i < 10; i++) {
      frame.addRegion(i, i, 8, 8, `object-${i}`, 0.5 + i / 20);
    }
    let area = 0;
    for (const roi of frame.regions()) {
      const { w, h } = roi.rect();
      area += w * h + roi.confidence() + roi.label().length;
    }
    if (area <= 0) throw new Error("regions did not read back");
    if (++this.frames % this.every === 0) {
      const kib = rssKiB();
      this.readings.push(kib);
      console.log(`${this.frames} frames: RSS ${kib} KiB`);
    }
  }

  eos() {
    if (this.readings.length < 2) {
      console.log("soak: too few readings to judge growth");
      return;
    }
    const growth = this.readings.at(-1) - this.readings[0];
    const verdict = growth < this.limitKiB ? "PASS" : "FAIL";
    console.log(`soak: ${verdict}: RSS grew ${growth} KiB after warm-up ` +
      `(limit ${this.limitKiB} KiB)`);
  }
}
