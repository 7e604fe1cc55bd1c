// The gallery step of gallery-batched.mjs with the labels written one by
// one through the method API (regions(), addTensor(), setLabel()), as
// gstgva's scripts do: what the batch label write saves.
import { matMul, rowArgmax } from "gvajs";
import { gallery, DIM, IDENTITIES, NAMES, REGIONS } from "./gallery-common.mjs";

const faces = new Float32Array(REGIONS * DIM);
const sims = new Float32Array(REGIONS * IDENTITIES);
const best = new Int32Array(REGIONS);
export let matches = 0;

export function process_frame(frame) {
  if (!frame.regionTensorData("face_embedding", faces)) return;
  matMul(faces, gallery, DIM, sims);
  rowArgmax(sims, IDENTITIES, best);
  let regions;
  for (let i = 0; i < REGIONS; i++) {
    if (sims[i * IDENTITIES + best[i]] < 0.5) continue;
    regions ??= frame.regions();
    regions[i].addTensor("face_id").setLabel(NAMES[best[i]]);
    matches++;
  }
}
