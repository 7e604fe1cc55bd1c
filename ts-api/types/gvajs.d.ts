/**
 * The built-in module `"gvajs"` of the gvajs GStreamer element: the frame,
 * region and tensor objects a module's `process_frame` receives, DL
 * Streamer's tensor enums, native math helpers, and the types a module's
 * exports can be annotated with.
 *
 * The element provides this module; `gvajs build` leaves the import in
 * place, so nothing from here is bundled.
 *
 * ```ts
 * import { argmax, type VideoFrame } from "gvajs";
 *
 * export function process_frame(frame: VideoFrame): void {
 *   for (const region of frame.regions()) {
 *     const scores = region.tensors()[0]?.data();
 *     if (scores) region.tensors()[0]?.setLabel(String(argmax(scores)));
 *   }
 * }
 * ```
 *
 * Lifetime: a {@link VideoFrame}, every {@link RegionOfInterest} and
 * {@link Tensor} taken from it, and every typed array over frame or tensor
 * memory are valid only during the call that received the frame.
 * Afterwards each access throws a `TypeError` saying so, and the arrays
 * are empty (their buffers are detached). Copy what you need to keep.
 *
 * Names follow DL Streamer's Python `gstgva` in camelCase
 * (`add_region` → `addRegion`), so gvapython scripts port line by line.
 *
 * @module gvajs
 * @packageDocumentation
 */
declare module "gvajs" {
  // -------------------------------------------------------------------
  // Versions
  // -------------------------------------------------------------------

  /**
   * The gvajs plugin's version, e.g. `"0.1.0"`.
   * @category Module
   */
  export const version: string;

  /**
   * The version of the embedded QuickJS engine, e.g. `"2025-04-26"`.
   * Scripts run with its language level: ES2023.
   * @category Module
   */
  export const quickjsVersion: string;

  // -------------------------------------------------------------------
  // Enums (DL Streamer's values, from gva_tensor_meta.h)
  // -------------------------------------------------------------------

  /**
   * Element type of a tensor's data, with DL Streamer's numeric values, so
   * values read from metadata compare equal. Like a TypeScript enum it
   * also maps back: `Precision[10] === "FP32"`.
   *
   * ```ts
   * if (tensor.precision() === Precision.FP32) { … }
   * ```
   * @category Tensors
   */
  export enum Precision {
    /** Not given: {@link Tensor.data} returns `null`. */
    UNSPECIFIED = 255,
    /** 32-bit float; data is a `Float32Array`. */
    FP32 = 10,
    /** 16-bit float; data is a `Uint16Array` of the raw halves. */
    FP16 = 11,
    /** bfloat16; data is a `Uint16Array` of the raw values. */
    BF16 = 12,
    /** 64-bit float; data is a `Float64Array`. */
    FP64 = 13,
    /** Fixed point Q7.8; data is an `Int16Array` of the raw values. */
    Q78 = 20,
    /** 16-bit signed integer; data is an `Int16Array`. */
    I16 = 30,
    /** 4-bit unsigned integers, two a byte; data is a `Uint8Array`. */
    U4 = 39,
    /** 8-bit unsigned integer; data is a `Uint8Array`. */
    U8 = 40,
    /** Boolean bytes; data is a `Uint8Array`. */
    BOOL = 41,
    /** 4-bit signed integers, two a byte; data is a `Uint8Array`. */
    I4 = 49,
    /** 8-bit signed integer; data is an `Int8Array`. */
    I8 = 50,
    /** 16-bit unsigned integer; data is a `Uint16Array`. */
    U16 = 60,
    /** 32-bit signed integer; data is an `Int32Array`. */
    I32 = 70,
    /** Packed bits; data is a `Uint8Array`. */
    BIN = 71,
    /** 64-bit signed integer; data is a `BigInt64Array`. */
    I64 = 72,
    /** 64-bit unsigned integer; data is a `BigUint64Array`. */
    U64 = 73,
    /** 32-bit unsigned integer; data is a `Uint32Array`. */
    U32 = 74,
    /** Model specific; data is a `Uint8Array` of the bytes. */
    CUSTOM = 80,
  }

