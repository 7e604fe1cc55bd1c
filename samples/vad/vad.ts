// vad.ts: a voice-activity / loudness detector for raw audio. It measures
// the level of each short window natively (audioLevels over a view of the
// samples: no loop over samples in JS), calls a run of windows above
// `thresholdDb` speech, ends it after `hangoverMs` of quiet, and for each
// segment writes an audio event (DL Streamer's GstGVAAudioEventMeta, label
// "speech", segment in nanoseconds, confidence from how far above the
// threshold it peaked) and a JSON message a gvajspublish downstream
// publishes. The event goes on the buffer in which the segment ends: only
// then is it known.
//
//   gst-launch-1.0 filesrc location=speech.wav ! decodebin ! audioconvert !
//     audio/x-raw,format=S16LE,channels=1 !
//     gvajs module=vad.js class=VoiceActivityDetector kwarg='{"thresholdDb": -35}' !
//     gvajspublish method=file file-format=json-lines file-path=speech.jsonl ! fakesink
//
// kwarg: thresholdDb (RMS in dBFS, default -40), windowMs (default 20),
// hangoverMs (default 200), minSpeechMs (shorter runs are ignored, default
// 100).
import { audioLevels } from "gvajs";
import type { AudioFrame, FrameProcessor } from "gvajs";

export interface VadOptions {
  thresholdDb?: number;
  windowMs?: number;
  hangoverMs?: number;
  minSpeechMs?: number;
}

/** A segment of speech, in nanoseconds of stream time. */
interface Segment {
  start: number;
  end: number;
  peakDb: number;
}

const MS = 1e6; // nanoseconds

export class VoiceActivityDetector implements FrameProcessor {
  private readonly thresholdDb: number;
  private readonly windowMs: number;
  private readonly hangover: number;
  private readonly minSpeech: number;
  private current: Segment | undefined;
  private segments = 0;

  constructor(options: VadOptions = {}) {
    this.thresholdDb = options.thresholdDb ?? -40;
    this.windowMs = options.windowMs ?? 20;
    this.hangover = (options.hangoverMs ?? 200) * MS;
    this.minSpeech = (options.minSpeechMs ?? 100) * MS;
  }

  process_frame(frame: AudioFrame): void {
    const { rate, channels } = frame.audioInfo();
    const data = frame.data();
    // Non-interleaved audio: the first channel (plane) stands for all.
    const samples = Array.isArray(data) ? data[0] : data;
    const ch = Array.isArray(data) ? 1 : channels;
    if (samples === undefined) return;
    const step = Math.max(1, Math.round((rate * this.windowMs) / 1000)) * ch;
    const base = frame.pts ?? 0;
    for (let i = 0; i + step <= samples.length; i += step) {
      const { rms } = audioLevels(samples.subarray(i, i + step), ch);
      const start = base + (i / ch / rate) * 1e9;
      this.window(frame, start, start + (step / ch / rate) * 1e9, Math.max(...rms));
    }
  }

  /** One window of [start, end) ns at `level` dBFS. */
  private window(frame: AudioFrame, start: number, end: number, level: number): void {
    const loud = level > this.thresholdDb;
    const seg = this.current;
    if (loud && seg) {
      seg.end = end;
      seg.peakDb = Math.max(seg.peakDb, level);
    } else if (loud) {
      this.current = { start, end, peakDb: level };
    } else if (seg && start - seg.end >= this.hangover) {
      this.current = undefined;
      if (seg.end - seg.start >= this.minSpeech) this.emit(frame, seg);
    }
  }

  private emit(frame: AudioFrame, seg: Segment): void {
    const start = Math.round(seg.start);
    const end = Math.round(seg.end);
    // 1 at 30 dB above the threshold.
    const confidence = Math.min(1, (seg.peakDb - this.thresholdDb) / 30);
    frame.addEvent({ label: "speech", start, end, confidence });
    frame.addMessage({ event: "speech", start, end, peakDb: Math.round(seg.peakDb * 10) / 10, confidence });
    this.segments++;
  }

  eos(): void {
    const open = this.current ? " (one still open at the end, not reported)" : "";
    console.log(`vad: ${this.segments} speech segment(s)${open}`);
  }
}
