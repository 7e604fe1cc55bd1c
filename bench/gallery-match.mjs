// The gallery's math alone in one bestMatch: 50 embeddings × 100
// identities, each face's best identity and similarity; against
// gallery-matmul.mjs's matMul + rowArgmax and the C floors.
import { bestMatch } from "gvajs";
import { gallery, regions, DIM, REGIONS } from "./gallery-common.mjs";

const faces = new Float32Array(REGIONS * DIM);
regions.forEach((r, i) => faces.set(r, i * DIM));
const best = new Int32Array(REGIONS);
const similarity = new Float32Array(REGIONS);
export let matches = 0;

export function process_frame(frame) {
  bestMatch(faces, gallery, DIM, best, similarity);
  for (let i = 0; i < REGIONS; i++)
    if (similarity[i] > 0.5) matches++;
}
