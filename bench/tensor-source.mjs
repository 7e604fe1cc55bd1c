// Ahead of the element measured: one frame tensor per frame, as an
// inference element writes one: 1000 floats (a classifier's scores, 4 KiB)
// or 2^18 (a 512 × 512 mask, 1 MiB).
const scoresData = new Float32Array(1000);
const maskData = new Float32Array(1 << 18);

export function scores(frame) {
  frame.addTensor("scores").setData(scoresData);
}

export function mask(frame) {
  frame.addTensor("mask").setData(maskData);
}
