#!/usr/bin/env bash
# Runs the whole test suite again inside a chroot of the other supported
# Debian release (12 <-> 13), so every run covers GStreamer 1.22 and 1.26
# (with GstAnalytics). The chroot is made once with debootstrap from this
# machine's own mirror (scripts/chroot.sh) and cached in $GVAJS_CHROOT_DIR
# (default /var/cache/gvajs/<suite>); the project's setup script installs
# what the tests need inside it, as on a fresh machine. Needs root.
# Ends with the inner run's "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/chroot.sh

codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
case "$codename" in
  bookworm) other=trixie ;;
  trixie) other=bookworm ;;
  *) echo "other-release: no partner release for '$codename'" >&2; exit 1 ;;
esac
root=${GVAJS_CHROOT_DIR:-/var/cache/gvajs/$other}

# The machine's own baseline: node and npm; the project's setup installs
# everything else inside, as it would on a fresh machine.
install_baseline() {
  in_root apt-get update -qq
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends nodejs npm ca-certificates git > /dev/null
  as_root touch "$root/.gvajs-ready"
}

trap chroot_unmount_all EXIT

[ -f "$root/.gvajs-ready" ] || chroot_bootstrap "$other"
chroot_mount_system
[ -f "$root/.gvajs-ready" ] || install_baseline

copy_checkout "$root/gvajs"

chroot_copy_host_ca

echo "other-release: running the tests on Debian $other"
in_root env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  NODE_EXTRA_CA_CERTS=/etc/ssl/gvajs-host-ca.crt \
  CI="${CI:-}" GVAJS_OTHER_RELEASE=inner bash -c "cd /gvajs && npm test"
