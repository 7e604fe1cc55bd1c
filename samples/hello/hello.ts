// The smallest typed gvajs module: prints each frame's time and size.
// `gvajs init` starts new projects from this file.
import type { VideoFrame } from "gvajs";

let frames = 0;

/** Called once per frame; returning `false` would drop the frame. */
export function process_frame(frame: VideoFrame): void {
  frames++;
  const info = frame.videoInfo();
  const ms = frame.pts === undefined ? "?" : (frame.pts / 1e6).toFixed(0);
  const size = info ? `${info.width}x${info.height} ${info.format}` : "not raw video";
  console.log(`frame ${frames} at ${ms} ms: ${size}`);
}

/** Called when the element stops, also after an error. */
export function stop(): void {
  console.log(`hello: ${frames} frames`);
}
