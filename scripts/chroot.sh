# Debian roots for the legs that run in one of their own (other-release.sh,
# deb.sh); source it from the repository root, with $root set to the
# root's folder. A root is made with debootstrap --variant=minbase from this
# machine's own mirror (scripts/apt-mirror.sh: no host name is written into
# the repository) and cached by the caller. Needs root, or sudo.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# chroot_bootstrap SUITE: a fresh minbase root of SUITE in $root.
chroot_bootstrap() {
  local suite=$1 mirror log
  mirror=$(scripts/apt-mirror.sh) || {
    echo "chroot: no Debian mirror in this machine's apt sources" >&2
    exit 1
  }
  bash scripts/setup.sh chroot
  echo "chroot: creating a Debian $suite root in $root"
  as_root rm -rf "$root"
  as_root mkdir -p "$root"
  log=$(mktemp)
  as_root debootstrap --variant=minbase "$suite" "$root" "$mirror" > "$log" 2>&1 || {
    tail -20 "$log" >&2
    exit 1
  }
  rm -f "$log"
  as_root cp /etc/resolv.conf "$root/etc/resolv.conf"
}

chroot_mounted=()

# chroot_mount SOURCE PATH MOUNT-OPTIONS…: mounts SOURCE on $root/PATH
# until chroot_unmount_all (which the caller traps on EXIT).
chroot_mount() {
  as_root mkdir -p "$root$2"
  as_root mount "${@:3}" "$1" "$root$2"
  chroot_mounted=("$root$2" "${chroot_mounted[@]}")
}

# The kernel's file systems a root needs for apt and for running programs.
chroot_mount_system() {
  chroot_mount proc /proc -t proc
  chroot_mount /dev /dev --bind
  chroot_mount /dev/pts /dev/pts --bind
}

chroot_unmount_all() {
  local m
  for m in "${chroot_mounted[@]}"; do as_root umount -l "$m" 2> /dev/null || true; done
  chroot_mounted=()
}

in_root() {
  as_root chroot "$root" "$@"
}

# The root trusts what this machine trusts (a TLS-inspecting proxy's CA,
# say), for the npm registry: node reads it from NODE_EXTRA_CA_CERTS.
chroot_copy_host_ca() {
  as_root mkdir -p "$root/etc/ssl"
  as_root cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/gvajs-host-ca.crt"
}

# copy_checkout DEST: the tracked tree as it is in the working tree (not
# the build folders), plus the fetched QuickJS tarball, into DEST; as root
# only where DEST's folder needs it (a chroot's).
copy_checkout() {
  local as=(as_root)
  [ -w "$(dirname "$1")" ] && as=()
  "${as[@]}" rm -rf "$1"
  "${as[@]}" mkdir -p "$1"
  git ls-files -z | tar --null -T - -cf - | "${as[@]}" tar -C "$1" -xf -
  "${as[@]}" cp subprojects/packagefiles/quickjs_*.orig.tar.xz "$1/subprojects/packagefiles/" 2> /dev/null || true
}

# chroot_overlay BASE RUNDIR: $root becomes a throwaway root over BASE
# (overlayfs, upper layer in RUNDIR; a full copy where overlayfs cannot
# be mounted), so BASE itself never changes.
chroot_overlay() {
  as_root mkdir -p "$2/upper" "$2/work" "$2/root"
  if as_root mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$2/root" 2> /dev/null; then
    chroot_mounted=("$2/root" "${chroot_mounted[@]}")
  else
    as_root cp -a "$1/." "$2/root/"
  fi
  root=$2/root
}
