"""facedetect on a real video: a Python probe and a gvajs after it each
record the regions of every frame. The probe's records go to OUT.json, the
script prints its own.

usage: facedetect_probe.py VIDEO MODULE FRAMES OUT.json"""
import json
import sys

import gstmeta

video, module, frames, out = sys.argv[1:5]
seen = []


def record(buf):
    seen.append([{"label": r["label"], "x": r["x"], "y": r["y"],
                  "w": r["w"], "h": r["h"]} for r in gstmeta.regions(buf)])


gstmeta.run(
    f'filesrc location="{video}" ! decodebin ! videoconvert ! '
    f"facedetect display=false ! identity eos-after={frames} ! "
    f'gvajs name=js module="{module}" function=print_regions ! fakesink',
    "js", record)
with open(out, "w") as f:
    json.dump(seen, f)
