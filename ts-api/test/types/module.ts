// The module contract: annotating exports, checking a whole module, and
// the class form; must compile.
import type { FrameModule, FrameProcessor, FrameProcessorClass, JsonValue, ProcessFrame, VideoFrame } from "gvajs";
import * as counter from "./counter-module.ts";

counter satisfies FrameModule;
counter satisfies FrameModule<"count_frame">;

export const passAll: ProcessFrame = () => {};
export const dropAll: ProcessFrame = () => false;
// Awaited within the call: it may wait on other promises.
export const dropLater: ProcessFrame = async (frame) => {
  await Promise.resolve();
  return frame.regions().length > 0;
};

interface Options {
  every: number;
  zone?: JsonValue;
}

export class Sampler implements FrameProcessor {
  #n = 0;
  readonly #every: number;

  constructor(first: string, options: Options) {
    this.#every = options.every + first.length;
  }

  process_frame(frame: VideoFrame): boolean {
    return ++this.#n % this.#every === 0 || frame.regions().length > 0;
  }

  stop(): void {
    console.info(this.#n);
  }
}

export class Named implements FrameProcessor<"track"> {
  track(_frame: VideoFrame): void {}
  eos(): void {
    console.debug("eos");
  }
}

export class AsyncSampler implements FrameProcessor {
  async process_frame(frame: VideoFrame): Promise<boolean> {
    return (await Promise.resolve(frame.regions())).length > 0;
  }
}

Sampler satisfies FrameProcessorClass;
AsyncSampler satisfies FrameProcessorClass;
Named satisfies FrameProcessorClass<"track">;

console.log("a", 1, { b: [2] });
console.warn(new Error("w"));
console.error(null, undefined);
