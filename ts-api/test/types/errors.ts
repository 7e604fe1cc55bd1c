// Misuse that must not compile: each line after a @ts-expect-error must
// fail, or tsc reports the directive as unused.
import * as gvajs from "gvajs";
import type { FrameModule, FrameProcessor, ProcessFrame, RegionOfInterest, Tensor, VideoFrame } from "gvajs";
import { Precision, softmax } from "gvajs";

declare const frame: VideoFrame;
declare const region: RegionOfInterest;
declare const tensor: Tensor;

// Host objects are types only: the runtime exports no constructors, so
// they cannot be constructed, subclassed or tested with instanceof.
// @ts-expect-error VideoFrame is a type
new gvajs.VideoFrame();
// @ts-expect-error Tensor is a type
new gvajs.Tensor();
// @ts-expect-error RegionOfInterest is a type
export class MyRegion extends gvajs.RegionOfInterest {}
// @ts-expect-error VideoFrame is a type
export const isFrame = frame instanceof gvajs.VideoFrame;

// A look-alike object is not a frame.
// @ts-expect-error missing the private brand
export const fake: VideoFrame = { ...frame };

// Per-frame API misuse.
// @ts-expect-error mode is "read" or "write"
frame.data("rw");
// @ts-expect-error pts is read-only
frame.pts = 0;
// @ts-expect-error x, y, w, h are required
frame.addRegion(1, 2);
// @ts-expect-error the option object needs a box
frame.addRegion({ label: "car" });
// @ts-expect-error label is a string
frame.addRegion(1, 2, 3, 4, 5);
// @ts-expect-error a region, not its id
frame.removeRegion(region.regionId());
// @ts-expect-error ids are a typed array, not an Array
frame.addRegionLabels("face_id", [0, 1], ["a", "b"]);
// @ts-expect-error labels are strings
frame.addRegionLabels("face_id", new Int32Array(2), [1, 2]);
// @ts-expect-error boxes are a typed array, not an Array
frame.addRegions([1, 2, 3, 4], new Int32Array(1), ["a"]);
// @ts-expect-error the options are normalized and threshold
frame.addRegions(new Float32Array(4), new Int32Array(1), ["a"], undefined, { treshold: 0.5 });
// @ts-expect-error a tensor's label may be missing
const sure: string[] = frame.regionLabels("age");
// @ts-expect-error the boxes are doubles
frame.regionBoxes(new Float32Array(4));
// @ts-expect-error addTensor on a region takes a name
region.addTensor();
// @ts-expect-error fields hold strings, numbers, booleans and their arrays
tensor.set("x", { nested: true });
// @ts-expect-error mixed arrays are not a field value
tensor.set("x", [1, "a"]);
// @ts-expect-error setData takes a typed array
tensor.setData([1, 2, 3]);
// @ts-expect-error setData takes typed arrays of numbers, not BigInt arrays
tensor.setData(new BigInt64Array(2));
// @ts-expect-error a message is removed by its text or index
frame.removeMessage(true);
// @ts-expect-error data() may be undefined
tensor.data().length;
// @ts-expect-error get may return undefined
export const v: string = tensor.get("label");
// @ts-expect-error confidence may be undefined
export const c: number = region.confidence();
// @ts-expect-error no such precision
Precision.FP8;

// Helpers.
// @ts-expect-error typed arrays only
gvajs.argmax([1, 2, 3]);
// @ts-expect-error BigInt arrays are refused
gvajs.dot(new BigInt64Array(1), new BigInt64Array(1));
// @ts-expect-error out must be a float array
softmax(new Float32Array(2), new Int32Array(2));
// @ts-expect-error k is required
gvajs.topK(new Float32Array(2));

// @ts-expect-error format is "gray" or "rgb"
gvajs.cropResize(frame, region.rect(), 8, 8, { format: "bgr" });
// @ts-expect-error the frame comes first
gvajs.regionStats(region.rect());
// @ts-expect-error readJSON gives JSON, not a typed object
export const names: string[] = gvajs.readJSON("x.json").names;

// The module contract.
// @ts-expect-error an async per-frame function resolves to a FrameResult
export const later: ProcessFrame = async () => 1;
// @ts-expect-error the per-frame function receives a VideoFrame
export const wrongArg: ProcessFrame = (n: number) => n > 0;
// @ts-expect-error a module needs its per-frame function
({ start() {} }) satisfies FrameModule;
// @ts-expect-error hooks take no arguments and must be functions
({ process_frame() {}, stop: 5 }) satisfies FrameModule;
// @ts-expect-error the class must have the method the element calls
export class Empty implements FrameProcessor {}

// Only the globals QuickJS provides exist.
// @ts-expect-error no timers
setTimeout(() => {}, 1);
// @ts-expect-error no Node globals
process.exit(1);
// @ts-expect-error console has log/info/debug/warn/error only
console.table([]);
// @ts-expect-error no DOM
document.title;

// Audio frames are not video frames, and the other way round.
declare const audio: gvajs.AudioFrame;
declare const event: gvajs.AudioEvent;
// @ts-expect-error an audio frame has no videoInfo
audio.videoInfo();
// @ts-expect-error nor regions
audio.regions();
// @ts-expect-error a video frame has no audioInfo
frame.audioInfo();
// @ts-expect-error an AudioFrame is not a VideoFrame
export const notVideo: VideoFrame = audio;
// @ts-expect-error addEvent needs a label
audio.addEvent({ start: 0, end: 1 });
// @ts-expect-error start is a number of nanoseconds
audio.addEvent({ label: "x", start: "0" });
// @ts-expect-error removeEvent takes an event, not its id
audio.removeEvent(event.eventId());
// @ts-expect-error sampleCount is read-only
audio.sampleCount = 0;
// @ts-expect-error AudioEvent is a type
new gvajs.AudioEvent();
// @ts-expect-error audioLevels takes typed arrays
gvajs.audioLevels([0, 1]);

// Drawing.
// @ts-expect-error a colour has 3 or 4 components
gvajs.draw.rect(frame, region.rect(), { color: [255, 0] });
// @ts-expect-error fill is a boolean
gvajs.draw.rect(frame, region.rect(), { fill: 1 });
// @ts-expect-error a line takes four coordinates
gvajs.draw.line(frame, 0, 0, 1);
// @ts-expect-error points are [x, y] pairs
gvajs.draw.polygon(frame, [[0, 0, 1]]);
// @ts-expect-error text comes after the position
gvajs.draw.text(frame, "label", 0, 0);
// @ts-expect-error measureText needs no frame
gvajs.draw.measureText(frame, "label");

// The gallery match.
// @ts-expect-error bestMatch's rows are a Float32Array
gvajs.bestMatch(new Float64Array(4), new Float32Array(4), 2);
// @ts-expect-error bestMatch's indices go into an Int32Array
gvajs.bestMatch(new Float32Array(4), new Float32Array(4), 2, new Float32Array(2));
// @ts-expect-error bestMatch needs k
gvajs.bestMatch(new Float32Array(4), new Float32Array(4));
