// The same matching in plain JS loops: what the helpers save.
import { gallery, regions, IDENTITIES, DIM } from "./gallery-common.mjs";

export let matches = 0;

export function process_frame(frame) {
  for (const embedding of regions) {
    let best = 0, bestSim = -Infinity;
    for (let i = 0; i < IDENTITIES; i++) {
      let s = 0;
      const base = i * DIM;
      for (let j = 0; j < DIM; j++) s += gallery[base + j] * embedding[j];
      if (s > bestSim) { bestSim = s; best = i; }
    }
    if (bestSim > 0.5) matches++;
  }
}
