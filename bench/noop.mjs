// The cheapest script: the per-frame cost of gvajs itself.
export function process_frame(frame) {}
