// A realistic audio process_frame using every AudioFrame and AudioEvent
// member, and one function for both kinds of frame; it must compile.
import type { AudioEvent, AudioFrame, AudioInfo, AudioSamples, Frame, FrameModule, MediaFrame, Tensor } from "gvajs";
import { audioLevels, argmax } from "gvajs";
import type { Equal, Expect } from "./util.ts";

export function process_frame(frame: AudioFrame): boolean {
  type _info = Expect<Equal<ReturnType<AudioFrame["audioInfo"]>, AudioInfo>>;
  type _data = Expect<Equal<ReturnType<AudioFrame["data"]>, AudioSamples | AudioSamples[]>>;
  type _events = Expect<Equal<ReturnType<AudioFrame["events"]>, AudioEvent[]>>;
  type _count = Expect<Equal<typeof frame.sampleCount, number>>;

  const { rate, channels, format, bpf, bps, layout, positions } = frame.audioInfo();
  const samples = frame.data();
  const planes = Array.isArray(samples) ? samples : [samples];
  const levels = planes.map((p) => audioLevels(p, Array.isArray(samples) ? 1 : channels));
  const loudest = argmax(planes[0] ?? new Int16Array(1));
  const e = frame.addEvent({ label: "speech", confidence: 0.9, labelId: 1 });
  frame.addEvent({ label: "noise", start: frame.pts ?? 0, end: (frame.pts ?? 0) + (frame.duration ?? 0) });
  const { start, end } = e.segment();
  const label: string | undefined = e.label();
  const score: number | undefined = e.confidence() ?? e.labelId();
  const det: Tensor | undefined = e.detection();
  const params: Tensor[] = e.tensors();
  e.addTensor("loudness").set("rms", levels[0]?.rms[0] ?? 0);
  frame.addTensor("summary").set("count", frame.events().length + e.eventId());
  frame.addMessage({ label, start, end, score, rate, format, bpf, bps, layout, positions, loudest });
  frame.removeEvent(e);
  console.log(frame.messages().length, frame.tensors().length, params.length, String(det));
  return frame.sampleCount > 0;
}

/** What every frame has. */
function stamp(frame: MediaFrame): void {
  frame.addMessage({ pts: frame.pts });
}

// One function for video and audio, narrowed by "audioInfo" in frame.
export function both(frame: Frame): void {
  stamp(frame);
  if ("audioInfo" in frame) console.log(frame.audioInfo().rate);
  else console.log(frame.videoInfo()?.width, frame.regions().length);
}

export const audioModule = { process_frame } satisfies FrameModule;
export const anyModule = { both } satisfies FrameModule<"both">;