  /**
   * Memory layout of a tensor, with DL Streamer's numeric values.
   * @category Tensors
   */
  export enum Layout {
    /** Not given or none of the others. */
    ANY = 0,
    /** Batch, channels, height, width. */
    NCHW = 1,
    /** Batch, height, width, channels. */
    NHWC = 2,
    /** Batch, channels. */
    NC = 193,
  }

  // -------------------------------------------------------------------
  // Plain data
  // -------------------------------------------------------------------

  /**
   * A box: top-left corner and size. In pixels from
   * {@link RegionOfInterest.rect}, as fractions of the frame (0..1) from
   * {@link RegionOfInterest.normalizedRect}.
   * @category Regions
   */
  export interface Rect {
    /** Left edge. */
    x: number;
    /** Top edge. */
    y: number;
    /** Width. */
    w: number;
    /** Height. */
    h: number;
  }

  /**
   * The negotiated video format, from {@link VideoFrame.videoInfo}.
   * Strides and offsets come from the buffer's `GstVideoMeta` when it has
   * one, so padded frames are described as they are.
   * @category Frames
   */
  export interface VideoInfo {
    /** Width in pixels. */
    readonly width: number;
    /** Height in pixels. */
    readonly height: number;
    /** GStreamer's format name: `"RGB"`, `"BGRx"`, `"NV12"`, `"GRAY8"`, … */
    readonly format: string;
    /** Frame rate numerator (0 for variable rate). */
    readonly fpsN: number;
    /** Frame rate denominator. */
    readonly fpsD: number;
    /** Bytes in one frame. */
    readonly size: number;
    /** Bytes from one row to the next, per plane. */
    readonly stride: readonly number[];
    /** Where each plane starts in {@link VideoFrame.data}, in bytes. */
    readonly offset: readonly number[];
  }

  /**
   * A value a tensor field holds: what {@link Tensor.get} returns and
   * {@link Tensor.set} accepts.
   * @category Tensors
   */
  export type FieldValue = string | number | boolean | number[] | string[];

  /**
   * Typed arrays of numbers: what the math helpers accept. BigInt arrays
   * and plain `Array`s are refused with a `TypeError`.
   * @category Helpers
   */
  export type NumericArray =
    | Float32Array
    | Float64Array
    | Int8Array
    | Uint8Array
    | Uint8ClampedArray
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array;

  /**
   * Any typed array: what {@link Tensor.data} returns (by precision) and
   * {@link Tensor.setData} accepts.
   * @category Tensors
   */
  export type TensorData = NumericArray | BigInt64Array | BigUint64Array;

  /**
   * The object form of {@link VideoFrame.addRegion}, which can also give
   * the class id and the tracking id.
   * @category Regions
   */
  export interface RegionOptions {
    /** Left edge, in pixels (or a fraction of the width with `normalized`). */
    x: number;
    /** Top edge, in pixels (or a fraction of the height with `normalized`). */
    y: number;
    /** Width, in pixels (or a fraction with `normalized`). */
    w: number;
    /** Height, in pixels (or a fraction with `normalized`). */
    h: number;
    /** Class name; default none. */
    label?: string;
    /** Detection confidence, 0..1; default 0. */
    confidence?: number;
    /** x, y, w, h are fractions of the frame size; default false. */
    normalized?: boolean;
    /** Class index, written as the detection's `label_id`. */
    labelId?: number;
    /** Tracking id, as {@link RegionOfInterest.setObjectId} writes it. */
    objectId?: number;
  }

  /**
   * A JSON value, as the `arg` and `kwarg` properties give constructors.
   * @category Module contract
   */
  export type JsonValue =
    | string
    | number
    | boolean
    | null
    | JsonValue[]
    | { [key: string]: JsonValue };

  // -------------------------------------------------------------------
  // Host objects: exported as types only, since the runtime makes them but
  // exports no constructor (so no `new`, no `instanceof`, no subclasses).
  // -------------------------------------------------------------------

