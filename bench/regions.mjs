// 10 regions added and read back per frame, as a detector post-processor
// followed by a consumer would.
let total = 0;

export function process_frame(frame) {
  for (let i = 0; i < 10; i++)
    frame.addRegion(i * 4, i * 3, 10, 8, "face", 0.9);
  for (const region of frame.regions()) {
    const rect = region.rect();
    total += rect.x + rect.w + region.confidence() + region.label().length;
  }
}
