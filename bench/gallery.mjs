// Gallery matching with the native helpers: per region, the similarities
// to every identity (one matVec) and the best one (argmax).
import { matVec, argmax } from "gvajs";
import { gallery, regions, IDENTITIES } from "./gallery-common.mjs";

const sims = new Float32Array(IDENTITIES);
export let matches = 0;

export function process_frame(frame) {
  for (const embedding of regions) {
    matVec(gallery, embedding, sims);
    const best = argmax(sims);
    if (sims[best] > 0.5) matches++;
  }
}
