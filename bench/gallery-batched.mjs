// The whole gallery step, batched: every face's embedding read from the
// metadata in one call, each face's best identity and its similarity in
// one bestMatch (gvajs's match kernel, or sgemm's products), and a
// classification result on each face that matches, written in one call.
// bench/faces-source.mjs writes the faces.
import { bestMatch } from "gvajs";
import { gallery, DIM, NAMES, REGIONS } from "./gallery-common.mjs";

const faces = new Float32Array(REGIONS * DIM);
const best = new Int32Array(REGIONS);
const similarity = new Float32Array(REGIONS);
export let matches = 0;

export function process_frame(frame) {
  if (!frame.regionTensorData("face_embedding", faces)) return;
  bestMatch(faces, gallery, DIM, best, similarity);
  matches += frame.addRegionLabels("face_id", best, NAMES, similarity, 0.5);
}
