// The metadata workload of a post-processor and its consumer: 10 regions,
// each with one classification tensor (label, confidence, type), added and
// read back per frame. bench/floor.c does the same work in C on the same
// wire format: the native floor.
let total = 0;

export function process_frame(frame) {
  for (let i = 0; i < 10; i++) {
    const region = frame.addRegion(i * 4, i * 3, 10, 8, "face", 0.9);
    const tensor = region.addTensor("classification");
    tensor.setLabel("adult");
    tensor.set("confidence", 0.75);
    tensor.set("type", "classification_result");
  }
  for (const region of frame.regions()) {
    const rect = region.rect();
    total += rect.x + rect.w + region.confidence() + region.label().length;
    for (const tensor of region.tensors())
      if (tensor.name() === "classification") total += tensor.label().length;
  }
}