  export type { VideoFrame, RegionOfInterest, Tensor };

  /**
   * One video frame: what `process_frame` receives. Made by the element
   * for one call; it cannot be constructed, and it is invalid once the call
   * returns.
   *
   * ```ts
   * export function process_frame(frame: VideoFrame): boolean {
   *   return frame.regions().length > 0; // drop frames without detections
   * }
   * ```
   * @category Frames
   */
  abstract class VideoFrame {
    private constructor();
    /** Only the element makes frames; this keeps look-alikes out. */
    #private;

    /**
     * Presentation time in nanoseconds, or `undefined` when the buffer has
     * none.
     */
    readonly pts: number | undefined;

    /** Decoding time in nanoseconds, or `undefined`. */
    readonly dts: number | undefined;

    /** Duration in nanoseconds, or `undefined`. */
    readonly duration: number | undefined;

    /**
     * The video format, or `null` when the stream is not raw video
     * (`video/x-raw`).
     *
     * ```ts
     * const { width, height } = frame.videoInfo() ?? { width: 0, height: 0 };
     * ```
     */
    videoInfo(): VideoInfo | null;

    /**
     * The frame's bytes, zero-copy, laid out as {@link videoInfo}'s
     * `stride` and `offset` say. The buffer is mapped on the first call
     * only. With `"write"`, changes go into the frame sent downstream; ask
     * for `"write"` before any `"read"` in the same call.
     *
     * Throws a `TypeError` when the stream is not raw video.
     *
     * ```ts
     * const pixels = frame.data("write");
     * pixels.fill(0, 0, frame.videoInfo()!.stride[0]); // black first row
     * ```
     * @param mode - `"read"` (default) or `"write"`.
     */
    data(mode?: "read" | "write"): Uint8Array;

    /**
     * The regions of interest on this frame: every
     * `GstVideoRegionOfInterestMeta` (from gvajs, DL Streamer, or any
     * element such as `facedetect`) and every analytics object detection
     * without one. Reading never changes the metadata.
     */
    regions(): RegionOfInterest[];

    /**
     * Adds a region (a `GstVideoRegionOfInterestMeta` with a `"detection"`
     * param DL Streamer reads). A box outside the frame is clipped.
     *
     * ```ts
     * frame.addRegion(10, 20, 64, 128, "person", 0.9);
     * frame.addRegion(0.1, 0.1, 0.5, 0.5, "car", 0.7, true);
     * ```
     * @param x - Left edge in pixels, or a fraction of the width.
     * @param y - Top edge in pixels, or a fraction of the height.
     * @param w - Width in pixels, or a fraction of the width.
     * @param h - Height in pixels, or a fraction of the height.
     * @param label - Class name; default none.
     * @param confidence - Detection confidence, 0..1; default 0.
     * @param normalized - Whether x, y, w, h are fractions; default false.
     * @returns The new region.
     */
    addRegion(
      x: number,
      y: number,
      w: number,
      h: number,
      label?: string,
      confidence?: number,
      normalized?: boolean,
    ): RegionOfInterest;
    /**
     * Adds a region described by an object, which can also set the class
     * id and the tracking id.
     *
     * ```ts
     * frame.addRegion({ x: 10, y: 20, w: 64, h: 128, label: "person", labelId: 1, objectId: 7 });
     * ```
     */
    addRegion(options: RegionOptions): RegionOfInterest;

    /**
     * Removes a region of this frame and what belongs to it.
     * Throws when `region` is not on this frame.
     */
    removeRegion(region: RegionOfInterest): void;

    /** The frame-level tensors (`GstGVATensorMeta`), in insertion order. */
    tensors(): Tensor[];

    /**
     * Adds an empty frame-level tensor (a `GstGVATensorMeta`), to fill with
     * {@link Tensor.set} and {@link Tensor.setData}.
     *
     * ```ts
     * const t = frame.addTensor();
     * t.setName("scores");
     * t.setData(new Float32Array([0.1, 0.9]), [1, 2]);
     * ```
     */
    addTensor(): Tensor;

