// age_logger.ts: a log of the ages classified in a stream, the gvajs port
// of DL Streamer's gvapython sample. It reads the labels that
// age_gender_classification.ts (or a gvaclassify with post-processing)
// set on the "age_conv3" tensors of each face, and keeps one line per
// tracked face (its objectId from gvatrack) or per untracked detection.
//
// gvapython's version wrote to a file and closed it in __del__; a gvajs
// script cannot write files, so the log is printed, and the stop() hook
// (gvapython has none, DL Streamer #67) prints the summary when the
// pipeline stops.
//
//   ... ! gvatrack ! gvajs module=age_logger.js class=AgeLogger
//     kwarg='{"prefix": "age"}'
//
// kwarg: ageLayer (default "age_conv3"), prefix (default "age").
import type { FrameProcessor, VideoFrame } from "gvajs";

export interface AgeLoggerOptions {
  ageLayer?: string;
  prefix?: string;
}

export class AgeLogger implements FrameProcessor {
  private readonly ageLayer: string;
  private readonly prefix: string;
  private frames = 0;
  private logged = 0;
  private readonly seen = new Set<number>(); // object ids already logged

  constructor(options: AgeLoggerOptions = {}) {
    this.ageLayer = options.ageLayer ?? "age_conv3";
    this.prefix = options.prefix ?? "age";
  }

  process_frame(frame: VideoFrame): void {
    for (const roi of frame.regions()) {
      const id = roi.objectId();
      if (id !== undefined && this.seen.has(id)) continue;
      const age = roi.tensors().find((t) => !t.isDetection() &&
        t.layerName() === this.ageLayer);
      if (age === undefined || age.label() === undefined) continue;
      if (id !== undefined) this.seen.add(id);
      console.log(`${this.prefix} frame=${this.frames} ` +
        `object=${id ?? "-"} ${age.label()}`);
      this.logged++;
    }
    this.frames++;
  }

  stop(): void {
    console.log(`${this.prefix} summary: ${this.logged} logged over ` +
      `${this.frames} frames, ${this.seen.size} tracked objects`);
  }
}
