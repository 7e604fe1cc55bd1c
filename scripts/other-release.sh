#!/usr/bin/env bash
# Runs the whole test suite again inside a chroot of the other supported
# Debian release (12 <-> 13), so every run covers GStreamer 1.22 and 1.26
# (with GstAnalytics). The chroot is made once with debootstrap from this
# machine's own mirror and cached in $GVAJS_CHROOT_DIR (default
# /var/cache/gvajs/<suite>); the project's setup script installs what the
# tests need inside it, as on a fresh machine. Needs root.
# Ends with the inner run's "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
case "$codename" in
  bookworm) other=trixie ;;
  trixie) other=bookworm ;;
  *) echo "other-release: no partner release for '$codename'" >&2; exit 1 ;;
esac
root=${GVAJS_CHROOT_DIR:-/var/cache/gvajs/$other}
mirror=$(scripts/apt-mirror.sh) || {
  echo "other-release: no Debian mirror in this machine's apt sources" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

bootstrap_root() {
  echo "other-release: creating a Debian $other chroot in $root"
  command -v debootstrap > /dev/null ||
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
  as_root rm -rf "$root"
  as_root mkdir -p "$root"
  as_root debootstrap --variant=minbase "$other" "$root" "$mirror" > /tmp/gvajs-debootstrap.log 2>&1 || {
    tail -20 /tmp/gvajs-debootstrap.log >&2
    exit 1
  }
  as_root cp /etc/resolv.conf "$root/etc/resolv.conf"
}

# The machine's own baseline: node and npm; the project's setup installs
# everything else inside, as it would on a fresh machine.
install_baseline() {
  in_root apt-get update -qq
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends nodejs npm ca-certificates git > /dev/null
  as_root touch "$root/.gvajs-ready"
}

mounted=()
mount_into() {
  as_root mkdir -p "$root$2"
  as_root mount "${@:3}" "$1" "$root$2"
  mounted=("$root$2" "${mounted[@]}")
}

cleanup() {
  for m in "${mounted[@]}"; do as_root umount -l "$m" 2> /dev/null || true; done
}
trap cleanup EXIT

in_root() {
  as_root chroot "$root" "$@"
}

[ -f "$root/.gvajs-ready" ] || bootstrap_root
mount_into proc /proc -t proc
mount_into /dev /dev --bind
mount_into /dev/pts /dev/pts --bind
[ -f "$root/.gvajs-ready" ] || install_baseline

# A fresh copy of the tracked tree, plus the fetched QuickJS tarball.
as_root rm -rf "$root/gvajs"
as_root mkdir -p "$root/gvajs"
git ls-files -z | as_root tar --null -T - -cf - | as_root tar -C "$root/gvajs" -xf -
as_root cp subprojects/packagefiles/quickjs_*.orig.tar.xz "$root/gvajs/subprojects/packagefiles/" 2> /dev/null || true

# The chroot trusts what this machine trusts (a TLS-inspecting proxy's CA,
# say) for the npm registry.
as_root cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/gvajs-host-ca.crt"

echo "other-release: running the tests on Debian $other"
in_root env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  NODE_EXTRA_CA_CERTS=/etc/ssl/gvajs-host-ca.crt \
  CI="${CI:-}" GVAJS_OTHER_RELEASE=inner bash -c "cd /gvajs && npm test"
