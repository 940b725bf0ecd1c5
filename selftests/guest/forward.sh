#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Forwarded ICMP is the router's to pass on, not icmpx's to judge: icmpx
# sees what is addressed to the router itself, never what it forwards,
# whatever its policy says.  Built on topo_router (vm/topo.sh):
#
#   H1                   R                                    H2
#   eth0 10.9.1.2/24 --- eth1 10.9.1.1/24   eth2 10.9.2.1/24 --- eth0 10.9.2.2/24
#        fd09:1::2/64         fd09:1::1/64       fd09:2::1/64         fd09:2::2/64
#
# R drops every echo request addressed to it (a rule, forced).  H1
# pings R, which stays silent, then H2 through R, which answers every
# one.  The counts are held to the kernel's: what R forwarded
# (Ip:ForwDatagrams), what H2 answered (OutEchoReps), what H1's ping got
# back.  Then the same with R's links in a VRF, as on a router that keeps
# its transit routes apart.
#
# Needs icmpx loaded and tools/icmpxctl built.  Exit status as kselftest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ctl=$here/../../tools/icmpxctl/icmpxctl
h1=icmpx-fh1 r=icmpx-fr h2=icmpx-fh2
n=5

needs icmpx "$ctl"
load_module veth
load_module vrf

# answered NS PING-ARGS...: how many answers ping got.
answered() {
	local ns=$1
	shift
	ip netns exec "$ns" ping -q "$@" 2>&1 | awk '/received/ { print $4 + 0 }'
}

# forward VARIANT [--vrf VRF]
forward() {
	local v=$1 fwd echo4 echo6 reps c0
	shift
	if ! topo_router "$@" $h1 $r $h2; then
		fail "forward/$v: topology"
		return
	fi
	# Every neighbour resolved before anything counts, by pings that R
	# forwards: its icmpx sees none of them.
	quiet answered $h2 -c 1 -W 2 10.9.1.2
	quiet answered $h2 -6 -c 1 -W 2 fd09:1::2
	# force: RFC 4890 would have a host answer every IPv6 echo request.
	check "forward/$v: R drops echo requests to itself (a rule)" \
		ip netns exec $r "$ctl" rule add echo-request drop force

	expect "forward/$v: R's rule in force: its own address silent (IPv4)" \
		"$(answered $h1 -c 1 -W 1 10.9.1.1)" 0
	expect "forward/$v: R's rule in force: its own address silent (IPv6)" \
		"$(answered $h1 -6 -c 1 -W 1 fd09:1::1)" 0

	fwd=$(snmp $r Ip:ForwDatagrams)
	reps=$(snmp $h2 OutEchoReps)
	echo4=$(icmpx_count $r ipv4 8/received)
	echo6=$(icmpx_count $r ipv6 128/received)
	expect "forward/$v: H1 pings H2 through R: every answer back (IPv4)" \
		"$(answered $h1 -c $n -i 0.2 -W 2 10.9.2.2)" $n
	expect "forward/$v: H1 pings H2 through R: every answer back (IPv6)" \
		"$(answered $h1 -6 -c $n -i 0.2 -W 2 fd09:2::2)" $n
	expect "forward/$v: H2's kernel answered each (OutEchoReps)" \
		"$(( $(snmp $h2 OutEchoReps) - reps ))" $n
	check "forward/$v: R's kernel forwarded them, both ways (Ip:ForwDatagrams)" \
		test "$(( $(snmp $r Ip:ForwDatagrams) - fwd ))" -ge $((2 * n))
	expect "forward/$v: icmpx in R saw none of them" \
		"$(icmpx_count $r ipv4 8/received) $(icmpx_count $r ipv6 128/received)" \
		"$echo4 $echo6"
	expect "forward/$v: icmpx in R counted only what was R's: two echo requests" \
		"$(icmpx_count $r ipv4 8/received) $(icmpx_count $r ipv6 128/received)" "1 1"

	# Record route: R writes itself in and mends the header's checksum
	# as it forwards; H2 writes itself in for local delivery and does
	# not.  H2's kernel answers each; so must H2's icmpx let them by.
	c0=$(icmpx_count $h2 ipv4 checksum) reps=$(snmp $h2 OutEchoReps)
	expect "forward/$v: record route through R: every answer back" \
		"$(answered $h1 -R -c $n -i 0.2 -W 2 10.9.2.2)" $n
	expect "forward/$v: ... H2's kernel answered each, its icmpx found no bad checksum" \
		"$(($(snmp $h2 OutEchoReps) - reps)) $(($(icmpx_count $h2 ipv4 checksum) - c0))" "$n 0"
}

forward plain
forward vrf --vrf vrf-f

end_test
