#!/usr/bin/env bash
# The main job: the people counter on OpenCV's pedestrian video (Debian
# package opencv-doc). A gvajs detector finds people as moving blobs, a
# gvajs tracker gives them ids and a gvajs line counter counts crossings
# and draws; progress and totals are printed and out/people-counter/ gets
# results.json, an annotated WebM video, snapshots and a contact sheet.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh
node samples/people-counter/run.mjs "$@"
