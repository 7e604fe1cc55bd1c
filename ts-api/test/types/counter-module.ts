// A module in the plain form, checked whole in module.ts.
import type { FrameResult, Hook, ProcessFrame, VideoFrame } from "gvajs";

let n = 0;

export const process_frame: ProcessFrame = (frame) => frame.pts !== undefined;
export function start(): void {
  n = 0;
}
export const stop: Hook = () => console.log(`${n} frames`);
export function count_frame(frame: VideoFrame): FrameResult {
  n++;
  return frame.duration === undefined ? undefined : false;
}
export const helper = 42;