    /** The JSON messages (`GstGVAJSONMeta`) on this frame, in order. */
    messages(): string[];

    /**
     * Adds a JSON message (`GstGVAJSONMeta`), as `gvametaconvert` does.
     * An object is serialised with `JSON.stringify`.
     *
     * ```ts
     * frame.addMessage({ event: "line-crossed", id: 7 });
     * ```
     */
    addMessage(message: string | object): void;

    /**
     * Removes a JSON message: the one at `index` in {@link messages}, or
     * the first whose text equals `message`. Throws when there is none.
     */
    removeMessage(message: string | number): void;
  }

  /**
   * A region of interest on a frame: a box with a label, a confidence and
   * tensors (classification results, raw outputs). Valid only during the
   * call; it cannot be constructed.
   * @category Regions
   */
  abstract class RegionOfInterest {
    private constructor();
    /** Only the element makes regions; this keeps look-alikes out. */
    #private;

    /** The box in pixels. */
    rect(): Rect;

    /** The box as fractions of the frame (0..1). */
    normalizedRect(): Rect;

    /** The class name, or `""` when there is none. */
    label(): string;

    /**
     * The class index (the detection's `label_id`), or `undefined` when
     * the producer did not give one.
     */
    labelId(): number | undefined;

    /** The detection confidence, or `undefined` when there is none. */
    confidence(): number | undefined;

    /** The tracking id, or `undefined` when the region is not tracked. */
    objectId(): number | undefined;

    /**
     * Sets the tracking id: the `object_id` param DL Streamer reads (and a
     * tracking relation where analytics metadata is available).
     *
     * ```ts
     * region.setObjectId(tracker.match(region.rect()));
     * ```
     */
    setObjectId(id: number): void;

    /** The region's tensors, except its `"detection"` and `"object_id"`. */
    tensors(): Tensor[];

    /**
     * Adds an empty tensor named `name` to the region (a param DL Streamer
     * reads as a classification or raw result).
     *
     * ```ts
     * const t = region.addTensor("age");
     * t.set("label", "42");
     * t.set("confidence", 0.8);
     * ```
     */
    addTensor(name: string): Tensor;

    /**
     * The `"detection"` tensor (box, confidence, label id), or `null`.
     * Unlike gstgva's, reading never creates one.
     */
    detection(): Tensor | null;

    /** The region's id on this frame (the meta's `id`). */
    regionId(): number;

    /** The id of the region this one was found in, or `undefined`. */
    parentId(): number | undefined;
  }

  /**
   * A tensor: a named set of fields (a `GstStructure`) with optional data,
   * attached to a frame or to a region. Valid only during the call; it
   * cannot be constructed.
   *
   * ```ts
   * const t = region.tensors().find((t) => t.layerName() === "prob");
   * const scores = t?.data();
   * ```
   * @category Tensors
   */
  abstract class Tensor {
    private constructor();
    /** Only the element makes tensors; this keeps look-alikes out. */
    #private;

    /** The tensor's name (the structure name). */
    name(): string;

    /** Renames the tensor. */
    setName(name: string): void;

    /** The names of its fields, in order. */
    fields(): string[];

    /** Whether the field exists (whatever its value, even 0 or `""`). */
    has(field: string): boolean;

    /**
     * A field's value, or `undefined` when it is absent (or of a type
     * scripts cannot read, such as raw bytes: use {@link data}).
     */
    get(field: string): FieldValue | undefined;

    /**
     * Sets a field. Integers are written as ints, other numbers as
     * doubles; arrays hold all numbers or all strings.
     *
     * ```ts
     * t.set("label", "cat");
     * t.set("confidence", 0.93);
     * t.set("dims", [1, 1000]);
     * ```
     */
    set(field: string, value: FieldValue): void;

    /**
     * The data (`data_buffer`) as a typed array matching
     * {@link precision} (`Float32Array` for FP32, `Uint8Array` for U8, …),
     * zero-copy where alignment allows; `null` when there is no data or no
     * precision. Not reshaped: read {@link dims}.
     */
    data(): TensorData | null;

