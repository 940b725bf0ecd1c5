#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.pl --strict over the module's sources (make style, and the
# static checks of make check).
#
#   selftests/host/checkpatch.sh [--log FILE]
#
# checkpatch.pl and its data files come from Debian's linux-source-6.12:
# the debug kernel's extracted source when kernel.sh has made it, or
# else just those three files taken out of the tarball (a minute's
# decompression, cached beside the kernel), so that a style check never
# builds a kernel.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cache=${ICMPX_CACHE:-$HOME/.cache/icmpx}
tarball=/usr/src/linux-source-6.12.tar.xz
files="scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch"
log=/dev/stdout
[ "${1:-}" = --log ] && log=$2

[ -r "$tarball" ] || { echo "checkpatch: $tarball missing (run: make deps)" >&2; exit 1; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
src=$cache/linux-source-$ver
if [ ! -f "$src/.icmpx-extracted" ]; then
	src=$cache/checkpatch-$ver
	if [ ! -x "$src/scripts/checkpatch.pl" ]; then
		mkdir -p "$cache"
		rm -rf "$src.tmp"
		mkdir -p "$src.tmp"
		# The tarball's one top folder, then only the files wanted.
		dir=$(set +o pipefail; tar -tJf "$tarball" | head -n1)
		dir=${dir%%/*}
		# shellcheck disable=SC2086 # the list splits into members
		tar -xJf "$tarball" -C "$src.tmp" --strip-components=1 \
			$(printf "$dir/%s " $files)
		rm -rf "$src"
		mv "$src.tmp" "$src"
	fi
fi

cd "$top"
"$src/scripts/checkpatch.pl" --no-tree --strict --terse -f \
	icmpx/*.[ch] icmpx/tests/*.[ch] > "$log" 2>&1
