"""Runs a gvajs writer over GRAY8 100x50 test frames and writes, as JSON,
the metadata a Python probe after it reads from each buffer.

usage: read_gvajs.py MODULE FUNCTION FRAMES OUT.json"""
import json
import sys

import gstmeta

module, function, frames, out = sys.argv[1:5]
seen = []
gstmeta.run(
    f"videotestsrc num-buffers={frames} ! "
    "video/x-raw,format=GRAY8,width=100,height=50 ! "
    f'gvajs module="{module}" function={function} ! fakesink name=sink',
    "sink", lambda buf: seen.append(gstmeta.read_all(buf)))
with open(out, "w") as f:
    json.dump(seen, f)
