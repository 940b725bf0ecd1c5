#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# icmpx must never drop what the kernel itself would have used.  A router
# sends the host the errors and redirects of real topologies, and the
# kernel's own answer is the measure: the route exception `ip route get`
# shows, the errors queued on the socket that sent the datagram
# (selftests/guest/stack.py).  icmpx's counters only say why.
#
#   +----------------------------+  veth  +------------------------+
#   | rx (icmpx)                 |--------| r1 (router)            |
#   | veth0 10.9.0.1  fd09::1    |        | veth0 10.9.0.2 fd09::2 |
#   |       fe80::1              |        |       fe80::2          |
#   | [vrf-x, table 10: "vrf"]   |        | sends the errors and   |
#   | default via 10.9.0.2 and   |        | redirects, and as r2   |
#   |   fe80::2; r2 10.9.0.3,    |        | (10.9.0.3, fe80::3)    |
#   |   fe80::3, r3 10.9.0.4,    |        | a second router's      |
#   |   fe80::4 on the link      |        |                        |
#   | AnyIP 192.0.2.0/24,        |        +------------------------+
#   |   2001:db8:a::/64 on lo    |   peers 198.51.100.1 and .2,
#   | TPROXY return path for     |   2001:db8:99::1 and ::2 lie behind
#   |   203.0.113.0/24,          |   r1 and never answer
#   |   2001:db8:7::/64          |
#   +----------------------------+
#
# Variants: "plain" and "vrf" (rx's interface in a VRF), each under the
# host and strict presets (strict with redirect validate, since its own
# setting drops them).  Then, on the plain topology: AnyIP, an IPv6
# anycast address (joined by the socket), a transparent socket's
# address, RFC 4884 extensions, one router's flood beside another's
# errors, loopback, and mode off.
#
# Needs icmpx loaded and ICMPX_SRC.  Exit status as kselftest.
#
# Debian's 6.1 builds no nfnetlink_hook: `nft list hooks` lists nothing.
# May skip on 6.1: stack/off: hooks listed
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

rx=icmpx-srx r1=icmpx-sr1
ctl=$here/../../tools/icmpxctl/icmpxctl
py=/usr/bin/python3

# topo plain|vrf: the drawing above, anew.
topo() {
	local vrf=() ns
	netns_new $rx $r1 || return 1
	for ns in $rx $r1; do
		ip netns exec $ns sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.router_solicitations=0 \
			net.ipv6.conf.default.addr_gen_mode=1
		ip -n $ns link set lo up
	done
	ip link add veth0 netns $rx type veth peer name veth0 netns $r1 || return 1
	if [ "$1" = vrf ]; then
		ip -n $rx link add vrf-x type vrf table 10 &&
			ip -n $rx link set vrf-x up &&
			ip -n $rx link set veth0 master vrf-x || return 1
		vrf=(vrf vrf-x)
	fi
	ip -n $rx link set veth0 up
	ip -n $r1 link set veth0 up
	ip -n $rx addr add 10.9.0.1/24 dev veth0
	ip -n $rx addr add fd09::1/64 dev veth0 nodad
	ip -n $rx addr add fe80::1/64 dev veth0 nodad
	ip -n $r1 addr add 10.9.0.2/24 dev veth0
	ip -n $r1 addr add fd09::2/64 dev veth0 nodad
	ip -n $r1 addr add fe80::2/64 dev veth0 nodad
	ip -n $rx route add default via 10.9.0.2 "${vrf[@]}" || return 1
	ip -n $rx -6 route add default via fe80::2 dev veth0 "${vrf[@]}" || return 1
	# r2: a second router on the link; the kernel takes a redirect
	# only to a neighbour it has resolved.
	ip -n $rx neigh add 10.9.0.3 lladdr 02:00:00:00:00:03 dev veth0 nud permanent
	ip -n $rx neigh add 10.9.0.4 lladdr 02:00:00:00:00:04 dev veth0 nud permanent
	ip -n $r1 route add default via 10.9.0.1
	ip -n $r1 -6 route add default via fd09::1
	[ "$1" = vrf ] && return 0
	# AnyIP, and the return path of a transparent proxy (policy routed
	# for what comes from r1, so that icmpx finds the socket, not a
	# local route, behind the address).
	ip -n $rx route add local 192.0.2.0/24 dev lo
	ip -n $rx -6 route add local 2001:db8:a::/64 dev lo
	ip -n $rx route add local 203.0.113.0/24 dev lo table 100
	ip -n $rx rule add from 10.9.0.2 to 203.0.113.0/24 lookup 100
	ip -n $rx -6 route add local 2001:db8:7::/64 dev lo table 100
	ip -n $rx -6 rule add from fd09::2 to 2001:db8:7::/64 lookup 100
}

