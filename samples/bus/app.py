#!/usr/bin/python3
"""An application that receives what a gvajs script post()s.

    /usr/bin/python3 app.py [FRAMES]   (Debian's Python, with python3-gst-1.0)

Runs videotestsrc ! gvajs module=events.js ! fakesink and prints each
"gvajs" element message: its typed fields and its JSON text.
"""
import json
import os
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402

Gst.init(None)
frames = int(sys.argv[1]) if len(sys.argv) > 1 else 90
module = os.path.join(os.path.dirname(os.path.abspath(__file__)), "events.js")
pipeline = Gst.parse_launch(
    f"videotestsrc num-buffers={frames} ! gvajs module={module} ! fakesink")
bus = pipeline.get_bus()
pipeline.set_state(Gst.State.PLAYING)
while True:
    msg = bus.timed_pop_filtered(
        10 * Gst.SECOND,
        Gst.MessageType.ELEMENT | Gst.MessageType.EOS | Gst.MessageType.ERROR)
    if msg is None or msg.type != Gst.MessageType.ELEMENT:
        break
    s = msg.get_structure()
    if s.get_name() != "gvajs":
        continue
    value = json.loads(s.get_string("json"))
    print(f"{msg.src.get_name()}: event={s.get_string('event')} "
          f"frames={s.get_int('frames').value} json={value}")
pipeline.set_state(Gst.State.NULL)
sys.exit(1 if msg is not None and msg.type == Gst.MessageType.ERROR else 0)
