// The gallery's math alone, batched: 50 embeddings × 100 identities in one
// matMul and the best per face, as numpy's batched probe does; what the
// N-stream cases run.
import { matMul, rowArgmax } from "gvajs";
import { gallery, regions, DIM, IDENTITIES, REGIONS } from "./gallery-common.mjs";

const faces = new Float32Array(REGIONS * DIM);
regions.forEach((r, i) => faces.set(r, i * DIM));
const sims = new Float32Array(REGIONS * IDENTITIES);
const best = new Int32Array(REGIONS);
export let matches = 0;

export function process_frame(frame) {
  matMul(faces, gallery, DIM, sims);
  rowArgmax(sims, IDENTITIES, best);
  for (let i = 0; i < REGIONS; i++)
    if (sims[i * IDENTITIES + best[i]] > 0.5) matches++;
}
