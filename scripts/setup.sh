#!/usr/bin/env bash
# Installs everything gvajs needs on a Debian 12 or 13 machine, idempotently:
# Debian packages, npm dependencies from the lock file, and the QuickJS
# tarball (from Debian's source package, checked against a pinned SHA-256).
# Costs about a second when everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

# Usage: setup.sh [GROUP…]. The groups add what a leg of the tests needs
# beyond the suite itself: chroot (debootstrap, for the roots of
# scripts/chroot.sh), deb (the Debian package's build tools and lintian),
# bench (OpenCV from Python, which bench/run.sh draws with for comparison).

# Debian packages: build tools, GStreamer development files, FreeType and
# the font drawing uses, and the real inputs used by samples and
# end-to-end tests.
PACKAGES=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libjson-glib-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-libav gstreamer1.0-opencv opencv-doc opencv-data
  python3-gst-1.0 gir1.2-gst-plugins-base-1.0 python3-numpy
  valgrind dpkg-dev xz-utils
  libmosquitto-dev mosquitto mosquitto-clients
  espeak-ng
  libfreetype-dev fonts-dejavu-core
  libopenblas-dev
)

# GstAnalytics (gstreamer-analytics-1.0) ships with GStreamer >= 1.24's
# plugins-bad development files: Debian 13 on.
if [ "$(. /etc/os-release && echo "${VERSION_ID%%.*}")" -ge 13 ] 2> /dev/null; then
  PACKAGES+=(libgstreamer-plugins-bad1.0-dev)
fi

for group in "$@"; do
  case "$group" in
    chroot) PACKAGES+=(debootstrap) ;;
    deb) PACKAGES+=(debhelper lintian debootstrap) ;;
    bench) PACKAGES+=(python3-opencv) ;;
    *) echo "setup: no group '$group' (chroot, deb, bench)" >&2; exit 2 ;;
  esac
done

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
  dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" \
    2>/dev/null | awk '$2 == "installed" { print $1 }' > /tmp/gvajs-have.$$ || true
  for p in "${PACKAGES[@]}"; do
    grep -qx "$p" /tmp/gvajs-have.$$ || echo "$p"
  done
  rm -f /tmp/gvajs-have.$$
}

install_packages() {
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  echo "setup: installing Debian packages:" $missing
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $missing
}

install_npm() {
  # The lock file pins TypeScript and esbuild; reinstall only when it changed
  # or the workspace's own command is not linked yet.
  if [ ! -f node_modules/.package-lock.json ] ||
     [ package-lock.json -nt node_modules/.package-lock.json ] ||
     [ ! -e node_modules/.bin/gvajs ]; then
    echo "setup: installing npm dependencies"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

install_packages
scripts/fetch-quickjs.sh
[ -f package-lock.json ] && install_npm
exit 0
