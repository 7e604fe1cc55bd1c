#!/usr/bin/env bash
# Runs every test: the gst-check suites in the normal build and again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then the node:test suites
# (end-to-end pipelines, CLI, types). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
bash scripts/build.sh --asan || exit 1

passed=0
failed=0
status=0

# Counts from meson's own results (scripts/count-meson.mjs), so a suite
# meson failed after check printed its counts still counts as failed.
run_meson_tests() {
  local dir=$1 label=$2 setup=${3:-} log p f ok=1
  echo "== gst-check suites ($label)"
  log="$dir/meson-logs/testlog${setup:+-$setup}.json"
  rm -f "$log"
  meson test -C "$dir" --print-errorlogs ${setup:+--setup "$setup"} \
    --no-rebuild || { status=1; ok=0; }
  read -r p _ f _ < <(node scripts/count-meson.mjs "$log")
  # meson failed without a failing test in its log: still a failure.
  [ "$ok" = 0 ] && [ "$f" = 0 ] && f=1
  passed=$((passed + p))
  failed=$((failed + f))
}

run_meson_tests build "native"
run_meson_tests build-asan "AddressSanitizer + UBSan"
run_meson_tests build "valgrind memcheck" valgrind

mapfile -t node_tests < <(ls tests/e2e/*.test.mjs ts-api/test/*.test.mjs 2>/dev/null)
if [ ${#node_tests[@]} -gt 0 ]; then
  echo "== node:test suites"
  out=$(mktemp)
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$out" \
    "${node_tests[@]}" || status=1
  p=$(grep -E "^# pass [0-9]+" "$out" | awk '{print $3}')
  f=$(grep -E "^# fail [0-9]+" "$out" | awk '{print $3}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  rm -f "$out"
fi

# run_leg TITLE COMMAND…: a leg that ends with its own "N passed, N
# failed" line, added to the totals; no such line counts as a failure.
run_leg() {
  local log line
  echo "== $1"
  log=$(mktemp)
  "${@:2}" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
  line=$(grep -E "^[0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)
  if [ -n "$line" ]; then
    passed=$((passed + $(awk '{print $1}' <<< "$line")))
    failed=$((failed + $(awk '{print $3}' <<< "$line")))
  else
    failed=$((failed + 1))
  fi
  rm -f "$log"
}

# The Debian package, built from this tree, linted, installed into a clean
# root of this release and used there: always in CI, on request elsewhere
# (about 4.5 minutes the first time, 70-80 s cached); on the host's
# release only.
if [ "${GVAJS_OTHER_RELEASE:-}" = inner ]; then
  echo "skipped: the Debian package's leg (it runs on the host's release)"
elif [ -n "${CI:-}" ] || [ "${GVAJS_DEB:-}" = 1 ]; then
  run_leg "the Debian package, in a clean root" bash scripts/deb.sh check
else
  echo "skipped: the Debian package's leg (runs in CI; locally set GVAJS_DEB=1)"
fi

# The other Debian release (GStreamer 1.22 <-> 1.26), in a cached chroot:
# always in CI, on request elsewhere (it takes minutes the first time).
if [ "${GVAJS_OTHER_RELEASE:-}" = inner ]; then
  :
elif [ -n "${CI:-}" ] || [ "${GVAJS_OTHER_RELEASE:-}" = 1 ]; then
  run_leg "the same suite on the other Debian release" \
    env GVAJS_OTHER_RELEASE=inner bash scripts/other-release.sh
else
  echo "skipped: the other Debian release's leg (runs in CI; locally set GVAJS_OTHER_RELEASE=1)"
fi

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
