#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build icmpx out of tree against one kernel, in a folder of its own.
#
#   selftests/host/build.sh NAME KDIR [sparse]
#
# Kbuild writes objects next to the sources, so each kernel gets a copy
# of the sources under build/NAME and modules for different kernels never
# overwrite each other.  Builds with W=1; any compiler warning (or, with
# "sparse", any sparse report) fails the build.
set -euo pipefail

name=${1:?usage: build.sh NAME KDIR [sparse]}
kdir=${2:?usage: build.sh NAME KDIR [sparse]}
mode=${3:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/$name

mkdir -p "$out"
# Only sources are copied; objects from the last build stay for speed.
cp -p "$top/Kbuild" "$top/VERSION" "$out/"
mkdir -p "$out/icmpx" "$out/include"
cp -rp "$top/icmpx/." "$out/icmpx/"
cp -rp "$top/include/." "$out/include/"

args=(-C "$kdir" M="$out" W=1 ICMPX_BENCH=1)
[ "$mode" = sparse ] && args+=(C=2)
log=$out/build.log
if ! make "${args[@]}" modules > "$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
# sparse reports as "file:line:col: warning:" or "error:", like gcc.
if grep -E '(warning|error):' "$log" >&2; then
	exit 1
fi
