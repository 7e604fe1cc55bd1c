// The whole gallery step, batched: every face's embedding read from the
// metadata in one call, all faces × the gallery in one product (sgemm when
// gvajs has a BLAS), the best identity and its similarity per face, and a
// classification result on each face that matches, written in one call.
// bench/faces-source.mjs writes the faces.
import { matMul, rowArgmax } from "gvajs";
import { gallery, DIM, IDENTITIES, REGIONS } from "./gallery-common.mjs";

const names = Array.from({ length: IDENTITIES }, (_, i) => `person-${i}`);
const faces = new Float32Array(REGIONS * DIM);
const sims = new Float32Array(REGIONS * IDENTITIES);
const best = new Int32Array(REGIONS);
const similarity = new Float32Array(REGIONS);
export let matches = 0;

export function process_frame(frame) {
  if (!frame.regionTensorData("face_embedding", faces)) return;
  matMul(faces, gallery, DIM, sims);
  rowArgmax(sims, IDENTITIES, best, similarity);
  matches += frame.addRegionLabels("face_id", best, names, similarity, 0.5);
}
