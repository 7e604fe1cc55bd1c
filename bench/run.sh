#!/bin/sh
# Benchmarks: gvajs against identity and a Python (PyGObject) pad probe.
# Usage: bench/run.sh [--rounds N] [--scale F] [--only "case name"]...
# GVAJS_BUILD picks the meson build folder (default: build). Prints a table
# and writes bench/results.json; never part of the tests.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GVAJS_BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
if [ ! -e "$build/plugin/libgstgvajs.so" ]; then
  echo "bench: no plugin in $build/plugin; build first (npm run build)" >&2
  exit 1
fi
# OpenCV for Python (Debian python3-opencv), which the drawing cases
# compare with, is installed by the setup's bench packages.
bash "$root/scripts/setup.sh" bench
# Only this build's gvajs, and a registry of our own so an installed one
# never answers instead.
export GST_PLUGIN_PATH_1_0="$build/plugin"
export GST_REGISTRY_1_0="$build/bench-registry.bin"
# The native floor's probes (bench/floor.c), loaded by bench.py.
export GVAJS_BENCH_FLOOR="$build/bench/libgvajs-bench-floor.so"
# numpy's BLAS threads would spin on cores the pipeline's own threads need,
# and gain nothing on matrices this small.
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# Debian's PyGObject and numpy live with the system interpreter.
exec /usr/bin/python3 "$root/bench/bench.py" "$@"
