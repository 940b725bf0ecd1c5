#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A policy is its namespace's alone.  Three namespaces, three policies,
# the same messages:
#
#   H1                   R                                    H2
#   eth0 10.9.1.2/24 --- eth1 10.9.1.1/24   eth2 10.9.2.1/24 --- eth0 10.9.2.2/24
#        fd09:1::2/64         fd09:1::1/64       fd09:2::1/64         fd09:2::2/64
#   (topo_router, vm/topo.sh)
#
#   H1  drops every echo request (a forced rule)
#   R   the host preset, as loaded
#   H2  limits echo requests to 1/s, burst 2, for all sources at once
#
# R pings H1 and H2, H1 pings R.  Each namespace's kernel is the truth:
# what its icmpx let through is what it counted (InEchos, Icmp6InEchos),
# and the pings got back what each policy allows: nothing from H1, the
# burst and the rate from H2, everything from R.
#
# Needs icmpx loaded and tools/icmpxctl built.  Exit status as kselftest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ctl=$here/../../tools/icmpxctl/icmpxctl
h1=icmpx-ph1 r=icmpx-pr h2=icmpx-ph2
n=6

needs icmpx "$ctl"
load_module veth
if ! topo_router $h1 $r $h2; then
	fail "policies: topology"
	exit 1
fi

# answered NS PING-ARGS...: how many answers NS's ping got.
answered() {
	local ns=$1
	shift
	ip netns exec "$ns" ping -q "$@" 2>&1 | awk '/received/ { print $4 + 0 }'
}

# Neighbours resolved first, through R, before any rule is in force.
quiet answered $h1 -c 1 -W 2 10.9.2.2
quiet answered $h1 -6 -c 1 -W 2 fd09:2::2
check "policies: H1 drops echo requests" \
	ip netns exec $h1 "$ctl" rule add echo-request drop force
check "policies: H2 limits them, 1/s burst 2" \
	ip netns exec $h2 "$ctl" rule add echo-request limit 1/s burst 2 global force

for fam in 4 6; do
	if [ $fam = 4 ]; then
		a1=10.9.1.2 a2=10.9.2.2 ar=10.9.1.1 key=InEchos t=8 f=ipv4
	else
		a1=fd09:1::2 a2=fd09:2::2 ar=fd09:1::1 key=Icmp6InEchos t=128 f=ipv6
	fi
	k1=$(snmp $h1 $key) k2=$(snmp $h2 $key) kr=$(snmp $r $key)
	d1=$(icmpx_count $h1 $f $t/dropped) d2=$(icmpx_count $h2 $f $t/limit-dropped)
	got1=$(answered $r -$fam -c $n -i 0.1 -W 1 $a1)
	t0=$(date +%s.%N)
	got2=$(answered $r -$fam -c $n -i 0.1 -W 1 $a2)
	# The burst, and the rate over the time the pings took.
	most=$(awk -v t0="$t0" -v t1="$(date +%s.%N)" 'BEGIN { printf "%d", 2 + (t1 - t0) + 1 }')
	gotr=$(answered $h1 -$fam -c $n -i 0.1 -W 1 $ar)
	expect "policies: IPv$fam: H1 answered none" "$got1" 0
	expect "policies: IPv$fam: ... its icmpx dropped each, its kernel saw none" \
		"$(($(icmpx_count $h1 $f $t/dropped) - d1)) $(($(snmp $h1 $key) - k1))" "$n 0"
	echo "# policies: IPv$fam: H2 answered $got2 of $n, at most $most allowed"
	check "policies: IPv$fam: H2 answered its burst and what its rate allows" \
		test "$got2" -ge 2 -a "$got2" -le "$most" -a "$got2" -lt $n
	expect "policies: IPv$fam: ... its kernel saw what its icmpx let through" \
		"$(($(snmp $h2 $key) - k2)) $(($(icmpx_count $h2 $f $t/limit-dropped) - d2))" \
		"$got2 $((n - got2))"
	expect "policies: IPv$fam: R answered every one" "$gotr" $n
	expect "policies: IPv$fam: ... as its kernel counted" "$(($(snmp $r $key) - kr))" $n
done

end_test
