#!/usr/bin/env bash
# The main job: the people counter on OpenCV's pedestrian video (Debian
# package opencv-doc). facedetect with OpenCV's full-body cascade finds
# people, a gvajs IoU tracker gives them ids and a gvajs line counter counts
# crossings; progress and totals are printed and out/people-counter/ gets
# results.json, an annotated video and snapshots.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh
node samples/people-counter/run.mjs "$@"
