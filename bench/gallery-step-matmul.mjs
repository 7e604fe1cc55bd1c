// The gallery step of gallery-batched.mjs with the products and the best
// per face in two calls, matMul (sgemm when gvajs has a BLAS) and
// rowArgmax, as before bestMatch: what the one call saves.
import { matMul, rowArgmax } from "gvajs";
import { gallery, DIM, IDENTITIES, NAMES, REGIONS } from "./gallery-common.mjs";

const faces = new Float32Array(REGIONS * DIM);
const sims = new Float32Array(REGIONS * IDENTITIES);
const best = new Int32Array(REGIONS);
const similarity = new Float32Array(REGIONS);
export let matches = 0;

export function process_frame(frame) {
  if (!frame.regionTensorData("face_embedding", faces)) return;
  matMul(faces, gallery, DIM, sims);
  rowArgmax(sims, IDENTITIES, best, similarity);
  matches += frame.addRegionLabels("face_id", best, NAMES, similarity, 0.5);
}
