#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What comes before the ICMP header, and around the frame: icmpx must
# find every message behind the headers a real network puts there, and
# count it as the kernel does.
#
#   TX                               RX (topo_pair, vm/topo.sh)
#   +------------------------+      +------------------------+
#   | veth0  10.9.0.2/24     |----->| veth0  10.9.0.1/24     |
#   |        fd09::2/64      |      |        fd09::1/64      |
#   | veth0.10 10.9.10.2/24  |----->| veth0.10 10.9.10.1/24  |
#   |        fd09:10::2/64   |      |        fd09:10::1/64   |
#   +------------------------+      +------------------------+
#
# Echo requests behind IPv4 options, IPv6 hop-by-hop, destination
# options and routing headers, and an MLD report behind its hop-by-hop
# router alert (outer.py, with scapy); then pings over an 802.1Q VLAN
# on the same link.  Each is held to the receiving kernel's own counts
# (InEchos, OutEchoReps, their IPv6 names, Icmp6InGroupMembResponses)
# and must be counted by icmpx once, as a valid message of its type.
#
# Needs icmpx loaded, tools/icmpxctl built and scapy.  Exit status as
# kselftest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ctl=$here/../../tools/icmpxctl/icmpxctl
tx=icmpx-otx rx=icmpx-orx
n=5

needs icmpx "$ctl"
load_module veth
load_module 8021q
if ! topo_pair $tx $rx; then
	fail "outer: topology"
	exit 1
fi
ll6=$(ip -n $tx -6 -br addr show dev veth0 scope link | awk '{ sub("/.*", "", $3); print $3 }')
py_results "outer: outer.py" ip netns exec $tx /usr/bin/python3 "$here/outer.py" "$ctl" \
	veth0 $rx "$rxmac" 10.9.0.2 10.9.0.1 fd09::2 fd09::1 "$ll6"

# answered PING-ARGS...: how many answers tx's ping got.
answered() {
	ip netns exec $tx ping -q "$@" 2>&1 | awk '/received/ { print $4 + 0 }'
}

# The same link, tagged: rx's icmpx sees the frames once they are off
# the VLAN device, as the kernel does.
if ip -n $tx link add link veth0 name veth0.10 type vlan id 10 &&
   ip -n $rx link add link veth0 name veth0.10 type vlan id 10; then
	pass "outer: VLAN 10 on both ends"
	for ns in $tx:2 $rx:1; do
		ip -n "${ns%:*}" addr add "10.9.10.${ns#*:}/24" dev veth0.10
		ip -n "${ns%:*}" addr add "fd09:10::${ns#*:}/64" dev veth0.10 nodad
		ip -n "${ns%:*}" link set veth0.10 up
	done
	e4=$(icmpx_count $rx ipv4 8/received) k4=$(snmp $rx InEchos)
	e6=$(icmpx_count $rx ipv6 128/received) k6=$(snmp $rx Icmp6InEchos)
	expect "outer: VLAN: every ping answered (IPv4)" \
		"$(answered -c $n -i 0.2 -W 2 10.9.10.1)" $n
	expect "outer: VLAN: every ping answered (IPv6)" \
		"$(answered -6 -c $n -i 0.2 -W 2 fd09:10::1)" $n
	expect "outer: VLAN: icmpx counted what the kernel did (IPv4)" \
		"$(($(icmpx_count $rx ipv4 8/received) - e4)) $(($(snmp $rx InEchos) - k4))" "$n $n"
	expect "outer: VLAN: icmpx counted what the kernel did (IPv6)" \
		"$(($(icmpx_count $rx ipv6 128/received) - e6)) $(($(snmp $rx Icmp6InEchos) - k6))" \
		"$n $n"
	# Record route over the VLAN: rx fills the option in for local
	# delivery and leaves the IP header's checksum stale.
	c0=$(icmpx_count $rx ipv4 checksum) k4=$(snmp $rx InEchos)
	expect "outer: VLAN: record route answered, as the kernel did" \
		"$(answered -R -c $n -i 0.2 -W 2 10.9.10.1) $(($(snmp $rx InEchos) - k4))" "$n $n"
	expect "outer: VLAN: ... no bad checksum counted" \
		$(($(icmpx_count $rx ipv4 checksum) - c0)) 0
else
	fail "outer: VLAN 10 on both ends" "no 802.1Q in this kernel"
fi

# The same over loopback, rx to itself.
c0=$(icmpx_count $rx ipv4 checksum) k4=$(snmp $rx InEchos)
expect "outer: loopback: record route answered, as the kernel did" \
	"$(ip netns exec $rx ping -q -R -c $n -i 0.2 -W 2 127.0.0.1 2>&1 |
	   awk '/received/ { print $4 + 0 }') $(($(snmp $rx InEchos) - k4))" "$n $n"
expect "outer: loopback: ... no bad checksum counted" $(($(icmpx_count $rx ipv4 checksum) - c0)) 0

end_test
