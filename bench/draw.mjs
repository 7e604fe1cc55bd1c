// 50 boxes and 50 labels a frame, as an annotating script draws them: a
// box per region (2 px outline, a colour per id) and its label above it
// ("person 12 0.93", 18 px per em: the cap height of OpenCV's
// FONT_HERSHEY_SIMPLEX at scale 0.55). bench.py's cv2 probes draw the
// same boxes and labels with cv2.rectangle and cv2.putText.
import { draw } from "gvajs";

const COLOURS = [[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48]];
const boxes = [];
for (let k = 0; k < 50; k++) {
  const col = k % 10, row = Math.floor(k / 10);
  boxes.push({ x: 30 + col * 190, y: 60 + row * 200, w: 150, h: 170, id: k + 1, score: 0.5 + (k % 50) / 100 });
}

export function process_frame(frame) {
  for (const b of boxes) {
    const color = COLOURS[b.id % COLOURS.length];
    draw.rect(frame, b, { color, thickness: 2 });
    draw.text(frame, b.x, b.y - 22, `person ${b.id} ${b.score.toFixed(2)}`, { color, size: 18 });
  }
}
