"""Audio events across gvajs and Python, on 3 buffers of audiotestsrc:
"read": a gvajs writer, then a Python probe that prints, as JSON lines,
the events, tensors and messages of each buffer;
"write": a Python element that writes events as DL Streamer does, then a
gvajs reader that prints what it sees. DL Streamer's meta types are
registered by whoever writes first; here a gvajs before Python does.

usage: audio_interop.py read|write MODULE"""
import json
import sys

import gstmeta

SOURCE = ("audiotestsrc num-buffers=3 samplesperbuffer=800 ! "
          "audio/x-raw,format=S16LE,rate=8000,channels=1 ! ")


def write(buf):
    gstmeta.add_audio_event(
        buf, "Speech", 1000, 2000,
        gstmeta.new_structure(
            "detection, confidence=(double)0.8, label_id=(int)5"),
        gstmeta.new_structure("keywords, label=(string)hello"))


mode, module = sys.argv[1:3]
if mode == "read":
    gstmeta.run(
        SOURCE + f'gvajs module="{module}" function=write_events ! '
        "fakesink name=sink", "sink",
        lambda buf: print(json.dumps({
            "events": gstmeta.audio_events(buf),
            "tensors": gstmeta.frame_tensors(buf),
            "messages": gstmeta.messages(buf)}), flush=True))
else:
    gstmeta.register_element("pyaudiowriter", write)
    gstmeta.run(
        SOURCE + f'gvajs module="{module}" function=register ! '
        f'pyaudiowriter ! gvajs module="{module}" function=read_python ! '
        "fakesink")
