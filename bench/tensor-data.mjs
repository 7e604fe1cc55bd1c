// A post-processor reading the tensor an element ahead of it wrote: one
// Tensor.data() per frame (bench.py subtracts that element's own cost).
let total = 0;

export function process_frame(frame) {
  for (const tensor of frame.tensors())
    total += tensor.data()[0];
}
