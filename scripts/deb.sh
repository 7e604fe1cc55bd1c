#!/usr/bin/env bash
# The Debian package gstreamer1.0-gvajs, built from this checkout.
#
#   scripts/deb.sh         (npm run deb) builds out/deb/gstreamer1.0-gvajs_*.deb
#                          with dpkg-buildpackage (debhelper + meson, the
#                          gst-check suites run unless DEB_BUILD_OPTIONS has
#                          nocheck), and packs the npm tarball beside it
#   scripts/deb.sh check   builds (nocheck: the suite has run them), runs
#                          lintian, then installs the .deb with apt into a
#                          clean minbase root of this machine's release that
#                          has never seen the build and uses it there as a
#                          user would (tests/deb/clean-root.sh). Ends with
#                          "N passed, N failed". Needs root.
#
# The clean root is made once with debootstrap from this machine's mirror
# and cached in $GVAJS_CLEAN_ROOT_DIR (default
# /var/cache/gvajs/<codename>-minbase); each check runs in a throwaway
# overlay of it. Downloaded .debs and npm packages are cached beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/chroot.sh

bash scripts/setup.sh deb
out=out/deb
cache=/var/cache/gvajs
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
passed=0
failed=0

# A copy of the tracked tree in a scratch folder: dpkg-buildpackage writes
# beside its source and into debian/, never into the checkout.
build() {
  local scratch src here=$PWD
  scratch=$(mktemp -d /tmp/gvajs-deb.XXXXXX)
  src=$scratch/gvajs-$version
  copy_checkout "$src"
  mkdir -p "$out"
  rm -f "$out"/*.deb "$out"/*.changes "$out"/*.buildinfo "$out"/*.tgz
  echo "deb: dpkg-buildpackage -b -us -uc (log: $out/build.log)"
  if ! (cd "$src" && dpkg-buildpackage -b -us -uc -Jauto) > "$out/build.log" 2>&1; then
    tail -30 "$out/build.log" >&2
    rm -rf "$scratch"
    return 1
  fi
  # The .changes lists the debug symbols' package and the .buildinfo too.
  cp "$scratch"/*_"$version"_*.deb "$scratch"/gvajs_"$version"_*.changes "$scratch"/gvajs_"$version"_*.buildinfo "$out/"
  # The npm tarball from the same tree; its prepack needs the dependencies.
  ln -s "$PWD/node_modules" "$src/node_modules"
  (cd "$src/ts-api" && npm pack --silent --pack-destination "$here/$out") > /dev/null
  rm -rf "$scratch"
  ls "$out"/gstreamer1.0-gvajs_*.deb "$out"/*.tgz
}

# stamp WHAT: how long since the previous stamp, for CI's time budget.
last=$SECONDS
stamp() {
  echo "deb: $1 ($((SECONDS - last)) s)"
  last=$SECONDS
}

tally() {
  if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

# Errors and warnings fail; informational and pedantic tags are printed.
# Lintian wants no root: as root it runs as nobody, on a copy it can read.
run_lintian() {
  local as=() dir=$out ok=0
  if [ "$(id -u)" = 0 ]; then
    dir=$(mktemp -d /tmp/gvajs-lintian.XXXXXX)
    cp "$out"/*.deb "$out"/*.changes "$out"/*.buildinfo "$dir/"
    chmod -R a+rX "$dir"
    as=(runuser -u nobody -- env HOME=/tmp)
  fi
  echo "deb: lintian on the .changes (the package, its debug symbols, the .buildinfo)"
  "${as[@]}" lintian --fail-on error,warning --info --pedantic "$dir"/gvajs_"$version"_*.changes || ok=1
  [ "$dir" = "$out" ] || rm -rf "$dir"
  if [ "$ok" = 0 ]; then echo "ok - lintian: no error or warning"; else echo "not ok - lintian: errors or warnings above"; fi
  tally "$ok"
}

# node and npm as this machine has them, the README's baseline: copied in
# when node is one self-contained binary, Debian's otherwise.
install_node() {
  local node npm_dir
  node=$(readlink -f "$(command -v node)")
  npm_dir=$(npm root -g)/npm
  if ldd "$node" | grep -q libnode || [ ! -d "$npm_dir" ]; then
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm > /dev/null
    return
  fi
  as_root mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules"
  as_root cp "$node" "$root/usr/local/bin/node"
  as_root cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  as_root ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  as_root ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
}

clean_root_check() {
  local base=${GVAJS_CLEAN_ROOT_DIR:-$cache/$codename-minbase} status=0
  root=$base
  [ -f "$base/.gvajs-ready" ] || { chroot_bootstrap "$codename" && as_root touch "$base/.gvajs-ready"; }
  run=$(mktemp -d /var/tmp/gvajs-clean-root.XXXXXX)
  trap 'chroot_unmount_all; as_root rm -rf "$run"' EXIT
  stamp "cached root ready"
  chroot_overlay "$base" "$run"
  chroot_mount_system
  as_root mkdir -p "$cache/apt-$codename/partial" "$cache/npm"
  chroot_mount "$cache/apt-$codename" /var/cache/apt/archives --bind
  chroot_mount "$cache/npm" /root/.npm --bind
  chroot_copy_host_ca
  in_root apt-get update -qq
  install_node
  as_root mkdir -p "$root/tmp/gvajs"
  as_root cp "$out"/gstreamer1.0-gvajs_"$version"_*.deb "$out"/*.tgz tests/deb/clean-root.sh "$root/tmp/gvajs/"
  echo "deb: installing and using the package in a clean Debian $codename root"
  in_root env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    NODE_EXTRA_CA_CERTS=/etc/ssl/gvajs-host-ca.crt \
    bash /tmp/gvajs/clean-root.sh /tmp/gvajs "$version" | tee "$run/clean-root.log" || status=1
  read -r p _ f _ < <(grep -E "^[0-9]+ passed, [0-9]+ failed" "$run/clean-root.log" | tail -n 1 || echo "0 passed, 1 failed")
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$status" = 0 ] || [ "$f" -gt 0 ] || failed=$((failed + 1))
}

case "${1:-build}" in
  build)
    build
    ;;
  check)
    start=$SECONDS
    if DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" build; then
      echo "ok - dpkg-buildpackage -b -us -uc"
      tally 0
      stamp "package and npm tarball built"
      run_lintian
      stamp "lintian done"
      clean_root_check
      stamp "clean-root checks done"
    else
      echo "not ok - dpkg-buildpackage -b -us -uc"
      tally 1
    fi
    echo "deb: $((SECONDS - start)) s in all"
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
    ;;
  *)
    echo "usage: scripts/deb.sh [build|check]" >&2
    exit 2
    ;;
esac
