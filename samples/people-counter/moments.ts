// moments.ts: frame filters for run.mjs's pictures. crossing() passes only
// the frames on which someone crossed the line (a crossing message from
// counter.ts): the contact sheet's key moments. snapshot() passes a frame
// every 10 seconds of video from 5 seconds on, once the background model
// has learnt the scene.
import type { VideoFrame } from "gvajs";

export function crossing(frame: VideoFrame): boolean {
  return frame.messages().some((m) => m !== null && m.includes('"event":"crossing"'));
}

let nextSnapshot = 5;

export function snapshot(frame: VideoFrame): boolean {
  const seconds = (frame.pts ?? 0) / 1e9;
  if (seconds + 1e-6 < nextSnapshot) return false;
  nextSnapshot += 10;
  return true;
}
