#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# /sys/kernel/icmpx: the initial namespace's counters, one per file,
# read-only, and the same numbers as its /proc/net/icmpx and as what
# icmpxctl reads over netlink.  Pings over lo in the initial namespace
# give them something to count.
#
#   initial namespace
#   +--------------------------------------------------------+
#   | lo 127.0.0.1: ping, icmpsend.py    /sys/kernel/icmpx,  |
#   |                                    /proc/net/icmpx,    |
#   |                                    icmpxctl -j stats   |
#   +--------------------------------------------------------+
#
# Needs icmpx loaded.  Exit status as kselftest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

sys=/sys/kernel/icmpx

needs icmpx
ip link set lo up

# proc FAMILY KEY: the initial namespace's value, as netns.sh reads it.
proc() {
	awk -v f="$1" -v k="$2" '
		$1 == "total" && $2 == f && $3 == k { v = $4 }
		END { print v + 0 }' /proc/net/icmpx
}
proc_type() {
	awk -v f="$1" -v t="$2" -v c="$3" '
		$1 == "type" && $2 == f && $3 == t { v = $c }
		END { print v + 0 }' /proc/net/icmpx
}

check "sysfs: $sys exists" test -d "$sys/ipv4/types/8" -a -d "$sys/ipv6/reasons"
writable=$(find "$sys" -perm /0222 ! -type d ! -type l | head -3)
check "sysfs: no file is writable" test -z "$writable"
modes=$(find "$sys" -type f -printf '%m\n' | sort -u | tr '\n' ' ')
check "sysfs: every file is 0444 ($modes)" test "$modes" = "444 "
check "sysfs: 256 type directories per family" \
	test "$(ls "$sys/ipv4/types" | wc -l)" = 256 -a "$(ls "$sys/ipv6/types" | wc -l)" = 256

# Every reason the family reports has its file.
missing=
for r in $(icmpx_json "" stats | jq -r '.ipv4.malformed | keys[]'); do
	[ -r "$sys/ipv4/reasons/$r" ] || missing+=" $r"
done
check "sysfs: a file for every reason${missing:+ (missing:$missing)}" test -z "$missing"

# And for every drop reason, with the same value.
missing=
for r in $(awk '$1 == "drop" && $2 == "ipv4" { print $3 }' /proc/net/icmpx); do
	[ -r "$sys/ipv4/drops/$r" ] || missing+=" $r"
done
check "sysfs: a file for every drop reason${missing:+ (missing:$missing)}" test -z "$missing"

b8=$(cat "$sys/ipv4/types/8/received")
b0=$(cat "$sys/ipv4/types/0/valid")
check "sysfs: ping over lo answered" quiet ping -q -c 3 -i 0.2 -W 2 127.0.0.1
check "sysfs: ipv4 echo-request moved by 3" test "$(cat "$sys/ipv4/types/8/received")" = $((b8 + 3))
check "sysfs: ipv4 echo-reply valid moved by 3" test "$(cat "$sys/ipv4/types/0/valid")" = $((b0 + 3))
check "sysfs: a truncated message sent over lo" \
	/usr/bin/python3 "$here/icmpsend.py" 127.0.0.1 0d000000
sleep 0.3

for fam in ipv4 ipv6; do
	for k in received valid malformed accepted dropped fragment no-header guarded monitored; do
		check "sysfs: $fam/$k equals /proc/net/icmpx" \
			test "$(cat "$sys/$fam/$k")" = "$(proc "$fam" "$k")"
	done
done
check "sysfs: ipv4/reasons/truncated equals /proc/net/icmpx" \
	test "$(cat "$sys/ipv4/reasons/truncated")" = "$(proc ipv4 truncated)"
check "sysfs: ipv4/types/13/malformed equals /proc/net/icmpx" \
	test "$(cat "$sys/ipv4/types/13/malformed")" = "$(proc_type ipv4 13 7)"
check "sysfs: ipv4/types/13/malformed is 1 or more" \
	test "$(cat "$sys/ipv4/types/13/malformed")" -ge 1
check "sysfs: ipv4/types/13/dropped equals /proc/net/icmpx" \
	test "$(cat "$sys/ipv4/types/13/dropped")" = "$(proc_type ipv4 13 9)"
check "sysfs: ipv4/types/0/accepted equals /proc/net/icmpx" \
	test "$(cat "$sys/ipv4/types/0/accepted")" = "$(proc_type ipv4 0 8)"
# And every count the family reports (icmpxctl -j stats) has its file,
# with the same value: a type's under types/, a reason's under reasons/.
missing= differ=
while read -r fam key v; do
	case $key in
	drop/*)	f=$sys/$fam/drops/${key#drop/} ;;
	*/*)	f=$sys/$fam/types/$key ;;
	*)	f=$sys/$fam/$key
		[ -e "$f" ] || f=$sys/$fam/reasons/$key ;;
	esac
	if [ ! -r "$f" ]; then
		missing+=" $fam/$key"
	elif [ "$(cat "$f")" != "$v" ]; then
		differ+=" $fam/$key=$v/$(cat "$f")"
	fi
done < <(icmpx_counts)
check "sysfs: a file for every count icmpxctl shows${missing:+ (missing:$missing)}" \
	test -z "$missing"
check "sysfs: every count the same as icmpxctl's${differ:+ (netlink/sysfs:$differ)}" \
	test -z "$differ"
drop_line() {
	awk -v f="$1" -v r="$2" '$1 == "drop" && $2 == f && $3 == r { print $4 }' /proc/net/icmpx
}
check "sysfs: ipv4/drops/malformed equals /proc/net/icmpx" \
	test "$(cat "$sys/ipv4/drops/malformed")" = "$(drop_line ipv4 malformed)"
check "sysfs: ipv4/drops/malformed is 1 or more" \
	test "$(cat "$sys/ipv4/drops/malformed")" -ge 1

end_test
