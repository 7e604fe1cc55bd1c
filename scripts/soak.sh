#!/usr/bin/env bash
# Soak test (not part of npm test; takes minutes): FRAMES frames (default
# 10^6), 10 regions added and read back per frame, RSS printed every 10^5
# frames; prints PASS when RSS grew less than 1 MiB after warm-up.
#   bash scripts/soak.sh [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
FRAMES=${1:-1000000}
export GST_PLUGIN_PATH="$PWD/build/plugin"
gst-launch-1.0 -q videotestsrc num-buffers="$FRAMES" pattern=black ! \
  video/x-raw,format=GRAY8,width=64,height=48 ! \
  gvajs module=tests/soak/soak.js class=Soak allow-read=/proc/self \
    kwarg="{\"every\": $((FRAMES / 10))}" ! \
  fakesink | tee /dev/stderr | grep -q "^soak: PASS"
