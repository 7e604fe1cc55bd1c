#!/usr/bin/env bash
# Puts QuickJS 2025-04-26's upstream tarball into subprojects/packagefiles/,
# where meson's wrap-file (subprojects/quickjs.wrap) picks it up. The tarball
# comes from Debian's source package `quickjs` in the Debian 13 suite, fetched
# by apt's own client; on Debian 12 a deb-src entry for that suite is added,
# with the mirror URI taken from this machine's apt sources. The source is
# never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=trixie
TARBALL=quickjs_2025.04.26.orig.tar.xz
SHA256=ec81da5b3249ed648dbc7df4a1654988910e66a118d9b71cb63534216efcfbbe
DEST=subprojects/packagefiles/$TARBALL
SRC_LIST=/etc/apt/sources.list.d/gvajs-quickjs-src.sources

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

hash_ok() {
  [ -f "$1" ] && echo "$SHA256  $1" | sha256sum --check --status
}

have_source_package() {
  apt-cache showsrc "quickjs" 2>/dev/null | grep -q "^Version: 2025.04.26"
}

add_deb_src() {
  local uri
  uri=$(scripts/apt-mirror.sh) || true
  if [ -z "$uri" ]; then
    echo "fetch-quickjs: no Debian mirror found in /etc/apt/sources.list*;" >&2
    echo "  add a deb-src entry for suite '$SUITE' and run this again." >&2
    exit 1
  fi
  echo "fetch-quickjs: adding deb-src $uri $SUITE main ($SRC_LIST)"
  as_root tee "$SRC_LIST" > /dev/null <<SOURCES
Types: deb-src
URIs: $uri
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  as_root apt-get update -qq
}

fetch() {
  local tmp
  have_source_package || add_deb_src
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source --download-only -qq "quickjs/$SUITE") \
    2>&1 | grep -v -e "unsandboxed" -e "^W: " || true
  if [ ! -f "$tmp/$TARBALL" ]; then
    echo "fetch-quickjs: apt-get source did not deliver $TARBALL;" >&2
    echo "  check that 'apt-cache showsrc quickjs' lists 2025.04.26." >&2
    rm -rf "$tmp"
    exit 1
  fi
  mv "$tmp/$TARBALL" "$DEST"
  rm -rf "$tmp"
}

hash_ok "$DEST" && exit 0
[ -f "$DEST" ] || fetch
if ! hash_ok "$DEST"; then
  echo "fetch-quickjs: $DEST does not match the pinned SHA-256" >&2
  echo "  $SHA256; delete it and run scripts/setup.sh again." >&2
  exit 1
fi
echo "fetch-quickjs: $TARBALL ready"
