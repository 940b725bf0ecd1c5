#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutation test of the parser's length checks: each check listed below is
# disabled in turn (its condition replaced by 0) in a copy of parse.c, and
# the corpus must then fail, by a wrong verdict or by an ASan overread.
# A mutant that survives names a check no test would miss.
#
#   tools/fuzz/mutate.sh
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../../icmpx/parse.c
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each line: a fixed string of parse.c, " => ", and what replaces it.
mutants=(
	'if (avail < ICMPX_HDR_LEN) => if (0)'
	'if (avail < ti->min_len) => if (0)'
	'if (off + 20 > end) => if (0)'
	'if (off + need > end) => if (0)'
	'if (off + 40 > end) => if (0)'
	'if (off + 40 + min_t(u32, plen, 8) > end) => if (0)'
	'if (off + 4 > len) => if (0)'
	'if (p + 4 > len) => if (0)'
	'if (olen < 4 || olen > len - p) => if (0)'
	'if (orig < 128 || => if (0 ||'
	'if (pkt->len < need) => if (0)'
	'if (pkt->len < 28) => if (0)'
	'if (pkt->avail >= 28 && pkt->len < 28 + get16(d + 26) * 16) => if (0)'
	'if (p + 20 > pkt->len) => if (0)'
	'if (p > pkt->len) => if (0)'
	'if (!olen || p + olen > len) => if (0)'
	'if (p < len && p + 2 > len) => if (0)'
	'T("timestamp-request", 20, 0) => T("timestamp-request", 8, 0)'
	'T("address-mask-request", 12, DEPR) => T("address-mask-request", 8, DEPR)'
	'NDP("nd-neighbor-solicit", 24, 24) => NDP("nd-neighbor-solicit", 8, 24)'
	'NDP("nd-router-advert", 16, 16) => NDP("nd-router-advert", 8, 16)'
	'NDP("nd-redirect", 40, 40) => NDP("nd-redirect", 8, 40)'
	'T("mld-listener-report", 24, ICMPX_F_MLD) => T("mld-listener-report", 8, ICMPX_F_MLD)'
	'T("router-renumbering", 16, 0) => T("router-renumbering", 8, 0)'
)

mkdir -p "$work/tests"
cp "$here/../../icmpx/parse.h" "$work/"
cp "$here/../../icmpx/tests/corpus.h" "$work/tests/"
sed 's|\.\./\.\./icmpx/|../|' "$here/corpus_check.c" > "$work/tests/check.c"

cflags=(-g -O1 -I"$here/include" -Wno-gnu-conditional-omitted-operand
	-fsanitize=address,undefined -fno-sanitize-recover=all)
killed=0 survived=0
for m in "${mutants[@]}"; do
	from=${m%% => *}
	to=${m#* => }
	if ! python3 - "$src" "$from" "$to" "$work/parse.c" <<'PY'
import sys
src, old, new, out = sys.argv[1:]
s = open(src).read()
if old not in s:
    sys.exit(1)
open(out, "w").write(s.replace(old, new, 1))
PY
	then
		echo "mutate: '$from' is not in parse.c" >&2
		survived=$((survived + 1))
		continue
	fi
	if ! clang "${cflags[@]}" -o "$work/check" "$work/tests/check.c" \
		"$work/parse.c" 2> "$work/cc.log"; then
		cat "$work/cc.log" >&2
		survived=$((survived + 1))
		continue
	fi
	# A mutant that loops forever is caught too: by the timeout.
	if timeout 20 "$work/check" -q > /dev/null 2>&1; then
		echo "SURVIVED  $from"
		survived=$((survived + 1))
	else
		echo "killed    $from"
		killed=$((killed + 1))
	fi
done
echo "$killed passed, $survived failed"
[ "$survived" = 0 ]
