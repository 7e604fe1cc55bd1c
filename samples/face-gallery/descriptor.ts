// descriptor.ts: what a face is compared by. A real application runs a
// re-identification network (DL Streamer's gvainference with a face
// re-identification model) that attaches an embedding tensor to every face;
// when a region carries one, that tensor is the descriptor. Without a
// network, pixelDescriptor() stands in for it: the face cropped and shrunk
// to 8×8 RGB by the native cropResize helper (192 values, no pixel loop in
// JavaScript) and scaled to unit length. It tells faces apart within a
// scene — same lighting, similar pose — not across scenes the way a trained
// embedding does.
import { cropResize, l2normalize, type RegionOfInterest, type VideoFrame } from "gvajs";

/** Side of the square patch the pixel descriptor samples. */
export const PATCH = 8;

/** Length of the pixel descriptor: PATCH × PATCH × 3 (RGB). */
export const PIXEL_DIM = PATCH * PATCH * 3;

/** Where a descriptor came from, reported with every match. */
export type Source = "tensor" | "pixels";

/** The stand-in embedding: the face as a tiny RGB image of unit length. */
export function pixelDescriptor(frame: VideoFrame, region: RegionOfInterest): Float32Array {
  const patch = cropResize(frame, region.rect(), PATCH, PATCH, { format: "rgb", resample: "area" });
  return l2normalize(patch, patch);
}

/**
 * The region's embedding tensor — the one named `tensorName` or whose
 * layer_name is `tensorName` — as a copy (the tensor's own array is only
 * valid during the call), or undefined when the region has none.
 */
export function tensorDescriptor(region: RegionOfInterest, tensorName: string): Float32Array | undefined {
  const tensor = region.tensors().find((t) => t.name() === tensorName || t.layerName() === tensorName);
  const data = tensor?.data();
  if (data === undefined) return undefined;
  if (!(data instanceof Float32Array)) {
    throw new TypeError(`tensor '${tensor!.name()}' holds ${data.constructor.name}, an embedding must be FP32`);
  }
  return new Float32Array(data);
}

/** The embedding tensor if the region has one, else the pixel descriptor. */
export function describe(
  frame: VideoFrame,
  region: RegionOfInterest,
  tensorName: string,
): { descriptor: Float32Array; source: Source } {
  const fromTensor = tensorDescriptor(region, tensorName);
  if (fromTensor !== undefined) return { descriptor: fromTensor, source: "tensor" };
  return { descriptor: pixelDescriptor(frame, region), source: "pixels" };
}
