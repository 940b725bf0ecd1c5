#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# /sys/kernel/icmpx: the initial namespace's counters, one per file,
# read-only, and the same numbers as its /proc/net/icmpx and as what
# icmpxctl reads over netlink.  Pings over lo in the initial namespace
# give them something to count.  Then its zones' directories: lo in a
# zone of its own, counted there against the kernel's own count of the
# echo messages it took, and the zones adding up to the namespace.
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
ko=${ICMPX_MODDIR:-}/icmpx.ko

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

# Zones: /sys/kernel/icmpx/zones/NAME, the initial namespace's.
ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
zs=$sys/zones
check "sysfs: the default zone has its directory" test -r "$zs/default/ipv4/received"
check "sysfs: a zone for lo" "$ctl" zone add loz lo
check "sysfs: the zone has its directory" \
	test -r "$zs/loz/ipv4/received" -a -r "$zs/loz/ipv6/drops/rule" -a -r "$zs/loz/ipv4/reasons/truncated"
expect "sysfs: a zone's counters start at 0" "$(cat "$zs/loz/ipv4/received")" 0
d0=$(cat "$zs/default/ipv4/received")
e0=$(($(snmp "" InEchos) + $(snmp "" InEchoReps)))
n=$(ping -q -c 4 -i 0.2 -W 2 127.0.0.1 | awk '/received/ { print $4 }')
expect "sysfs: ping over lo answered in zone loz" "$n" 4
e1=$(($(snmp "" InEchos) + $(snmp "" InEchoReps)))
expect "sysfs: zones/loz/ipv4/accepted is the kernel's count of echo messages" \
	"$(cat "$zs/loz/ipv4/accepted")" $((e1 - e0))
expect "sysfs: zones/default/ipv4/received did not move" \
	"$(cat "$zs/default/ipv4/received")" "$d0"
check "sysfs: a truncated message sent over lo" \
	/usr/bin/python3 "$here/icmpsend.py" 127.0.0.1 0d000000
sleep 0.3
expect "sysfs: zones/loz/ipv4/reasons/truncated" "$(cat "$zs/loz/ipv4/reasons/truncated")" 1

# Every file of the namespace's that a zone has too: the sum of the zones'.
differ= files=0
while read -r f; do
	files=$((files + 1))
	v=0
	for z in "$zs"/*/; do
		v=$((v + $(cat "$z$f")))
	done
	[ "$v" = "$(cat "$sys/$f")" ] || differ+=" $f=$(cat "$sys/$f")/$v"
done < <(cd "$zs/loz" && find . -type f -printf '%P\n')
check "sysfs: every one of a zone's $files files adds up over the zones${differ:+ (namespace/zones:$differ)}" \
	test "$files" -gt 40 -a -z "$differ"
modes=$(find "$zs" -type f -printf '%m\n' | sort -u | tr '\n' ' ')
check "sysfs: every file of the zones is 0444 ($modes)" test "$modes" = "444 "

# A zone in another namespace has no directory here.
load_module dummy
ip netns add icmpx-sysz
ip -n icmpx-sysz link add d0 type dummy
check "sysfs: a zone in another namespace" ip netns exec icmpx-sysz "$ctl" zone add other d0
check "sysfs: ... has no directory in the initial namespace's" test ! -e "$zs/other"
ip netns del icmpx-sysz

# Files read while their zone comes and goes, 10 times: each read a
# number or refused, never a crash (KASAN, lockdep on the debug kernel).
( while :; do cat "$zs"/loz/ipv4/* "$zs"/loz/ipv6/drops/* > /dev/null 2>&1; done ) &
reader=$!
bad=0
for _ in $(seq 1 10); do
	"$ctl" zone del loz && "$ctl" zone add loz lo || bad=$((bad + 1))
done
kill "$reader"
wait "$reader" 2> /dev/null
expect "sysfs: a zone deleted and made again 10 times while read" "$bad" 0
expect "sysfs: a zone made again starts from 0" "$(cat "$zs/loz/ipv4/received")" 0
check "sysfs: the zone deleted" "$ctl" zone del loz
check "sysfs: ... and its directory gone" test ! -e "$zs/loz"
expect "sysfs: the zones are the default one" "$(ls "$zs")" default

# icmpx goes with a zone of the initial namespace in place: its
# directory with it (kmemleak, the log on the debug kernel).
"$ctl" zone add loz lo
check "sysfs: unloaded with a zone in place" rmmod icmpx
check "sysfs: ... every directory gone" test ! -e "$sys"
check "sysfs: loaded again" insmod "$ko"
check "sysfs: ... without the zone" test ! -e "$zs/loz" -a -d "$zs/default"

end_test