    /**
     * Writes the data: its bytes, the precision that matches the array's
     * type, and `dims` (default `[data.length]`).
     *
     * ```ts
     * t.setData(new Float32Array(embedding), [1, 256]);
     * ```
     */
    setData(data: TensorData, dims?: readonly number[]): void;

    /** The dimensions, or `[]` when not given. */
    dims(): number[];

    /** The element type of {@link data}. */
    precision(): Precision;

    /** The layout. */
    layout(): Layout;

    /** The model layer the tensor came from, or `undefined`. */
    layerName(): string | undefined;

    /** The model the tensor came from, or `undefined`. */
    modelName(): string | undefined;

    /** The `format` field (e.g. `"keypoints"`), or `undefined`. */
    format(): string | undefined;

    /** The class label of a classification result, or `undefined`. */
    label(): string | undefined;

    /** Sets the class label. */
    setLabel(label: string): void;

    /** The class index, or `undefined`. */
    labelId(): number | undefined;

    /** The confidence, or `undefined` (a list for keypoint tensors). */
    confidence(): number | number[] | undefined;

    /** The id of the element that produced the tensor, or `undefined`. */
    elementId(): string | undefined;

    /** Whether this is a region's `"detection"` tensor. */
    isDetection(): boolean;

    /**
     * The `type` field: `"classification_result"`, `"tensor"`,
     * `"keypoints"`, …, or `undefined`.
     */
    type(): string | undefined;
  }

  // -------------------------------------------------------------------
  // Native helpers
  // -------------------------------------------------------------------

  /**
   * The index of the largest element (the first on ties). NaN never wins;
   * all NaN gives -1. Throws a `RangeError` when `a` is empty.
   *
   * ```ts
   * const best = argmax(region.tensors()[0]!.data() as Float32Array);
   * ```
   * @category Helpers
   */
  export function argmax(a: NumericArray): number;

  /**
   * The `k` largest elements, largest first: `values[i]` is `a[indices[i]]`.
   * Throws a `RangeError` unless `k` is an integer in 1..a.length.
   *
   * ```ts
   * const { indices, values } = topK(scores, 5);
   * ```
   * @category Helpers
   */
  export function topK(a: NumericArray, k: number): { indices: Int32Array; values: Float64Array };

  /**
   * Softmax: probabilities summing to 1, computed without overflow. Into a
   * new `Float32Array`, or into `out` (pass `a` itself for in place).
   *
   * ```ts
   * const p = softmax(logits);
   * ```
   * @category Helpers
   */
  export function softmax(a: NumericArray): Float32Array;
  export function softmax<Out extends Float32Array | Float64Array>(a: NumericArray, out: Out): Out;

  /**
   * `1 / (1 + exp(-x))` per element, into a new `Float32Array` or `out`.
   * @category Helpers
   */
  export function sigmoid(a: NumericArray): Float32Array;
  export function sigmoid<Out extends Float32Array | Float64Array>(a: NumericArray, out: Out): Out;

  /**
   * The dot product. Throws a `RangeError` when the lengths differ or `a`
   * is empty.
   * @category Helpers
   */
  export function dot(a: NumericArray, b: NumericArray): number;

  /**
   * Cosine similarity in [-1, 1]; 0 when either vector is all zeros.
   * Throws like {@link dot}.
   *
   * ```ts
   * if (cosine(embedding, known) > 0.6) region.tensors()[0]?.setLabel(name);
   * ```
   * @category Helpers
   */
  export function cosine(a: NumericArray, b: NumericArray): number;

  /**
   * `a / |a|` (unit length), into a new `Float32Array` or `out` (pass `a`
   * to normalize in place). All zeros gives zeros.
   * @category Helpers
   */
  export function l2normalize(a: NumericArray): Float32Array;
  export function l2normalize<Out extends Float32Array | Float64Array>(a: NumericArray, out: Out): Out;