c() { ip netns exec $rx "$ctl" "$@"; }

# stack NAME [--vrf VRF] SCENARIO...: stack.py's cases.
stack() {
	local name=$1
	shift
	py_results "$name" $py "$here/stack.py" --name "$name" "$@"
}

# The stock kernels have these as modules (the debug kernel built in).
load_module veth
load_module vrf
load_module nfnetlink_hook 2> /dev/null

for variant in plain vrf; do
	for preset in host strict; do
		name="stack/$variant/$preset"
		if ! topo $variant; then
			fail "$name: topology"
			continue
		fi
		c preset $preset > /dev/null
		[ $preset = strict ] && c set redirect validate
		vrfarg=()
		[ $variant = vrf ] && vrfarg=(--vrf vrf-x)
		stack "$name" "${vrfarg[@]}" $rx $r1 pmtu redirect
		if [ $variant = plain ]; then
			stack "$name" $rx $r1 anyip anycast tproxy
		fi
		expect "$name: icmpx dropped nothing" \
			"$(( $(icmpx_count $rx ipv4 dropped) + $(icmpx_count $rx ipv6 dropped) ))" 0
	done
done

topo plain || fail "stack: topology"
c preset host > /dev/null
stack stack/rfc4884 $rx $r1 rfc4884
expect "stack/rfc4884: the extensions icmpx read as absent are counted" \
	"$(icmpx_count $rx ipv4 ext-length)+$(icmpx_count $rx ipv4 ext-invalid)+$(icmpx_count $rx ipv6 ext-invalid)" \
	"1+1+1"
expect "stack/rfc4884: nothing malformed" \
	"$(( $(icmpx_count $rx ipv4 malformed) + $(icmpx_count $rx ipv6 malformed) ))" 0

topo plain || fail "stack: topology"
stack stack/errors $rx $r1 errors
# A global limit on unreachables, well below what the flood sends: what
# arrives on loopback must not spend it.
c rule add destination-unreachable limit 200/s burst 200
stack stack/loopback $rx $r1 loopback
lo=$(icmpx_count $rx ipv4 loopback)
check "stack/loopback: the flood's unreachables counted as loopback ($lo)" test "$lo" -gt 100

# Mode off: no hook, nothing parsed or counted; the kernel still counts.
topo plain || fail "stack: topology"
hooks() { ip netns exec $rx nft list hooks 2> /dev/null | grep -c 'icmpx_ipv[46]_in'; }
inmsgs() { snmp $rx InMsgs; }
# nft lists hooks through nfnetlink_hook, which 6.1 does not have: there
# it prints nothing (once nf_tables is loaded) rather than failing, so
# what tells is a listing with something in it, icmpx's hooks being in.
load_module nfnetlink_hook 2> /dev/null
listed=0
[ -n "$(ip netns exec $rx nft list hooks 2> /dev/null)" ] && listed=1
if [ $listed = 1 ]; then
	expect "stack/off: hooks in with mode enforce" "$(hooks)" 2
	c set mode off
	expect "stack/off: no hook left with mode off" "$(hooks)" 0
else
	c set mode off
	skip "stack/off: hooks listed" "nft list hooks needs nfnetlink_hook"
fi
before=$(icmpx_count $rx ipv4 received) k0=$(inmsgs)
ip netns exec $r1 ping -c 3 -i 0.2 -W 1 10.9.0.1 > /dev/null
expect "stack/off: nothing counted with mode off" "$(icmpx_count $rx ipv4 received)" "$before"
check "stack/off: the kernel had the echo requests ($k0 -> $(inmsgs))" \
	test "$(inmsgs)" -ge $((k0 + 3))
c set mode enforce
if [ $listed = 1 ]; then
	expect "stack/off: hooks back with mode enforce" "$(hooks)" 2
fi
ip netns exec $r1 ping -c 3 -i 0.2 -W 1 10.9.0.1 > /dev/null
expect "stack/off: counted again with mode enforce" \
	"$(icmpx_count $rx ipv4 received)" "$((before + 3))"

end_test
