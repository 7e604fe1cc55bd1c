// age_gender_classification.js: labels for faces from an age/gender
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

export class AgeGenderConverter {
  constructor(options = {}) {
    this.ageLayer = options.ageLayer ?? "age_conv3";
    this.genderLayer = options.genderLayer ?? "prob";
    this.genders = options.genders ?? ["Female", "Male"];
  }

  labelAge(tensor) {
    const age = Math.round(tensor.data()[0] * 100);
    tensor.setLabel(String(age));
    tensor.set("age", age);
  }

  labelGender(tensor) {
    const probabilities = tensor.data();
    const best = argmax(probabilities);
    tensor.setLabel(this.genders[best] ?? String(best));
    tensor.set("label_id", best);
    tensor.set("confidence", probabilities[best]);
  }

  process_frame(frame) {
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
