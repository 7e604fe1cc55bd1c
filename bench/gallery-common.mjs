// The data of the gallery benchmark, shared by the helper and plain-JS
// versions: 100 identities × 256-d unit embeddings, and 50 regions' unit
// embeddings per frame. bench.py builds the same shapes for numpy.
export const IDENTITIES = 100, DIM = 256, REGIONS = 50;
// The identities' names, as the labels the gallery steps write (floor.c
// names them the same).
export const NAMES = Array.from({ length: IDENTITIES }, (_, i) => `person-${i}`);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unitRows(r, rows) {
  const m = new Float32Array(rows * DIM);
  for (let i = 0; i < rows; i++) {
    let n = 0;
    for (let j = 0; j < DIM; j++) {
      const x = r() * 2 - 1;
      m[i * DIM + j] = x;
      n += x * x;
    }
    n = Math.sqrt(n);
    for (let j = 0; j < DIM; j++) m[i * DIM + j] /= n;
  }
  return m;
}

const r = rng(1234);
export const gallery = unitRows(r, IDENTITIES);
const regionRows = unitRows(r, REGIONS);
export const regions = Array.from({ length: REGIONS },
  (_, i) => regionRows.subarray(i * DIM, (i + 1) * DIM));
