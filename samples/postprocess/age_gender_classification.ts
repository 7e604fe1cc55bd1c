// age_gender_classification.ts: labels for faces from an age/gender
// model's raw outputs, the gvajs port of DL Streamer's gvapython sample.
//
// gvaclassify (no post-processing) leaves each face region two tensors:
// layer "age_conv3" holds the age divided by 100, layer "prob" the
// probabilities [female, male]. This sets each one's label (the age in
// years; "Female" or "Male"), label_id and confidence, which
// gvawatermark draws and gvametaconvert publishes.
//
//   gvaclassify model=age-gender.xml ! gvajs
//     module=age_gender_classification.js class=AgeGenderConverter
//
// kwarg: ageLayer, genderLayer (layer names), genders (labels by index).
import { argmax } from "gvajs";
import type { FrameProcessor, Tensor, VideoFrame } from "gvajs";

export interface AgeGenderOptions {
  ageLayer?: string;
  genderLayer?: string;
  genders?: string[];
}

export class AgeGenderConverter implements FrameProcessor {
  private readonly ageLayer: string;
  private readonly genderLayer: string;
  private readonly genders: string[];

  constructor(options: AgeGenderOptions = {}) {
    this.ageLayer = options.ageLayer ?? "age_conv3";
    this.genderLayer = options.genderLayer ?? "prob";
    this.genders = options.genders ?? ["Female", "Male"];
  }

  private labelAge(tensor: Tensor): void {
    const data = tensor.data();
    if (!(data instanceof Float32Array)) return;
    const age = Math.round(data[0] * 100);
    tensor.setLabel(String(age));
    tensor.set("age", age);
  }

  private labelGender(tensor: Tensor): void {
    const probabilities = tensor.data();
    if (!(probabilities instanceof Float32Array)) return;
    const best = argmax(probabilities);
    tensor.setLabel(this.genders[best] ?? String(best));
    tensor.set("label_id", best);
    tensor.set("confidence", probabilities[best]);
  }

  process_frame(frame: VideoFrame): void {
    for (const roi of frame.regions()) {
      for (const tensor of roi.tensors()) {
        if (tensor.isDetection()) continue;
        const layer = tensor.layerName();
        if (layer === this.ageLayer) this.labelAge(tensor);
        else if (layer === this.genderLayer) this.labelGender(tensor);
      }
    }
  }
}
