#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No container gets a lever on the host.  An unprivileged user (nobody)
# makes a user and network namespace, where it is root, and has icmpx
# there fill its per-source table and dump the heaviest 65536 of it;
# meanwhile the host times its own requests, to icmpx (get-config) and
# to another generic netlink family (nlctrl's family list, what genl
# ctrl list asks), which must keep answering: icmpx does not take the
# mutex every family shares, nor hold up the host while it walks a
# large table.  genl_timer.py times them from one process, so that the
# times are the kernel's and not those of starting programs.
#
#   host, as root                       nobody's namespaces
#   ┌───────────────────────────┐       ┌─────────────────────────────┐
#   │ nlctrl family list (timed)│       │ dummy0 <── icmpx_bench       │
#   │ icmpx get-config  (timed) │       │   spoof4: a source each      │
#   │ in a loop                 │       │ icmpxctl sources --top 65536 │
#   └───────────────────────────┘       └─────────────────────────────┘
#
# The table is sources_max=ICMPX_SCALE_SOURCES (131072) entries, filled
# through icmpx's hook by icmpx_bench.ko (each message from a new
# source), which is faster than any sender under TCG.
#
# Needs icmpx.ko, icmpx_bench.ko and unprivileged user namespaces.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ko=$ICMPX_MODDIR/icmpx.ko
bench_ko=$ICMPX_MODDIR/icmpx_bench.ko
bench=/sys/kernel/debug/icmpx_bench
ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
max=${ICMPX_SCALE_SOURCES:-131072}
top=65536
# A request that waits this long has waited for something else.
slow_ms=1000

needs icmpx "$ko" "$bench_ko" "$ctl"
load_module dummy
tmp=$(mktemp -d)
userns=
# The last added runs first: the user namespace and the timer go, then
# the bench module.
at_exit 'rm -rf "$tmp"'
at_exit 'rmmod icmpx_bench'
at_exit '[ -n "$userns" ] && kill "$userns"; rm -f "$tmp/run"; wait'

if ! reload sources_max="$max" || ! { lsmod | grep -q '^icmpx_bench' ||
				     insmod "$bench_ko"; }; then
	fail "scale: load icmpx sources_max=$max and icmpx_bench"
	exit 1
fi

# nobody's namespaces; it is root in them, and nobody on the host.
setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	unshare -Urn sleep 1000 < /dev/null > /dev/null 2>&1 &
userns=$!
for _ in $(seq 50); do
	[ "$(readlink "/proc/$userns/ns/net")" != "$(readlink /proc/self/ns/net)" ] &&
	[ "$(readlink "/proc/$userns/ns/user")" != "$(readlink /proc/self/ns/user)" ] && break
	sleep 0.1
done
# inside CMD...: run CMD as nobody's root, in its namespaces.
inside() {
	nsenter -t "$userns" -U -n -S 0 -G 0 "$@"
}
if ! check "scale: nobody made a user and network namespace" \
	test "$(stat -c %u "/proc/$userns")" = 65534 -a \
	"$(readlink "/proc/$userns/ns/net")" != "$(readlink /proc/self/ns/net)"; then
	exit 1
fi
check "scale: nobody's root makes a device there" \
	inside sh -c 'ip link add dummy0 type dummy && ip link set dummy0 up && ip link set lo up'
check "scale: and a per-source rule" \
	inside "$ctl" rule add -4 echo-request limit 1000/s burst 10 per-source /32

# Fill the table: each message from a new source, through icmpx's hook
# in nobody's namespace (icmpx_bench sends into the writer's namespace).
t0=$(date +%s%N)
nsenter -t "$userns" -n sh -c "echo $max spoof4 > $bench"
t1=$(date +%s%N)
n=$(inside awk '$1 == "sources" { print $2 }' /proc/net/icmpx)
echo "# $max messages from as many sources in $(((t1 - t0) / 1000000)) ms; table $n of $max"
check "scale: nobody's table filled (${n:-0} of $max)" test "${n:-0}" -ge $((max / 2))
check "scale: the host's table untouched" \
	test "$(awk '$1 == "sources" { print $2 }' /proc/net/icmpx)" = 0

# The host's requests, each timed in ms, while nobody dumps.  Entries go
# five seconds after their source is last seen, and the fill takes
# longer than that under the debug kernel: nobody's table is filled
# again, and dumped at once, its count taken right before and after.
# The timer starts first, ready before the fill; it times from the
# moment $tmp/run exists until it is gone: the dump alone.
/usr/bin/python3 "$here/genl_timer.py" "$tmp/run" "$tmp/t" &
looper=$!
for _ in $(seq 100); do
	[ -e "$tmp/t.icmpx" ] && break
	sleep 0.1
done
held='awk '\''$1 == "sources" { print $2 }'\'' /proc/net/icmpx'
nsenter -t "$userns" -n sh -c "
	echo $max spoof4 > $bench
	$held > $tmp/n0
	touch $tmp/run
	t0=\$(date +%s%N)
	timeout 600 nsenter -t $userns -U -n -S 0 -G 0 $ctl sources --top $top \\
		> $tmp/dump 2> $tmp/dump.err
	echo \$? > $tmp/rc
	t1=\$(date +%s%N)
	rm -f $tmp/run
	$held > $tmp/n1
	echo \$(((t1 - t0) / 1000000)) > $tmp/ms"
rm -f "$tmp/run"
wait "$looper"
n0=$(cat "$tmp/n0" 2> /dev/null) n1=$(cat "$tmp/n1" 2> /dev/null)
n0=${n0:-0} n1=${n1:-0} rc=$(cat "$tmp/rc" 2> /dev/null || echo none)
got=$(grep -c '^ipv4 ' "$tmp/dump")
echo "# nobody's dump: $got sources of $n0 (then $n1) in $(cat "$tmp/ms") ms (rc $rc)"
# Nothing enters the table after the fill, and entries leave it: the
# dump returns no more than the table held before it, and at least what
# it still held after, less what left meanwhile (a freed entry is
# counted until its grace period is over).
most=$(( n0 < top ? n0 : top ))
least=$(( n1 < top ? n1 : top ))
least=$(( least - (n0 - n1) ))
check "scale: nobody's dump of the heaviest $top returned ($got, from $least to $most)" \
	test "$rc" = 0 -a "$got" -le "$most" -a "$got" -ge "$least" -a "$n0" -ge "$top"
for what in genl icmpx; do
	count=$(wc -l < "$tmp/t.$what" 2> /dev/null || echo 0)
	slowest=$(sort -n "$tmp/t.$what" 2> /dev/null | tail -1 | cut -d' ' -f1)
	median=$(sort -n "$tmp/t.$what" 2> /dev/null | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 0 }')
	echo "# host's $what requests during the dump: $count answers, median $median ms, slowest ${slowest:-none} ms"
	check "scale: the host's $what requests kept answering ($count, slowest ${slowest:-none} ms < $slow_ms)" \
		test "$count" -ge 10 -a "${slowest:-$slow_ms}" -lt $slow_ms -a \
		"$(grep -c failed "$tmp/t.$what")" = 0
done
# as_nobody CMD...: CMD as nobody on the host, its namespaces the host's.
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"
}
check "scale: nobody on the host may not list the host's sources" \
	test "$(as_nobody "$ctl" sources > /dev/null 2>&1; echo $?)" = 1

end_test
