// The upstream half of the gallery step: 50 face regions per frame, each
// with a 256-d FP32 "face_embedding" tensor, as a face detector and an
// embedding model write them. Faces 0, 5, 10, … are people of the gallery
// (an identity's embedding plus a little noise); the rest are strangers.
import { gallery, regions, DIM, IDENTITIES, REGIONS } from "./gallery-common.mjs";

const faces = regions.map((stranger, i) => {
  if (i % 5 !== 0) return stranger;
  const known = gallery.slice((i * 7 % IDENTITIES) * DIM, (i * 7 % IDENTITIES + 1) * DIM);
  for (let j = 0; j < DIM; j++) known[j] += 0.01 * stranger[j];
  return known;
});

export function process_frame(frame) {
  for (let i = 0; i < REGIONS; i++)
    frame.addRegion(i, i, 8, 8, "face", 0.9).addTensor("face_embedding")
      .setData(faces[i], [1, DIM]);
}
