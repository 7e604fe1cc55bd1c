#!/usr/bin/env bash
# Builds the plugin (build/) and, with --asan, the AddressSanitizer build of
# the C tests (build-asan/). Configures each build folder on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

configure() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" > "/tmp/gvajs-meson-$(basename "$dir").log" 2>&1 || {
      cat "/tmp/gvajs-meson-$(basename "$dir").log" >&2
      exit 1
    }
  fi
}

# meson copies QuickJS's overlay (subprojects/packagefiles/quickjs) into
# the source it extracts, once: a changed overlay means extracting anew.
quickjs=subprojects/quickjs-2025.04.26
stale_overlay() {
  local f
  for f in subprojects/packagefiles/quickjs/*; do
    cmp -s "$f" "$quickjs/$(basename "$f")" || return 0
  done
  return 1
}
if [ -d "$quickjs" ] && stale_overlay; then
  echo "build: QuickJS's overlay changed: extracting QuickJS again"
  rm -rf "$quickjs"
  for dir in build build-asan; do
    [ -f "$dir/build.ninja" ] && meson setup --reconfigure "$dir" > /dev/null
  done
fi

configure build
ninja -C build > /dev/null
if [ "${1:-}" = "--asan" ]; then
  configure build-asan -Db_sanitize=address,undefined -Db_lundef=false
  ninja -C build-asan > /dev/null
fi
if [ -d ts-api/src ] && [ -f ts-api/tsconfig.json ]; then
  npx tsc -p ts-api
fi
