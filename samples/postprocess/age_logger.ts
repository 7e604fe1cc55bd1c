// age_logger.ts: a log of the ages classified in a stream, the gvajs port
// of DL Streamer's gvapython sample. It reads the labels that
// age_gender_classification.ts (or a gvaclassify with post-processing)
// set on the "age_conv3" tensors of each face, and keeps one line per
// tracked face (its objectId from gvatrack) or per untracked detection.
//
// gvapython's version took the log file's path and wrote to it, closing
// it in __del__. Here each line is appended with appendText() (a whole
// line or nothing, even on a full disk) to a file in a folder the element
// lets it write (allow-write), and the stop() hook (gvapython has none,
// DL Streamer #67) adds the summary when the pipeline stops. Without
// logFile the lines are printed.
//
//   ... ! gvatrack ! gvajs module=age_logger.js class=AgeLogger
//     allow-write=logs kwarg='{"logFile": "logs/ages.log"}'
//
// kwarg: logFile (relative to the module's folder), ageLayer (default
// "age_conv3"), prefix (default "age").
import { appendText } from "gvajs";
import type { FrameProcessor, VideoFrame } from "gvajs";

export interface AgeLoggerOptions {
  logFile?: string;
  ageLayer?: string;
  prefix?: string;
}

export class AgeLogger implements FrameProcessor {
  private readonly logFile: string | undefined;
  private readonly ageLayer: string;
  private readonly prefix: string;
  private frames = 0;
  private logged = 0;
  private readonly seen = new Set<number>(); // object ids already logged

  constructor(options: AgeLoggerOptions = {}) {
    this.logFile = options.logFile;
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
      this.log(`${this.prefix} frame=${this.frames} ` +
        `object=${id ?? "-"} ${age.label()}`);
      this.logged++;
    }
    this.frames++;
  }

  private log(line: string): void {
    if (this.logFile === undefined) console.log(line);
    else appendText(this.logFile, line);
  }

  stop(): void {
    this.log(`${this.prefix} summary: ${this.logged} logged over ` +
      `${this.frames} frames, ${this.seen.size} tracked objects`);
  }
}