  /**
   * Row-major `matrix` (rows × `vec.length`) times `vec`: one result per
   * row. With a gallery of l2-normalized embeddings stored back to back
   * and a normalized embedding, the results are cosine similarities.
   *
   * ```ts
   * const sims = matVec(gallery, l2normalize(embedding));
   * const best = argmax(sims);
   * ```
   * @category Helpers
   */
  export function matVec(matrix: NumericArray, vec: NumericArray): Float32Array;
  export function matVec<Out extends Float32Array | Float64Array>(
    matrix: NumericArray,
    vec: NumericArray,
    out: Out,
  ): Out;

  /**
   * Greedy non-maximum suppression. `boxes` holds x1, y1, x2, y2 for each
   * score; a box is dropped when its IoU with a kept, higher-scoring box
   * exceeds `iouThreshold`. Returns the kept indices, best first, at most
   * `maxOutput` (default all).
   *
   * ```ts
   * for (const i of nms(boxes, scores, 0.5)) frame.addRegion(…);
   * ```
   * @category Helpers
   */
  export function nms(
    boxes: NumericArray,
    scores: NumericArray,
    iouThreshold: number,
    maxOutput?: number,
  ): Int32Array;

  // -------------------------------------------------------------------
  // The module contract: what the element calls
  // -------------------------------------------------------------------

  /**
   * What the per-frame function returns: `false` drops the frame; anything
   * else, `undefined` included, passes it on. (gvapython drops on every
   * falsy value; gvajs only on `false`.) Promises are not awaited, so the
   * function cannot be `async`.
   * @category Module contract
   */
  export type FrameResult = boolean | void;

  /**
   * The per-frame function (`process_frame`, or the name the element's
   * `function` property gives).
   *
   * ```ts
   * export const process_frame: ProcessFrame = (frame) => frame.regions().length > 0;
   * ```
   * @category Module contract
   */
  export type ProcessFrame = (frame: VideoFrame) => FrameResult;

  /**
   * A lifecycle hook: `start` when the element starts, `eos` when
   * end-of-stream reaches it, `stop` when it stops (also after an error).
   *
   * ```ts
   * export const stop: Hook = () => console.log(`counted ${total}`);
   * ```
   * @category Module contract
   */
  export type Hook = () => void;

  /** The optional hooks of a module or class instance. @category Module contract */
  export interface Hooks {
    /** Called when the element starts, before the first frame. */
    start?: Hook;
    /** Called when end-of-stream reaches the element. */
    eos?: Hook;
    /** Called when the element stops, also after an error; flush here. */
    stop?: Hook;
  }

  /**
   * The exports of a module used without `class`: the per-frame function
   * under `Name` (default `process_frame`) and optional hooks. Check a
   * whole module with it from another file:
   *
   * ```ts
   * import * as counter from "./counter.ts";
   * counter satisfies FrameModule;
   * ```
   * @typeParam Name - the element's `function` property.
   * @category Module contract
   */
  export type FrameModule<Name extends string = "process_frame"> = Hooks & {
    readonly [K in Name]: ProcessFrame;
  };

  /**
   * An instance of the class form (`class=Name`): the per-frame method
   * and optional hooks, called with the instance as `this`.
   *
   * ```ts
   * export class Counter implements FrameProcessor {
   *   #n = 0;
   *   constructor(readonly options: { every: number }) {}
   *   process_frame(frame: VideoFrame): boolean {
   *     return ++this.#n % this.options.every === 0;
   *   }
   *   stop(): void {
   *     console.log(`${this.#n} frames`);
   *   }
   * }
   * ```
   * @typeParam Name - the element's `function` property.
   * @category Module contract
   */
  export type FrameProcessor<Name extends string = "process_frame"> = Hooks & {
    [K in Name]: ProcessFrame;
  };

  /**
   * A class the element can construct (`class=Name`): once, at start,
   * with each `arg` value as a positional argument and the `kwarg` object
   * last.
   *
   * ```ts
   * Counter satisfies FrameProcessorClass;
   * ```
   * @category Module contract
   */
  export type FrameProcessorClass<Name extends string = "process_frame"> = new (
    ...args: never[]
  ) => FrameProcessor<Name>;
}
