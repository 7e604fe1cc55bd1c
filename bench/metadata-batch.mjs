// bench/metadata.mjs's workload in the batch form: the 10 regions added in
// one call (a detector's decoded rows), their classification results in
// one more, and read back as arrays. It writes what the method form writes
// (plus each label_id), so bench/floor.c's "metadata" probe is its floor
// too.
const N = 10;
const boxes = new Float64Array(4 * N);
const ids = new Int32Array(N);
const scores = new Float64Array(N).fill(0.9);
const classScores = new Float64Array(N).fill(0.75);
for (let i = 0; i < N; i++) boxes.set([i * 4, i * 3, 10, 8], 4 * i);
const readBoxes = new Float64Array(4 * N);
const readScores = new Float64Array(N);
let total = 0;

export function process_frame(frame) {
  frame.addRegions(boxes, ids, ["face"], scores);
  frame.addRegionLabels("classification", ids, ["adult"], classScores);
  const b = frame.regionBoxes(readBoxes);
  const c = frame.regionConfidences(readScores);
  const labels = frame.regionLabels();
  const classes = frame.regionLabels("classification");
  for (let i = 0; i < labels.length; i++)
    total += b[4 * i] + b[4 * i + 2] + c[i] + labels[i].length + classes[i].length;
}
