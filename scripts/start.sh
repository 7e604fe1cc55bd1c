#!/usr/bin/env bash
# The main job: a real pipeline through gvajs. OpenCV's sample video of
# pedestrians (Debian package opencv-doc) is decoded and a gvajs motion
# meter prints, per 100 frames, how much of the picture moves, then a JSON
# summary at end-of-stream.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

VIDEO=${VIDEO:-/usr/share/doc/opencv-doc/examples/data/vtest.avi}
export GST_PLUGIN_PATH="$PWD/build/plugin${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}"
set -x
gst-launch-1.0 -q filesrc location="$VIDEO" ! decodebin ! videoconvert ! \
  video/x-raw,format=RGB ! \
  gvajs module=samples/motion/motion.js class=MotionMeter \
    kwarg='{"step": 8, "threshold": 24, "every": 100}' ! \
  fakesink
