#!/usr/bin/env bash
# Runs inside a clean Debian root (scripts/deb.sh check), as root with an
# empty environment: installs the gvajs package as a user would, checks
# that GStreamer finds it with no variable, then uses it from a new
# project with the npm tarball (init, check, build, launch). One line per
# check ("ok - …" or "not ok - …" with the output), then "N passed, N failed".
#
# Usage: clean-root.sh DIR VERSION (DIR holds the .deb and the .tgz)
set -uo pipefail
dir=$1
version=$2
log=$dir/check.log
passed=0
failed=0

# check NAME COMMAND…: COMMAND's output (both streams) goes to $log.
check() {
  local name=$1
  shift
  if "$@" > "$log" 2>&1; then
    echo "ok - $name"
    passed=$((passed + 1))
  else
    echo "not ok - $name"
    tail -n 25 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# has FILE PATTERN: FILE has a line matching the extended regex PATTERN.
has() {
  grep -Eq -- "$2" "$1" || { echo "no line matching '$2' in $1:"; cat "$1"; return 1; }
}

plugin_path() {
  dpkg -L gstreamer1.0-gvajs | grep -E '/gstreamer-1\.0/libgstgvajs\.so$'
}

# The plugin in GStreamer's own folder (/usr/lib/<multiarch>/gstreamer-1.0)
# and every library it links resolved by what the Depends installed.
plugin_in_place() {
  [[ $plugin =~ ^/usr/lib/[a-z0-9_]+-linux-[a-z0-9_]+/gstreamer-1\.0/libgstgvajs\.so$ ]] &&
    ldd "$plugin" > "$dir/ldd.txt" && ! grep "not found" "$dir/ldd.txt"
}

# GStreamer may name the file through /lib, a link to /usr/lib.
inspect() {
  local file
  gst-inspect-1.0 gvajs > "$dir/inspect.txt" && has "$dir/inspect.txt" "^  Version +$version$" &&
    file=$(sed -n 's/^  Filename  *//p' "$dir/inspect.txt") &&
    { [ "$(readlink -f "$file")" = "$plugin" ] || { echo "Filename $file is not $plugin"; false; }; }
}

js_pipeline() {
  cat > "$dir/count.js" <<'EOF'
let frames = 0;
export function process_frame(frame) { frames += frame.videoInfo().width === 64 ? 1 : 0; }
export function eos() { console.log(`saw ${frames} frames`); }
EOF
  gst-launch-1.0 -q videotestsrc num-buffers=5 ! video/x-raw,width=64,height=48 ! \
    gvajs module="$dir/count.js" ! fakesink > "$dir/count.txt" && has "$dir/count.txt" "^saw 5 frames$"
}

ts_refused() {
  echo 'export function process_frame(): void {}' > "$dir/direct.ts"
  ! gst-launch-1.0 -q videotestsrc num-buffers=1 ! gvajs module="$dir/direct.ts" ! fakesink 2> "$dir/direct.txt" &&
    has "$dir/direct.txt" "is TypeScript, which the element cannot run: build it with 'npx gvajs build $dir/direct.ts'"
}

new_project() {
  mkdir -p "$project" && cd "$project" && npm init -y > /dev/null &&
    npm install --no-audit --no-fund --loglevel=error "$dir"/gvajs-"$version".tgz
}

version_report() {
  npx gvajs --version > "$dir/version.txt" &&
    has "$dir/version.txt" "^gvajs $version \(npm package, $project/node_modules/gvajs\)$" &&
    has "$dir/version.txt" "^plugin $version \($plugin, from installed\)$"
}

init_check() {
  npx gvajs init app && cd app && npx gvajs check process.ts 2> "$dir/check.txt" && [ ! -s "$dir/check.txt" ] &&
    npx --no -- tsc -p .
}

build_run() {
  cd "$project/app" && npx gvajs build process.ts &&
    gst-launch-1.0 -q videotestsrc num-buffers=2 ! gvajs module=process.js ! fakesink > "$dir/built.txt" &&
    has "$dir/built.txt" "^hello: 2 frames$"
}

launch_ts() {
  cd "$project/app" &&
    npx gvajs launch -q videotestsrc num-buffers=3 ! gvajs module=process.ts ! fakesink > "$dir/launch.txt" &&
    has "$dir/launch.txt" "^hello: 3 frames$"
}

run_script() {
  "$project/app/run.sh" > "$dir/run.txt" && [ "$(wc -l < "$dir/run.txt")" = 31 ] &&
    has "$dir/run.txt" "^hello: 30 frames$"
}

env | grep -E "^(GST|GVAJS)_" && echo "not ok - the environment has GStreamer or gvajs variables" && exit 1
cd "$dir" || exit 1
check "apt-get install ./gstreamer1.0-gvajs_${version}_*.deb (its Depends from the mirror)" \
  apt_install "$dir"/gstreamer1.0-gvajs_"$version"_*.deb
plugin=$(plugin_path)
check "the plugin is in GStreamer's own folder, every library it links installed" plugin_in_place
check "GStreamer's tools and base plugins install beside it" apt_install gstreamer1.0-tools gstreamer1.0-plugins-base
check "gst-inspect-1.0 gvajs finds it with no variable set" inspect
check "a pipeline runs a JavaScript module" js_pipeline
check "a .ts module given to the element fails at start, saying to build it" ts_refused

project=/root/my-project
check "a new npm project installs the gvajs tarball" new_project
check "npx gvajs --version names the installed plugin" version_report
check "npx gvajs init app; npx gvajs check process.ts; tsc -p ." init_check
check "npx gvajs build process.ts; gst-launch-1.0 … gvajs module=process.js" build_run
check "npx gvajs launch … gvajs module=process.ts" launch_ts
check "the starter's run.sh" run_script

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
