#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug test kernel once and cache it outside the repository.
#
#   selftests/host/kernel.sh            build (or reuse) and print the build dir
#
# The kernel is Debian's linux-source-6.12 configured as allnoconfig plus
# selftests/host/debug.config.  The cache key is the source package
# version plus a hash of the fragment's settings, so changing one or upgrading
# the source package builds a new kernel and never reuses a stale one.
# ccache is used when present, which makes a rebuild after a small fragment
# change cheap.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${ICMPX_CACHE:-$HOME/.cache/icmpx}
fragment=$here/debug.config
tarball=/usr/src/linux-source-6.12.tar.xz

log() { printf 'kernel: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -r "$tarball" ] || die "$tarball missing (run: make deps)"
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
# The fragment's settings, not its comments, make the key.
key=$(grep -v '^#' "$fragment" | sha256sum | cut -c1-12)
src=$cache/linux-source-$ver
out=$cache/debug-$ver-$key

mkdir -p "$cache"
# Two builds racing on one cache would corrupt it; the second waits.
exec 9>"$cache/.lock"
flock 9

if [ -f "$out/.icmpx-built" ]; then
	echo "$out"
	exit 0
fi

if [ ! -f "$src/.icmpx-extracted" ]; then
	log "extracting linux-source $ver"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.icmpx-extracted"
	mv "$src.tmp" "$src"
fi

rm -rf "$out"
mkdir -p "$out"
log "configuring $out"
(cd "$src" && ./scripts/kconfig/merge_config.sh -n -O "$out" "$fragment") \
	> "$out/config.log" 2>&1 || { cat "$out/config.log" >&2; die "config failed"; }

# merge_config only warns when Kconfig drops a requested symbol; a silently
# missing KASAN or KUnit would make every later result meaningless.
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$out/.config" || { log "not in .config: $line"; missing=1; } ;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }; sym=${sym%% *}
		! grep -q "^$sym=" "$out/.config" || { log "still set: $sym"; missing=1; } ;;
	esac
done < "$fragment"
[ $missing = 0 ] || die "the fragment did not apply cleanly"

cc=gcc
command -v ccache > /dev/null && cc="ccache gcc"
jobs=$(nproc)
log "building (about 16 minutes cold on 2 cores; log in $out/build.log)"
start=$(date +%s)
make -C "$src" O="$out" CC="$cc" -j"$jobs" bzImage modules > "$out/build.log" 2>&1 ||
	{ tail -40 "$out/build.log" >&2; die "build failed"; }
log "built in $(( $(date +%s) - start )) s"
touch "$out/.icmpx-built"
echo "$out"
