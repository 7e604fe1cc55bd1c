// events.js: posts one event per second of video to the application, on
// the pipeline's bus. app.py receives them.
import { post } from "gvajs";

let frames = 0;

export function process_frame(frame) {
  frames++;
  if (frames % 30 === 0)
    post({ event: "second", frames, pts: frame.pts / 1e9 });
}

export function eos() {
  post({ event: "end", frames });
}
