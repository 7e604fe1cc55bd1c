// A realistic process_frame using every VideoFrame member; it must compile.
import type { FieldData, Rect, RegionOfInterest, Tensor, TensorData, VideoFrame, VideoInfo } from "gvajs";
import { Layout, Precision } from "gvajs";
import type { Equal, Expect } from "./util.ts";

export function process_frame(frame: VideoFrame): boolean {
  type _pts = Expect<Equal<typeof frame.pts, number | undefined>>;
  type _info = Expect<Equal<ReturnType<VideoFrame["videoInfo"]>, VideoInfo | null>>;
  type _data = Expect<Equal<ReturnType<VideoFrame["data"]>, Uint8Array>>;
  type _regions = Expect<Equal<ReturnType<VideoFrame["regions"]>, RegionOfInterest[]>>;
  type _tensors = Expect<Equal<ReturnType<VideoFrame["tensors"]>, Tensor[]>>;
  type _messages = Expect<Equal<ReturnType<VideoFrame["messages"]>, (string | null)[]>>;

  const info = frame.videoInfo();
  if (info === null) return true;
  const pixels = frame.data("write");
  pixels.fill(0, info.offset[0] ?? 0, info.stride[0] ?? 0);
  frame.data();
  frame.data("read");
  const end = (frame.pts ?? 0) + (frame.duration ?? 0) + (frame.dts ?? 0);

  const a = frame.addRegion(1, 2, 3, 4);
  frame.addRegion(0.1, 0.2, 0.3, 0.4, "car", 0.5, true);
  frame.addRegion({ x: 1, y: 2, w: 3, h: 4, label: "person", confidence: 0.9, labelId: 1, objectId: end });
  const box: Rect = a.rect();
  const norm: Rect = a.normalizedRect() ?? { x: 0, y: 0, w: 1, h: 1 };
  const label: string = a.label();
  const id: number | undefined = a.labelId() ?? a.objectId() ?? a.parentId();
  const conf: number | undefined = a.confidence();
  a.setObjectId(box.x + norm.w + (id ?? 0) + (conf ?? 0) + a.regionId());
  const detection: Tensor | undefined = a.detection() ?? a.getTensorByName("age");
  type _parent = Expect<Equal<ReturnType<RegionOfInterest["parentId"]>, number>>;
  const t = a.addTensor(label);
  frame.removeRegion(a);

  t.setName("age");
  t.set("label", "42");
  t.set("confidence", 0.8);
  t.set("flag", true);
  t.set("score", 1, "double");
  // @ts-expect-error: fields are not properties (this throws at run time too)
  t.model_name = "m";
  // @ts-expect-error: "double" is the one type set() can be told
  t.set("score", 1, "float");
  t.set("dims", [1, 2]);
  t.set("labels", ["a", "b"]);
  t.setData(new Float32Array(4), [1, 4]);
  t.setData(new Uint8Array(4));
  const value: FieldData | undefined = t.get("label");
  if (value instanceof Uint8Array || Array.isArray(value)) console.log(value.length);
  t.set("scores", new Float32Array([0.5]));
  const fields: string[] = t.fields();
  const data: TensorData | undefined = t.data();
  if (t.precision() === Precision.FP32 && data instanceof Float32Array) data[0] = 1;
  const layout: Layout = t.layout();
  const enumNames: string = t.precisionAsString() + t.layoutAsString();
  const tensorObjectId: number | undefined = t.objectId();
  const names: (string | undefined)[] = [t.layerName(), t.modelName(), t.format(), t.label(), t.elementId(), t.type()];
  const extra: [boolean, boolean, number[] | undefined, number | undefined, number | number[] | undefined] = [
    t.has("x"),
    t.isDetection(),
    t.dims(),
    t.labelId(),
    t.confidence(),
  ];
  t.setLabel(String(value) + fields.length + layout + names.length + extra.length + String(detection) + enumNames + String(tensorObjectId));
  const precisionName: string = Precision[Precision.U8];

  frame.addTensor().setName(precisionName);
  frame.addTensor("scores");
  frame.addRegion(1, 2, 3, 4, null, 0.5);
  frame.addMessage({ event: "x", at: end });
  frame.addMessage("{}");
  frame.removeMessage(0);
  frame.removeMessage("{}");
  return frame.messages().length > 0;
}
