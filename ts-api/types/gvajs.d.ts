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
 * import { argmax, softmax, type VideoFrame } from "gvajs";
 *
 * export function process_frame(frame: VideoFrame): void {
 *   for (const region of frame.regions()) {
 *     const logits = region.tensors().find((t) => t.layerName() === "prob")?.data();
 *     if (logits instanceof Float32Array) console.log(region.label(), argmax(softmax(logits)));
 *   }
 * }
 * ```
 *
 * Lifetime: a {@link VideoFrame} or {@link AudioFrame}, every
 * {@link RegionOfInterest}, {@link AudioEvent} and {@link Tensor} taken from
 * it, and every typed array over frame or tensor memory are valid only
 * during the call that received the frame.
 * Afterwards each access throws a `TypeError` saying so, and the arrays
 * are empty (their buffers are detached). Copy what you need to keep.
 *
 * Names follow DL Streamer's Python `gstgva` in camelCase
 * (`add_region` → `addRegion`), so gvapython scripts port line by line.
 *
 * Host objects (frames, regions, tensors) take no properties of their
 * own: they are not extensible, and setting or defining a property on one
 * throws a `TypeError` that says what to do instead. In particular
 * gstgva's `tensor["model_name"] = "m"` is `tensor.set("model_name", "m")`
 * here, and `tensor["model_name"]` is `tensor.get("model_name")`: a
 * bracket write would otherwise add a plain JS property and leave the
 * metadata as it was.
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

  /**
   * What {@link matMul} runs on: `"OpenBLAS 0.3.21"` when gvajs was built
   * with OpenBLAS (Debian `libopenblas-dev`, meson option `blas`), else
   * `"none (gvajs kernel)"`, its own single-precision kernel.
   * @category Module
   */
  export const blas: string;

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
    /** Not given; {@link Tensor.data} returns the bytes as a `Uint8Array`. */
    UNSPECIFIED = 255,
    /** 32-bit float; data is a `Float32Array`. */
    FP32 = 10,
    /** 16-bit float; data is a `Uint16Array` of the raw halves. */
    FP16 = 11,
    /** bfloat16; data is a `Uint16Array` of the raw values. */
    BF16 = 12,
    /** 64-bit float; data is a `Float64Array`. */
    FP64 = 13,
    /** Fixed point Q7.8; data is a `Uint8Array` of the raw bytes. */
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
   * What {@link Tensor.set} writes: a string, a number (an integer becomes
   * an `int`, other numbers a `double`), a boolean, or an array of numbers
   * or of strings. A typed array keeps its element type (`Float32Array` →
   * float, `Int32Array` → int, …). The fields DL Streamer reads as doubles
   * (`confidence`, `x_min`, `y_min`, `x_max`, `y_max`, `rotation`) always
   * get doubles, and `set(field, value, "double")` does the same for any
   * field.
   * @category Tensors
   */
  export type FieldValue = string | number | boolean | readonly number[] | readonly string[] | NumericArray;

  /**
   * What {@link Tensor.get} reads: strings, numbers and booleans as they
   * are, GStreamer arrays and lists as arrays, bytes (a GVariant `ay`) as a
   * copied `Uint8Array`, anything else as its GStreamer serialization (a
   * string), and `null` for pointers and empty strings.
   * @category Tensors
   */
  export type FieldData = string | number | boolean | null | Uint8Array | FieldData[];

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
   * What {@link Tensor.data} returns, by {@link Precision}: `Float32Array`
   * (FP32), `Float64Array` (FP64), `Uint16Array` (U16, and the raw words of
   * FP16 and BF16), `Int16Array` (I16), `Int8Array` (I8), `Int32Array`
   * (I32), `Uint32Array` (U32), `BigInt64Array` (I64), `BigUint64Array`
   * (U64), else a `Uint8Array` of the bytes.
   * @category Tensors
   */
  export type TensorData =
    | Float32Array
    | Float64Array
    | Uint16Array
    | Int16Array
    | Int8Array
    | Int32Array
    | Uint32Array
    | BigInt64Array
    | BigUint64Array
    | Uint8Array;

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
    label?: string | null;
    /** Detection confidence, 0..1; default 0 (written, as gstgva does). */
    confidence?: number;
    /** x, y, w, h are fractions of the frame size; default false. */
    normalized?: boolean;
    /** Class index (a 32-bit integer), written as the detection's `label_id`. */
    labelId?: number;
    /** Tracking id (a 32-bit integer), as {@link RegionOfInterest.setObjectId} writes it. */
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

  export type { MediaFrame, VideoFrame, AudioFrame, AudioEvent, RegionOfInterest, Tensor };

  /**
   * What every frame has, video or audio: timestamps, frame-level tensors
   * and JSON messages. The per-frame function receives a {@link VideoFrame}
   * or, on raw audio caps, an {@link AudioFrame}; annotate a helper that
   * takes either with `MediaFrame`, or narrow a {@link Frame} with
   * `"audioInfo" in frame`.
   * @category Frames
   */
  abstract class MediaFrame {
    protected constructor();
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

    /** The frame-level tensors (`GstGVATensorMeta`), in insertion order. */
    tensors(): Tensor[];

    /**
     * Adds an empty frame-level tensor (a `GstGVATensorMeta`), to fill with
     * {@link Tensor.set} and {@link Tensor.setData}.
     *
     * ```ts
     * const t = frame.addTensor("scores");
     * t.setData(new Float32Array([0.1, 0.9]), [1, 2]);
     * ```
     * @param name - The tensor's name (a GstStructure name: a letter, then
     *   letters, digits and `-_.:/`); default `"meta"`, as DL Streamer's.
     */
    addTensor(name?: string): Tensor;

    /**
     * The JSON messages (`GstGVAJSONMeta`) on this frame, in order; `null`
     * for a meta without text.
     */
    messages(): (string | null)[];

    /**
     * Adds a JSON message (`GstGVAJSONMeta`), as `gvametaconvert` does. A
     * string is stored as it is; any other value is serialised with
     * `JSON.stringify` (a `TypeError` when JSON cannot represent it, such
     * as `undefined` or a function).
     *
     * ```ts
     * frame.addMessage({ event: "line-crossed", id: 7 });
     * ```
     */
    addMessage(message: string | number | boolean | null | object): void;

    /**
     * Removes a JSON message: the first whose text equals `message`, or,
     * given a number, the one at that index in {@link messages}. Throws a
     * `RangeError` when there is none.
     *
     * ```ts
     * frame.removeMessage(0);
     * ```
     */
    removeMessage(message: string | number): void;
  }

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
  abstract class VideoFrame extends MediaFrame {
    private constructor();
    /** Only the element makes frames; this keeps look-alikes out. */
    #private;

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
     * The frame's bytes, laid out as {@link videoInfo}'s `stride` and
     * `offset` say. The buffer is mapped on the first call only; every call
     * in one call returns a view of the same bytes.
     *
     * - `"write"`: zero-copy over this buffer's own bytes (shared memory is
     *   copied by GStreamer first); changes go into the frame sent
     *   downstream, and only there. Ask for `"write"` before any `"read"`
     *   in the same call.
     * - `"read"` (default): zero-copy when the memory is this buffer's
     *   alone (one writable, not read-only, system-memory block no other
     *   buffer holds: the usual case); otherwise (after a `tee`, read-only
     *   memory, dmabuf or GL memory, several memory blocks) a private copy
     *   in the script's heap, counted against `memory-limit`. A write
     *   through a read view never reaches another branch or read-only
     *   memory, and reaches downstream only when it was zero-copy.
     *
     * Throws a `TypeError` when the stream is not raw video, a
     * `RangeError` when the frame is larger than a typed array can be
     * (2 GiB; the native helpers read any size).
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
     * `GstVideoRegionOfInterestMeta`, from gvajs, DL Streamer or any other
     * element (such as `facedetect`), in insertion order. Reading never
     * changes the metadata. Within a call a region is one object: the one
     * `addRegion()` returned, and the same on every `regions()` (`===`);
     * likewise a tensor.
     */
    regions(): RegionOfInterest[];

    /**
     * Adds a region: a `GstVideoRegionOfInterestMeta` with a `"detection"`
     * param DL Streamer reads. x, y, w and h are each cut to whole pixels
     * toward zero (normalized ones after scaling), as gstgva's
     * `add_region` does with `int()`, so the same arguments give the same
     * box: `addRegion(0.1, 0.1, 0.33, 0.33, "a", 1, true)` on 320×240 is
     * `{x: 32, y: 24, w: 105, h: 79}`. The box is then clipped to the
     * frame; one that starts left of or above it keeps its far edge
     * (gstgva keeps its width and height, moving the far edge). Throws a `RangeError` for a negative `w` or
     * `h`, a `TypeError` for `normalized` on a stream that is not raw
     * video.
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
     * @param confidence - Detection confidence, 0..1; default 0, written
     *   to the detection and read back by {@link RegionOfInterest.confidence},
     *   as gstgva's `add_region` does.
     * @param normalized - Whether x, y, w, h are fractions; default false.
     * @returns The new region.
     */
    addRegion(
      x: number,
      y: number,
      w: number,
      h: number,
      label?: string | null,
      confidence?: number,
      normalized?: boolean,
    ): RegionOfInterest;
    /**
     * Adds a region described by an object, which can also set the class
     * id and the tracking id. An unknown key (a misspelt `labelID`) throws
     * a `TypeError`.
     *
     * ```ts
     * frame.addRegion({ x: 10, y: 20, w: 64, h: 128, label: "person", labelId: 1, objectId: 7 });
     * ```
     */
    addRegion(options: RegionOptions): RegionOfInterest;

    /**
     * Removes a region of this frame with its tensors; the region and its
     * tensors are invalid afterwards. Throws a `TypeError` when `region` is
     * not a region of this call.
     */
    removeRegion(region: RegionOfInterest): void;

    /**
     * The batch form of {@link addRegion}: row `i` of `boxes` (`x, y, w, h`,
     * 4 numbers per row) becomes a region labelled `labels[ids[i]]`, with
     * label id `ids[i]` and confidence `confidences[i]` (0 without them),
     * written as `addRegion({x, y, w, h, label, confidence, labelId,
     * normalized})` writes it: a detector's decoded rows in one call. A
     * row whose id is negative or whose confidence is under
     * `options.threshold` (or NaN) adds nothing, and its box is not read.
     * Returns how many regions it added. Throws a `TypeError` for
     * arguments of the wrong kind, a label that is not a string, an
     * unknown option or a `threshold` without `confidences`, a
     * `RangeError` when `boxes` is not 4 numbers per row, `ids` or
     * `confidences` not one per row, an id not an index of `labels`, or a
     * box that would be added is not finite or of negative size; a call
     * that throws writes nothing.
     *
     * ```ts
     * // rows × [x, y, w, h] in pixels, a class and a score per row
     * frame.addRegions(boxes, classes, ["person", "car"], scores,
     *   { threshold: 0.5 });
     * ```
     */
    addRegions(
      boxes: NumericArray,
      ids: NumericArray,
      labels: readonly string[],
      confidences?: NumericArray,
      options?: {
        /** Boxes are fractions of the frame's width and height. */
        normalized?: boolean;
        /** Rows whose confidence is under it add nothing. */
        threshold?: number;
      },
    ): number;

    /**
     * Every region's pixel box, as {@link RegionOfInterest.rect} gives it,
     * 4 numbers per region (`x, y, w, h`) in {@link regions} order. Throws a
     * `RangeError` when `out` is not a `Float64Array` of 4 × regions.
     */
    regionBoxes(out?: Float64Array): Float64Array;

    /**
     * Every region's {@link RegionOfInterest.confidence} in
     * {@link regions} order, `NaN` where that is `undefined`. Throws a
     * `RangeError` when `out` is not a `Float64Array` of one per region.
     */
    regionConfidences(out?: Float64Array): Float64Array;

    /**
     * Every region's {@link RegionOfInterest.label} in {@link regions}
     * order; with `name`, the label of each region's tensor `name` (a
     * classifier's result, as {@link addRegionLabels} writes it),
     * `undefined` for a region without one.
     */
    regionLabels(): string[];
    regionLabels(name: string): (string | undefined)[];

    /**
     * The data of every region's tensor `name` (FP32, e.g. a face
     * embedding), copied into the rows of one `Float32Array` in
     * {@link regions} order: row `i` is `regions()[i]`'s, zeros for a
     * region without one. One call instead of a `tensors()` and a `data()`
     * per region; what {@link bestMatch} and {@link matMul} take.
     * `undefined` when no region has such a tensor. Throws a `TypeError`
     * when one holds another precision, a `RangeError` when their lengths
     * differ or `out` is not regions × values long.
     *
     * ```ts
     * const faces = frame.regionTensorData("face_embedding");
     * if (faces) {
     *   const best = bestMatch(faces, gallery, 256);
     * }
     * ```
     */
    regionTensorData(name: string, out?: Float32Array): Float32Array | undefined;

    /**
     * The batch form of `regions()[i].addTensor(name)` and its `setLabel()`:
     * in {@link regions} order, region `i` gets a tensor `name` holding a
     * classifier's result, as gvaclassify writes it: `label`
     * (`labels[ids[i]]`), `label_id` (`ids[i]`), `confidence`
     * (`confidences[i]`, when given) and `type` `"classification_result"`
     * (with GstAnalytics, also a ClsMtd). A region whose id is negative
     * (bestMatch's and rowArgmax's -1 for a row of NaN) or whose
     * confidence is under `threshold` (or NaN) gets none. With
     * {@link regionTensorData} and {@link bestMatch}, a whole gallery step
     * has no region object and no loop in JavaScript. Returns how many tensors it
     * added. Throws a `TypeError` for arguments of the wrong kind, a label
     * that is not a string or a `threshold` without `confidences`, a
     * `RangeError` when `ids` or `confidences` has not one element per
     * region or an id is not an index of `labels`; a call that throws
     * writes nothing.
     *
     * ```ts
     * const faces = frame.regionTensorData("face_embedding");
     * if (faces) {
     *   const similarity = new Float32Array(faces.length / 256);
     *   const best = bestMatch(faces, gallery, 256, undefined, similarity);
     *   frame.addRegionLabels("face_id", best, names, similarity, 0.5);
     * }
     * ```
     */
    addRegionLabels(
      name: string,
      ids: NumericArray,
      labels: readonly string[],
      confidences?: NumericArray,
      threshold?: number,
    ): number;
  }

  /**
   * The frame the per-frame function receives: a {@link VideoFrame}, or an
   * {@link AudioFrame} on raw audio caps (`audio/x-raw`). Narrow it with
   * `"audioInfo" in frame`.
   *
   * ```ts
   * export function process_frame(frame: Frame): void {
   *   if ("audioInfo" in frame) console.log(frame.audioInfo().rate);
   *   else console.log(frame.videoInfo()?.width);
   * }
   * ```
   * @category Frames
   */
  export type Frame = VideoFrame | AudioFrame;

  /**
   * The samples {@link AudioFrame.data} returns, by format: `Int16Array`
   * (S16LE), `Uint16Array` (U16LE), `Int32Array` (S32LE), `Uint32Array`
   * (U32LE), `Float32Array` (F32LE), `Float64Array` (F64LE), `Int8Array`
   * (S8), `Uint8Array` (U8, and the bytes of big-endian and 24-bit
   * formats, which {@link AudioInfo.format} names).
   * @category Audio
   */
  export type AudioSamples =
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array
    | Float32Array
    | Float64Array
    | Int8Array
    | Uint8Array;

  /**
   * One buffer of raw audio: what the per-frame function receives on
   * `audio/x-raw` caps (gstgva's `AudioFrame`). Made by the element for one
   * call, invalid once the call returns.
   *
   * ```ts
   * import { audioLevels, type AudioFrame } from "gvajs";
   * export function process_frame(frame: AudioFrame): void {
   *   const samples = frame.data();
   *   if (!Array.isArray(samples) && audioLevels(samples, frame.audioInfo().channels).rms[0]! > -30)
   *     frame.addEvent({ label: "loud" });
   * }
   * ```
   * @category Audio
   */
  abstract class AudioFrame extends MediaFrame {
    private constructor();
    /** Only the element makes frames; this keeps look-alikes out. */
    #private;

    /** The audio format, from the caps. */
    audioInfo(): AudioInfo;

    /**
     * Samples per channel in this buffer (its `GstAudioMeta`'s count when
     * it has one, else its size over {@link AudioInfo.bpf}).
     */
    readonly sampleCount: number;

    /**
     * The samples, zero-copy or a copy by the same rules as
     * {@link VideoFrame.data}: one typed array of interleaved samples, or
     * for a non-interleaved layout one array per channel (plane). Views
     * are empty after the call. Samples at an address not aligned to their
     * size (a sub-buffer at an odd offset) are copied for `"read"`;
     * `"write"` then throws a `TypeError`. A `RangeError` when the buffer
     * holds fewer bytes than its caps and audio meta say.
     *
     * ```ts
     * const pcm = frame.data("write");
     * if (pcm instanceof Int16Array) pcm.fill(0); // mute
     * ```
     * @param mode - `"read"` (default) or `"write"`.
     */
    data(mode?: "read" | "write"): AudioSamples | AudioSamples[];

    /** The audio events (`GstGVAAudioEventMeta`) on this buffer, in order. */
    events(): AudioEvent[];

    /**
     * Adds an audio event: a `GstGVAAudioEventMeta` (label as its event
     * type, the segment in nanoseconds) with a `"detection"` param holding
     * `confidence` and `label_id` when given, as DL Streamer's
     * `gvaaudiodetect` writes. `start` and `end` default to the buffer's
     * own span (`pts`, `pts + duration`; a `TypeError` when it has none).
     * An unknown key throws a `TypeError`; `end` before `start` a
     * `RangeError`.
     *
     * ```ts
     * frame.addEvent({ label: "speech", confidence: 0.9, start: frame.pts!, end: frame.pts! + 5e8 });
     * ```
     */
    addEvent(event: AudioEventOptions): AudioEvent;

    /**
     * Removes an event of this frame; it and its tensors are invalid
     * afterwards. A `TypeError` when `event` is not an event of this call.
     */
    removeEvent(event: AudioEvent): void;
  }

  /**
   * What {@link AudioFrame.audioInfo} returns.
   * @category Audio
   */
  export interface AudioInfo {
    /** Samples per second. */
    rate: number;
    /** Channels. */
    channels: number;
    /** GStreamer's format name: `"S16LE"`, `"F32LE"`, `"S24BE"`, … */
    format: string;
    /** Bytes per frame (one sample of every channel). */
    bpf: number;
    /** Bytes per sample. */
    bps: number;
    /** How the channels are laid out. */
    layout: "interleaved" | "non-interleaved";
    /** Each channel's position as GStreamer names it (`"front-left"`, `"mono"`), `"none"` when unpositioned. */
    positions: string[];
  }

  /**
   * The argument of {@link AudioFrame.addEvent}.
   * @category Audio
   */
  export interface AudioEventOptions {
    /** Class name, the event's type; required, not empty. */
    label: string;
    /** Start in nanoseconds; default the buffer's `pts`. */
    start?: number;
    /** End in nanoseconds; default `pts + duration`. */
    end?: number;
    /** Detection confidence; default none. */
    confidence?: number;
    /** Class index (a 32-bit integer), the detection's `label_id`. */
    labelId?: number;
  }

  /**
   * An audio event: a labelled segment of the stream with tensors (gstgva's
   * `AudioEvent`, over DL Streamer's `GstGVAAudioEventMeta`). Valid only
   * during the call.
   * @category Audio
   */
  abstract class AudioEvent {
    private constructor();
    /** Only the element makes events; this keeps look-alikes out. */
    #private;

    /** The segment, in nanoseconds. */
    segment(): { start: number; end: number };

    /** The event type, or `undefined` when it has none. */
    label(): string | undefined;

    /** The detection's `label_id`, or `undefined`. */
    labelId(): number | undefined;

    /** The detection's `confidence`, or `undefined`. */
    confidence(): number | undefined;

    /** Every param as a tensor, the detection included, as gstgva. */
    tensors(): Tensor[];

    /** Adds an empty param to fill with {@link Tensor.set}. */
    addTensor(name: string): Tensor;

    /** The `"detection"` param, or `undefined`; reading never creates it. */
    detection(): Tensor | undefined;

    /** The event's id (gvajs numbers a buffer's events from 0). */
    eventId(): number;
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

    /**
     * The box as fractions of the frame (0..1): the `"detection"` param's
     * box when it has one, else the pixel box over the frame size;
     * `undefined` when neither is known (not raw video).
     */
    normalizedRect(): Rect | undefined;

    /** The class name, or `""` when there is none. */
    label(): string;

    /**
     * The class index (the detection's `label_id`), or `undefined` when
     * the producer did not give one.
     */
    labelId(): number | undefined;

    /**
     * The detection confidence: 0 for a region added without one (gvajs
     * and gstgva write 0); `undefined` when the producer wrote none (a
     * `facedetect` region has no `"detection"` param).
     */
    confidence(): number | undefined;

    /** The tracking id, or `undefined` when the region is not tracked. */
    objectId(): number | undefined;

    /**
     * Sets the tracking id (a 32-bit integer): the `object_id` param
     * `gvatrack` writes and DL Streamer reads.
     *
     * ```ts
     * region.setObjectId(tracker.match(region.rect()));
     * ```
     */
    setObjectId(id: number): void;

    /**
     * The region's tensors (its params): classification results, raw
     * outputs and the `"detection"` tensor; not the `"object_id"` param.
     */
    tensors(): Tensor[];

    /**
     * The first of {@link tensors} named `name`, or `undefined`: gstgva's
     * `get_tensor_by_name()`.
     *
     * ```ts
     * const age = region.getTensorByName("age")?.label();
     * ```
     */
    getTensorByName(name: string): Tensor | undefined;

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
     * The `"detection"` tensor (box, confidence, label id), or
     * `undefined`. Unlike gstgva's, reading never creates one.
     */
    detection(): Tensor | undefined;

    /** The region's id (the meta's `id`). */
    regionId(): number;

    /** The id of the region this one was found in (the meta's `parent_id`); 0 when none. */
    parentId(): number;
  }

  /**
   * A tensor: a named set of fields (a `GstStructure`) with optional data,
   * attached to a frame or to a region. Valid only during the call; it
   * cannot be constructed. Fields are read with {@link Tensor.get} and
   * written with {@link Tensor.set}: `t["label"] = "cat"` (gstgva's way)
   * throws a `TypeError` naming them.
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

    /**
     * Whether the field exists, whatever its value, even 0 or `""`: unlike
     * gstgva's `has_field()`, which is false for those (it tests the
     * value's truth); port that as `Boolean(t.get(field))`.
     */
    has(field: string): boolean;

    /** A field's value (see {@link FieldData}), or `undefined` when absent. */
    get(field: string): FieldData | undefined;

    /**
     * Sets a field (see {@link FieldValue}). `data_buffer` is refused:
     * write the data with {@link setData}.
     *
     * A whole number is stored as an `int` (DL Streamer's type for
     * `label_id` and the like), except in the fields DL Streamer reads as
     * doubles, where an `int` would read as 0: `confidence`, `x_min`,
     * `y_min`, `x_max`, `y_max` and `rotation` are always written as
     * doubles (and must be numbers; `confidence` may also be an array of
     * numbers, one per keypoint, stored as floats). For any other field,
     * pass `"double"` as `type` to store numbers, and every element of a
     * number array, as doubles.
     *
     * ```ts
     * t.set("label", "cat");
     * t.set("confidence", 1); // a double 1.0, as DL Streamer reads it
     * t.set("dims", [1, 1000]);
     * t.set("score", 1, "double"); // a double, not the int 1
     * ```
     * @param type - `"double"`: store numbers as doubles, whole ones too;
     *   default by value (an integer becomes an `int`).
     */
    set(field: string, value: FieldValue, type?: "double"): void;

    /**
     * The data (`data_buffer`) as the typed array of its {@link precision}
     * (see {@link TensorData}); `undefined` when there is none. Not
     * reshaped: read {@link dims}. The array is emptied when the call ends.
     *
     * The view is over bytes this buffer's tensor alone holds: the first
     * `data()` of a tensor in a call copies its bytes (which a buffer copy,
     * as after a `tee`, shares with other branches) into the tensor, and
     * later ones, or bytes {@link setData} wrote in this call, are viewed
     * zero-copy. So a write through the view changes this tensor, seen
     * downstream of this branch only, and all views in a call agree.
     */
    data(): TensorData | undefined;

    /**
     * Writes the data: a copy of its bytes, the precision that matches the
     * array's type, and `dims` (default `[data.length]`; 1 to 8 entries
     * whose product is `data.length`, else a `RangeError`).
     *
     * ```ts
     * t.setData(new Float32Array(embedding), [1, 256]);
     * ```
     */
    setData(data: NumericArray, dims?: readonly number[]): void;

    /** The `dims` field, or `undefined` when not given. */
    dims(): number[] | undefined;

    /** The element type of {@link data}; `UNSPECIFIED` when not given. */
    precision(): Precision;

    /** The layout; `ANY` when not given. */
    layout(): Layout;

    /**
     * The precision's name (`"FP32"`, `"U8"`, …, as {@link Precision}
     * names it); `"UNSPECIFIED"` when not given or not one of DL Streamer's
     * codes, as gstgva's `precision_as_string()`.
     */
    precisionAsString(): string;

    /**
     * The layout's name (`"NCHW"`, `"NHWC"`, `"NC"`); `"ANY"` when not given
     * or none of those, as gstgva's `layout_as_string()`.
     */
    layoutAsString(): string;

    /** The model layer the tensor came from, or `undefined`. */
    layerName(): string | undefined;

    /** The model the tensor came from, or `undefined`. */
    modelName(): string | undefined;

    /** The `format` field (e.g. `"keypoints"`), or `undefined`. */
    format(): string | undefined;

    /**
     * The class label of a classification result, or `undefined`. Throws a
     * `TypeError` on a detection tensor: its label is the region's.
     */
    label(): string | undefined;

    /** Sets the class label; throws a `TypeError` on a detection tensor. */
    setLabel(label: string): void;

    /** The class index, or `undefined`. */
    labelId(): number | undefined;

    /** The confidence, or `undefined` (a list for keypoint tensors). */
    confidence(): number | number[] | undefined;

    /** The id of the element that produced the tensor, or `undefined`. */
    elementId(): string | undefined;

    /**
     * The tensor's own `object_id` field, or `undefined`: gstgva's
     * `Tensor.object_id()`. A region's tracking id is
     * {@link RegionOfInterest.objectId}.
     */
    objectId(): number | undefined;

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
   * `a · bᵀ` (numpy's `a @ b.T`): `a` holds rows of `k` values (m rows), `b`
   * rows of `k` values too (n rows), and element `[i * n + j]` of the
   * m × n result is the dot product of `a`'s row `i` and `b`'s row `j`.
   * With l2-normalized embeddings in `a` and a gallery in `b`, every
   * cosine similarity in one call, run by a BLAS's `sgemm` when gvajs has
   * one ({@link blas}). Single precision. Throws a `TypeError` unless `a`,
   * `b` and `out` are `Float32Array`s, a `RangeError` when `k` is not a
   * positive integer, `a` or `b` is empty or not whole rows, `out` is not
   * m × n long or shares memory with `a` or `b`.
   *
   * ```ts
   * const sims = matMul(faces, gallery, 256); // faces × identities
   * ```
   * @category Helpers
   */
  export function matMul(a: Float32Array, b: Float32Array, k: number, out?: Float32Array): Float32Array;

  /**
   * The index of the largest value of each row of `m` (rows of `cols`
   * values, row-major), the first on ties; -1 for a row of NaN only. With
   * {@link matMul}'s similarities, each face's best identity:
   * `sims[i * cols + best[i]]` is its similarity, which `max` receives
   * when given (NaN for a row of NaN only): the confidences
   * {@link VideoFrame.addRegionLabels} takes. Throws a `TypeError` for a
   * `m` that is not a typed array, an `out` that is not an `Int32Array` or
   * a `max` that is neither float array, a `RangeError` when `cols` is not
   * a positive integer, `m` is empty or not whole rows, or `out` or `max`
   * has not one element per row.
   * @category Helpers
   */
  export function rowArgmax(
    m: NumericArray,
    cols: number,
    out?: Int32Array,
    max?: Float32Array | Float64Array,
  ): Int32Array;

  /**
   * For each row of `a`, the index of the row of `b` with the largest dot
   * product (both hold rows of `k` values): what
   * `rowArgmax(matMul(a, b, k), b.length / k, out, max)` gives, in one call
   * and without the matrix of products in between (numpy's
   * `(a @ b.T).argmax(1)`). With l2-normalized face embeddings in `a` and
   * a gallery in `b`, each face's identity; `max`, when given, receives
   * each best similarity: the confidences
   * {@link VideoFrame.addRegionLabels} takes. A row whose every product is
   * NaN gives -1 (and NaN). On x86-64 CPUs with AVX2 and FMA and rows of
   * 32 values or more it runs gvajs's own kernel: faster than a BLAS on a
   * frame's gallery (tens of rows by hundreds), about as fast on larger
   * products; elsewhere the products come from {@link matMul}'s. Sums are
   * single precision, in the kernel's order: where two products are
   * within rounding of each other, either may win. Throws as
   * {@link matMul} and {@link rowArgmax} do for their arguments, and a
   * `RangeError` when `out` or `max` shares memory with `a` or `b`.
   *
   * ```ts
   * const similarity = new Float32Array(faces.length / 256);
   * const best = bestMatch(faces, gallery, 256, undefined, similarity);
   * frame.addRegionLabels("face_id", best, names, similarity, 0.5);
   * ```
   * @category Helpers
   */
  export function bestMatch(
    a: Float32Array,
    b: Float32Array,
    k: number,
    out?: Int32Array,
    max?: Float32Array | Float64Array,
  ): Int32Array;

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

  /**
   * Options of {@link cropResize}.
   * @category Helpers
   */
  export interface CropResizeOptions {
    /**
     * `"gray"` (default): one value per pixel, BT.601 luma for RGB frames
     * or the Y plane for YUV frames. `"rgb"`: R, G, B per pixel (YUV is
     * converted with the caps' colorimetry, BT.601 when unknown).
     */
    format?: "gray" | "rgb";
    /**
     * `"hwc"` (default): interleaved, `(y * width + x) * channels + c`.
     * `"chw"`: planar, `c * width * height + y * width + x` (an NCHW input).
     */
    layout?: "hwc" | "chw";
    /**
     * `"bilinear"` (default): each output pixel samples the crop at its
     * centre, as OpenCV's INTER_LINEAR, without antialiasing (shrinking by
     * more than about 2× skips source pixels). `"area"`: the mean of the
     * source pixels under each output pixel, as OpenCV's INTER_AREA: stable
     * descriptors from large regions.
     */
    resample?: "bilinear" | "area";
    /** Values span 0..max; default 1 (pass 255 for 0..255). */
    max?: number;
  }

  /**
   * The RMS and peak level of each channel of interleaved samples, in
   * dBFS: 0 at full scale (±32768 for an `Int16Array`, ±1 for floats;
   * unsigned arrays centred on half their range), `-Infinity` for
   * silence. For non-interleaved audio pass each plane with `channels` 1.
   * Checks the time budget as it loops.
   *
   * ```ts
   * const { rms, peak } = audioLevels(frame.data() as Int16Array, 2);
   * ```
   * @param channels - Interleaved channels, 1 to 1024; default 1.
   * @category Audio
   */
  export function audioLevels(samples: NumericArray, channels?: number): { rms: number[]; peak: number[] };

  /**
   * The part of the frame inside `rect` (pixels, rounded and clipped to
   * the frame), resized to `width` × `height` (1..4096 each): a small image
   * for a descriptor or a model input, without a pixel loop in JS. Pixels
   * outside the rect never contribute.
   *
   * Formats: RGB, BGR, RGBA, BGRA, ARGB, ABGR, RGBx, BGRx, xRGB, xBGR,
   * GRAY8, I420, YV12, NV12, NV21, Y42B, Y444, YUY2, UYVY, YVYU. Throws a
   * `TypeError` for other formats, a `RangeError` for a rect with no pixel
   * in the frame or a size out of range.
   *
   * ```ts
   * const face = cropResize(frame, region.rect(), 16, 16, { resample: "area" }); // 256 gray values, 0..1
   * const input = cropResize(frame, region.rect(), 64, 64, { format: "rgb", layout: "chw" });
   * ```
   * @param frame - The frame of the current call.
   * @param rect - The area, in pixels ({@link RegionOfInterest.rect}).
   * @param width - Output width in pixels.
   * @param height - Output height in pixels.
   * @category Helpers
   */
  export function cropResize(
    frame: VideoFrame,
    rect: Rect,
    width: number,
    height: number,
    options?: CropResizeOptions,
  ): Float32Array;

  /**
   * Per-channel mean and population standard deviation of the raw 8-bit
   * values (0..255) inside `rect` (rounded and clipped as in
   * {@link cropResize}). Channels: `[R, G, B]` for RGB formats, `[Y]` for
   * GRAY8, `[Y, U, V]` for YUV formats. Formats and errors as
   * {@link cropResize}.
   *
   * ```ts
   * const { mean } = regionStats(frame, region.rect());
   * if ((mean[0] ?? 0) < 40) region.addTensor("dark");
   * ```
   * @category Helpers
   */
  export function regionStats(frame: VideoFrame, rect: Rect): { mean: number[]; std: number[] };

  /**
   * Options of {@link foreground}.
   * @category Helpers
   */
  export interface ForegroundOptions {
    /** Pixels per side of a block (an integer from 1 to 16); default 2. */
    scale?: number;
    /** How fast the background learns, 0..1 a frame; default 0.02 (about 50 frames). */
    rate?: number;
    /** Deviations from the background that make a block foreground; default 4. */
    threshold?: number;
    /** The least deviation a block is judged by, in code values; default 6. */
    minSigma?: number;
    /**
     * Frames a block may stay foreground and unchanged before it becomes
     * background at once (the ghost of what stood there when the model
     * started, or something that stopped); default 50, 0 for never.
     */
    absorb?: number;
  }

  /**
   * The moving parts of a static camera's frame: a mask of one byte per
   * block of `scale × scale` pixels (`Math.ceil(width / scale)` ×
   * `Math.ceil(height / scale)` of them, row by row), 255 where the
   * block's colour is more than `threshold` deviations from its running
   * mean, 0 elsewhere. `model` holds the background the calls learn and
   * must be kept between frames: a `Float32Array` of 8 values a block,
   * zeros to start (the first frame then becomes the background); a
   * wrong length throws a `TypeError` that says the right one. Formats as
   * {@link cropResize}.
   *
   * ```ts
   * const mw = Math.ceil(width / 2), mh = Math.ceil(height / 2);
   * model ??= new Float32Array(8 * mw * mh);
   * const mask = foreground(frame, model);
   * for (const { x, y, w, h } of blobs(mask, mw, mh, { scale: 2, minArea: 300 })) frame.addRegion({ x, y, w, h, label: "moving" });
   * ```
   * @category Helpers
   */
  export function foreground(frame: VideoFrame, model: Float32Array, options?: ForegroundOptions): Uint8Array;

  /**
   * Options of {@link blobs}.
   * @category Helpers
   */
  export interface BlobOptions {
    /** Parts smaller than this many cells (after `scale`) are left out; default 1. */
    minArea?: number;
    /**
     * Cells the mask is opened by first (shrunk, then grown back; 0..8,
     * default 1): lines and specks thinner than `2 × open + 1` cells go.
     */
    open?: number;
    /** Parts with at most `2 × gap` empty cells between them are one (0..8); default 1. */
    gap?: number;
    /** Multiplies boxes and areas (the foreground's scale gives frame pixels); default 1. */
    scale?: number;
  }

  /**
   * A part of a mask found by {@link blobs}: its box and its number of
   * cells, scaled.
   * @category Helpers
   */
  export interface Blob extends Rect {
    /** The part's cells (after `scale`: pixels). */
    area: number;
  }

  /**
   * The 8-connected parts of the non-zero cells of a `width × height`
   * mask (a `Uint8Array`, as {@link foreground} makes; at most 2²³
   * cells), largest first. Boxes hold only the opened mask's own cells.
   * Throws a `RangeError` when the mask's length is not `width × height`.
   * @category Helpers
   */
  export function blobs(mask: Uint8Array | Uint8ClampedArray, width: number, height: number, options?: BlobOptions): Blob[];

  // -------------------------------------------------------------------
  // Files
  // -------------------------------------------------------------------

  /**
   * The text of a file. Scripts have no file access unless the element's
   * `allow-read` property lists a folder holding the file; a relative path
   * starts at the module's folder. Throws a `TypeError` when access is off
   * or the file is outside those folders or unreadable, a `RangeError`
   * when it is larger than the element's `memory-limit`.
   *
   * ```ts
   * // gvajs module=zones.js allow-read=.
   * const csv = readText("zones.csv");
   * ```
   * @category Files
   */
  export function readText(path: string): string;

  /**
   * A JSON file, parsed; access as {@link readText}. Throws a
   * `SyntaxError` when the file is not JSON.
   *
   * ```ts
   * const gallery = readJSON("gallery.json") as { names: string[] };
   * ```
   * @category Files
   */
  export function readJSON(path: string): JsonValue;

  /**
   * Replaces the file at `path` with `text` (UTF-8), all at once: a
   * temporary file in the same folder is written whole and synced, then
   * renamed over it, so a reader never sees half of it and a failure (a
   * full disk) leaves the old file. Scripts may write only in the folders
   * the element's `allow-write` property lists; a relative path starts at
   * the module's folder; `../`, symbolic links and special files are
   * refused. Throws a `TypeError` naming the path when writing is off, the
   * path is outside those folders, its folder is missing, or the write
   * failed.
   *
   * ```ts
   * // gvajs module=zones.js allow-write=state
   * writeText("state/last-frame.txt", String(frame.pts));
   * ```
   * @category Files
   */
  export function writeText(path: string, text: string): void;

  /**
   * Appends `text` to the file at `path` (created when missing) as whole
   * lines: a newline is added when `text` does not end with one, and an
   * append that fails (a full disk) is cut back, so the file never ends in
   * half a line. Access as {@link writeText}.
   *
   * ```ts
   * appendText("logs/ages.log", `frame=${n} age=${label}`);
   * ```
   * @category Files
   */
  export function appendText(path: string, text: string): void;

  /**
   * Replaces the file at `path` with `JSON.stringify(value, null, 2)` and
   * a final newline, as {@link writeText}.
   * @category Files
   */
  export function writeJSON(path: string, value: unknown): void;

  // -------------------------------------------------------------------
  // The bus
  // -------------------------------------------------------------------

  /**
   * Posts `value` to the application as an element message on the
   * pipeline's bus (`GST_MESSAGE_ELEMENT` from this element): a structure
   * named `gvajs` whose `json` field holds `JSON.stringify(value)`. A flat
   * object's number, string and boolean fields are also fields of their
   * own (a whole number as `int`, others as `double`), so `gst-launch-1.0
   * -m` shows them and an application reads them without parsing JSON;
   * keys must be valid field names (a letter, then letters, digits and
   * `/-_.:+`). Counts against `memory-limit` like other metadata of the
   * call.
   *
   * ```ts
   * post({ event: "crossing", id: track.id, direction: "in" });
   * ```
   * @category Bus
   */
  export function post(value: unknown): void;

  // -------------------------------------------------------------------
  // Drawing
  // -------------------------------------------------------------------

  /**
   * A colour: `[r, g, b]` or `[r, g, b, a]`, each from 0 to 255 (rounded);
   * `a` is the opacity, 255 (opaque) when left out. On YUV and gray
   * frames it is converted with the caps' matrix and range (BT.601 when
   * unknown).
   * @category Drawing
   */
  export type Color = readonly [number, number, number] | readonly [number, number, number, number];

  /**
   * An `[x, y]` point in pixels.
   * @category Drawing
   */
  export type Point = readonly [number, number];

  /**
   * How {@link draw} draws; every field is optional and fields a call does
   * not use are ignored.
   * @category Drawing
   */
  export interface DrawStyle {
    /** The colour; default `[255, 255, 255]` (opaque white). */
    color?: Color;
    /**
     * Stroke width in pixels of outlines, lines and paths (more than 0,
     * fractions allowed); default 1. A rect's outline lies inside the
     * rect; other strokes are centred on their path.
     */
    thickness?: number;
    /** Fill the rect, polygon (even-odd rule) or circle instead of its outline. */
    fill?: boolean;
    /** {@link Draw.polygon}: `false` draws an open path (a polyline); default `true`. */
    closed?: boolean;
    /** Text: pixels per em, an integer from 4 to 256; default 16. */
    size?: number;
    /** Text: a colour that fills the label box behind the text first. */
    background?: Color;
    /**
     * Text: pixels between the text and the edges of its label box, an
     * integer from 0 to 1000; default `size / 8` (at least 1) with a
     * background, 0 without.
     */
    padding?: number;
  }

  /**
   * What {@link Draw.measureText} reports.
   * @category Drawing
   */
  export interface TextSize {
    /** Width of the label box in pixels. */
    w: number;
    /** Height of the label box in pixels: the lines' heights plus padding. */
    h: number;
    /** The first line's baseline, in pixels from the top of the box. */
    baseline: number;
  }

  /**
   * Drawing on the frame, natively: the type of {@link draw}.
   *
   * Coordinates are pixels, fractions allowed; integer coordinates are
   * pixel centres (as in OpenCV), so `{x, y, w, h}` of integers covers
   * `w × h` pixels. Everything is clipped to the frame; coordinates may be
   * far outside it (up to ±1e9). NaN and infinities throw a `RangeError`,
   * as does a colour component outside 0..255. Translucent colours are
   * composited once per pixel per call (a path's joints are no darker).
   *
   * Formats: RGB, BGR, RGBA, BGRA, ARGB, ABGR, RGBx, BGRx, xRGB, xBGR,
   * GRAY8, I420, YV12, NV12, NV21, Y42B, Y444, YUY2, UYVY, YVYU, with the
   * strides and offsets of the buffer's video meta; a subsampled chroma
   * sample takes the share of its pixels the shape covers. Other formats
   * throw a `TypeError` naming the format.
   *
   * Drawing writes the frame, with the rules of `frame.data("write")`: it
   * writes this buffer's own bytes (a copy when the memory is shared, as
   * after a `tee`), and it throws once a `frame.data()` read view exists
   * in the call: draw first, or read with `data("write")`.
   * @category Drawing
   */
  export interface Draw {
    /**
     * A rect: with `style.fill`, its pixels (`[x, x + w) × [y, y + h)`);
     * else its outline, the pixels within `style.thickness` of its
     * edges, inside it.
     *
     * ```ts
     * for (const roi of frame.regions()) draw.rect(frame, roi.rect(), { color: [0, 255, 0], thickness: 2 });
     * ```
     */
    rect(frame: VideoFrame, rect: Rect, style?: DrawStyle): void;
    /**
     * A segment `style.thickness` wide, centred on the points, with square
     * ends reaching half the thickness past them: both end pixels drawn.
     */
    line(frame: VideoFrame, x1: number, y1: number, x2: number, y2: number, style?: DrawStyle): void;
    /**
     * A polygon or a path through at most 1024 points, `[[x, y], …]` or a
     * typed array `x0, y0, x1, y1, …`: with `style.fill`, its inside
     * (even-odd rule); else its outline, closed unless `style.closed` is
     * `false`, `style.thickness` wide, with round joints and square open
     * ends.
     *
     * ```ts
     * draw.polygon(frame, zone, { color: [255, 200, 0, 80], fill: true });   // a translucent zone
     * draw.polygon(frame, zone, { color: [255, 200, 0], thickness: 2 });      // and its edge
     * draw.polygon(frame, track, { color: [0, 200, 255], closed: false });    // a trail
     * ```
     */
    polygon(frame: VideoFrame, points: readonly Point[] | NumericArray, style?: DrawStyle): void;
    /**
     * A circle: with `style.fill`, the pixels within `r` of the centre
     * (`r` 0 at whole coordinates is one pixel: a point); else the ring
     * within `style.thickness / 2` of the circle.
     */
    circle(frame: VideoFrame, cx: number, cy: number, r: number, style?: DrawStyle): void;
    /**
     * Text of at most 1024 characters (`"\n"` starts a line) in
     * `style.color` at `style.size` pixels per em, its label box's top-left
     * corner at `(x, y)` rounded to whole pixels; `style.background` fills
     * the box first. The font is DejaVu Sans (Debian fonts-dejavu-core),
     * or the file `GVAJS_FONT` names; characters it lacks are drawn as its
     * missing-glyph box. No kerning or complex-script shaping. Returns the
     * label box, unclipped.
     *
     * ```ts
     * const label = `${roi.label()} ${roi.confidence()?.toFixed(2)}`;
     * const { h } = draw.measureText(label, style);
     * draw.text(frame, box.x, Math.max(0, box.y - h), label, { ...style, background: [0, 0, 0, 160] });
     * ```
     */
    text(frame: VideoFrame, x: number, y: number, text: string, style?: DrawStyle): Rect;
    /** The label box {@link Draw.text} would draw for `text` in `style`, without drawing. */
    measureText(text: string, style?: DrawStyle): TextSize;
  }

  /**
   * Native drawing: boxes, lines, zones, points and labels on the frame,
   * in every common raw format, without a pixel loop in JavaScript.
   *
   * ```ts
   * import { draw } from "gvajs";
   * draw.rect(frame, roi.rect(), { color: [255, 80, 0], thickness: 2 });
   * draw.text(frame, 8, 8, `count: ${count}`, { size: 24, background: [0, 0, 0, 140] });
   * ```
   * @category Drawing
   */
  export const draw: Draw;

  // -------------------------------------------------------------------
  // The module contract: what the element calls
  // -------------------------------------------------------------------

  /**
   * What the per-frame function returns, or what its promise resolves to:
   * `false` drops the frame; anything else, `undefined` included, passes
   * it on. (gvapython drops on every falsy value; gvajs only on `false`.)
   * @category Module contract
   */
  export type FrameResult = boolean | void;

  /**
   * The per-frame function (`process_frame`, or the name the element's
   * `function` property gives).
   *
   * It may be `async`: a returned promise is awaited within the same call
   * and its `time-budget`, by running the promise reactions the call
   * queued, so it may await other promises. There are no timers or I/O to
   * wait on; a promise still unsettled when those reactions are done is an
   * error (handled as `on-error` says), and so is a rejection.
   *
   * ```ts
   * export const process_frame: ProcessFrame = (frame) => frame.regions().length > 0;
   * ```
   * @category Module contract
   */
  export type ProcessFrame = (frame: VideoFrame) => FrameResult | Promise<FrameResult>;

  /**
   * The per-frame function of an audio pipeline: it gets an
   * {@link AudioFrame}. One function for both takes a {@link Frame}.
   *
   * ```ts
   * export const process_frame: ProcessAudioFrame = (frame) => frame.sampleCount > 0;
   * ```
   * @category Module contract
   */
  export type ProcessAudioFrame = (frame: AudioFrame) => FrameResult | Promise<FrameResult>;

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
    readonly [K in Name]: ProcessFrame | ProcessAudioFrame;
  };

  /**
   * An instance of the class form (`class=Name`): the per-frame method
   * and optional hooks, called with the instance as `this`.
   *
   * ```ts
   * // gvajs module=counter.js class=Counter kwarg={"every":10}
   * export class Counter implements FrameProcessor {
   *   #n = 0;
   *   readonly #every: number;
   *   constructor(options: { every: number }) {
   *     this.#every = options.every;
   *   }
   *   process_frame(frame: VideoFrame): boolean {
   *     return ++this.#n % this.#every === 0;
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
    [K in Name]: ProcessFrame | ProcessAudioFrame;
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
