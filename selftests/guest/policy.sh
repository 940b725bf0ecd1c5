#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Policy tests: what icmpx drops and lets through, checked against what
# the kernel's own ICMP code then saw (/proc/net/snmp, snmp6) and did
# (the routes it learned from redirects and packet-too-big messages).
#
#          +------- sw: br0 --------+
#          |           |            |
#   +-------------+ +-----------+ +---------------------+
#   | h (tested)  | | r1        | | r2                  |
#   | 192.0.2.10  | | 192.0.2.1 | | 192.0.2.2           |
#   | 2001:db8:1::10| | ::1     | | ::2                 |
#   | fe80::10    | | fe80::1   | | fe80::2             |
#   | default via | | forwards; | | lo: 198.51.100.0/28 |
#   | r1          | | 198.51.100.0/24 via r2 |  2001:db8:9::/120 |
#   +-------------+ | 2001:db8:9::/64 via r2 | also forges |
#                   |   eth1 mtu 1400   |    +---------------------+
#                   +---------|---------+
#                   +---------|---------+
#                   | far 203.0.113.2   |
#                   |     2001:db8:2::2 |
#                   +-------------------+
#
# r1 is h's gateway.  Traffic from h to r2's loopback goes to r1, which
# forwards it back out of the same port and redirects h to r2: a real
# redirect from the real gateway.  r2 plays the attacker too, sending
# redirects, source quenches and errors of its own making.
#
# Needs icmpx loaded and ICMPX_MODDIR (the module is reloaded with
# parameters); leaves it loaded with its defaults.  Exit status as
# kselftest: 0 pass, 1 fail, 4 skip.
#
# On the debug kernel its seven minutes would check again what KUnit's
# icmpx-policy checks in the kernel (every preset and setting against the
# same decisions); the paths its packets take are the corpus's, the
# fuzzers' and the namespace tests', which run there.
# Skip on debug: KUnit's icmpx-policy checks the same decisions there
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ko=${ICMPX_MODDIR:-}/icmpx.ko
h=icmpx-h r1=icmpx-r1 r2=icmpx-r2 sw=icmpx-sw far=icmpx-far
all="$h $r1 $r2 $sw $far"
send="/usr/bin/python3 $here/icmpsend.py"

# ix NS WHAT...: icmpx_value's.
ix() {
	icmpx_value "$@"
}


# route_via NS ADDR GATEWAY: does NS now send to ADDR through GATEWAY?
route_via() {
	ip -n "$1" route get "$2" | grep -q "via $3 "
}

# mtu_learned NS ADDR MTU: has NS learned the path MTU towards ADDR?
mtu_learned() {
	ip -n "$1" route get "$2" | grep -q "mtu $3"
}

# logged TEXT: has the kernel logged TEXT since the last dmesg -C?
logged() {
	dmesg | grep -q "$1"
}


setup() {
	local ns
	netns_new $all || return 1
	for ns in $all; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_ra=0 \
			net.ipv6.conf.default.router_solicitations=0 \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.addr_gen_mode=1 || return 1
		ip -n "$ns" link set lo up
	done
	ip -n "$sw" link add br0 type bridge || return 1
	ip -n "$sw" link set br0 up
	for ns in h:10 r1:1 r2:2; do
		ip link add eth0 netns "icmpx-${ns%:*}" type veth \
			peer name "p${ns%:*}" netns "$sw" || return 1
		ip -n "$sw" link set "p${ns%:*}" master br0 up
		ip -n "icmpx-${ns%:*}" addr add "192.0.2.${ns#*:}/24" dev eth0
		ip -n "icmpx-${ns%:*}" addr add "2001:db8:1::${ns#*:}/64" dev eth0 nodad
		ip -n "icmpx-${ns%:*}" addr add "fe80::${ns#*:}/64" dev eth0 nodad
		ip -n "icmpx-${ns%:*}" link set eth0 up
	done

	ip link add eth1 netns "$r1" mtu 1400 type veth peer name eth0 netns "$far" mtu 1400 || return 1
	ip -n "$r1" addr add 203.0.113.1/24 dev eth1
	ip -n "$r1" addr add 2001:db8:2::1/64 dev eth1 nodad
	ip -n "$r1" addr add fe80::1/64 dev eth1 nodad
	ip -n "$r1" link set eth1 up
	ip -n "$far" addr add 203.0.113.2/24 dev eth0
	ip -n "$far" addr add 2001:db8:2::2/64 dev eth0 nodad
	ip -n "$far" addr add fe80::2/64 dev eth0 nodad
	ip -n "$far" link set eth0 up
	ip -n "$far" route add default via 203.0.113.1
	ip -n "$far" -6 route add default via 2001:db8:2::1

	ip netns exec "$r1" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ip -n "$r1" route add 198.51.100.0/24 via 192.0.2.2
	ip -n "$r1" -6 route add 2001:db8:9::/64 via fe80::2 dev eth0
	ip -n "$r2" addr add 198.51.100.1/28 dev lo
	ip -n "$r2" -6 addr add 2001:db8:9::1/120 dev lo
	ip -n "$h" route add default via 192.0.2.1
	ip -n "$h" -6 route add default via fe80::1 dev eth0
}

# Hex of the messages r2 forges.  Addresses: c000020a 192.0.2.10 (h),
# c000024d 192.0.2.77 (not h), c63364xx 198.51.100.x.  An inner IPv4
# header: 20 bytes, total length 28, then 8 bytes of ICMP echo or UDP.
# An echo reply is quoted, not a request: the kernel acts on a redirect
# about its own echo replies without a socket (icmp_err()).
ip4() { echo "4500001c0000000040${1}0000${2}${3}"; }
echo4="0000000012340001"
udp4="9c40829a00080000"
redirect4() { echo "05010000${1}$(ip4 01 c000020a "$2")$echo4"; }
quench4() { echo "0400000000000000$(ip4 01 c000020a c6336409)$echo4"; }
portunreach4() { echo "0303000000000000$(ip4 11 "$1" c6336409)$udp4"; }
timestamp4="0d00000012340001000000000000000000000000"
# ICMPv6 redirect: target fe80::2, destination 2001:db8:9::77.
redirect6="8900000000000000fe80000000000000000000000000000220010db8000900000000000000000077"
# A router advertisement that changes nothing: lifetime 0.
ra6="86000000400000000000000000000000"

# --- the host preset (the default) ---------------------------------------

test_real_redirects() {
	reload || { fail "host: load"; return; }
	expect "host: preset in force" "$(ix "$h" config preset)" host
	expect "host: redirects validated" "$(ix "$h" config redirect)" validate

	# The kernel follows a redirect only to a neighbour it has resolved
	# already (__ip_do_redirect()); otherwise it resolves it and waits for
	# the next redirect.  Resolve it first, so that one redirect does.
	quiet ip netns exec "$h" ping -q -c 1 -W 2 192.0.2.2
	quiet ip netns exec "$h" ping -q -c 1 -W 2 198.51.100.1
	sleep 0.5
	check "redirect4: from the real gateway, honoured" route_via "$h" 198.51.100.1 192.0.2.2
	expect "redirect4: accepted by icmpx" "$(ix "$h" type ipv4 5 accepted)" 1

	quiet ip netns exec "$h" ping -6 -q -c 1 -W 2 2001:db8:9::1
	sleep 0.5
	check "redirect6: from the real gateway, honoured" route_via "$h" 2001:db8:9::1 fe80::2
	expect "redirect6: accepted by icmpx" "$(ix "$h" type ipv6 137 accepted)" 1
}

test_forged_redirects() {
	local before

	before=$(snmp "$h" InRedirects)
	ip netns exec "$r2" $send 192.0.2.10 "$(redirect4 c0000202 c633644d)"
	expect "redirect4: from a non-gateway, dropped" \
		"$(ix "$h" drop ipv4 redirect-gateway)" 1
	expect "redirect4: from a non-gateway, never reaches the stack" \
		"$(snmp "$h" InRedirects)" "$before"
	check "redirect4: from a non-gateway, route unchanged" route_via "$h" 198.51.100.77 192.0.2.1

	before=$(snmp "$h" Icmp6InRedirects)
	ip netns exec "$r2" $send -6 --hops 255 fe80::10%eth0 "$redirect6"
	expect "redirect6: from a non-gateway, dropped" \
		"$(ix "$h" drop ipv6 redirect-gateway)" 1
	expect "redirect6: from a non-gateway, never reaches the stack" \
		"$(snmp "$h" Icmp6InRedirects)" "$before"

	# r2 forges the gateway's address and names 198.18.0.1, which it
	# also answers ARP for.  The kernel checks only that the new gateway
	# is unicast (shared_media, on by default); icmpx wants it on-link.
	ip -n "$r2" addr add 198.18.0.1/32 dev eth0
	ip netns exec "$r2" $send --src 192.0.2.1 192.0.2.10 "$(redirect4 c6120001 c633644e)"
	sleep 0.5
	ip netns exec "$r2" $send --src 192.0.2.1 192.0.2.10 "$(redirect4 c6120001 c633644e)"
	expect "redirect4: forged, to an off-link gateway, dropped twice" \
		"$(ix "$h" drop ipv4 redirect-offlink)" 2
	check "redirect4: forged, route unchanged" route_via "$h" 198.51.100.78 192.0.2.1

	# The same with redirects accepted: the kernel follows the forgery.
	reload redirect=accept || { fail "redirect=accept: load"; return; }
	ip netns exec "$r2" $send --src 192.0.2.1 192.0.2.10 "$(redirect4 c6120001 c633644f)"
	sleep 0.5
	ip netns exec "$r2" $send --src 192.0.2.1 192.0.2.10 "$(redirect4 c6120001 c633644f)"
	sleep 0.2
	check "redirect=accept: the kernel alone follows the forgery" \
		route_via "$h" 198.51.100.79 198.18.0.1
	expect "redirect=accept: accepted by icmpx" "$(ix "$h" type ipv4 5 accepted)" 2
}

# What icmpx remembers of the routing tables holds while the routes
# stand: the same redirect, dropped while its sender is not the first
# hop, is taken once a route makes it so.
test_redirect_after_route_change() {
	local msg

	reload || { fail "route change: load"; return; }
	msg=$(redirect4 c0000201 c633645a)
	ip netns exec "$r2" $send 192.0.2.10 "$msg"
	expect "redirect4: from r2, not the first hop, dropped" \
		"$(ix "$h" drop ipv4 redirect-gateway)" 1
	ip -n "$h" route add 198.51.100.90/32 via 192.0.2.2
	ip netns exec "$r2" $send 192.0.2.10 "$msg"
	expect "redirect4: the same once r2 is the first hop, accepted" \
		"$(ix "$h" type ipv4 5 accepted)" 1
	expect "redirect4: not dropped the second time" \
		"$(ix "$h" drop ipv4 redirect-gateway)" 1
	ip -n "$h" route del 198.51.100.90/32
}

test_source_quench() {
	local before

	reload || { fail "source quench: load"; return; }
	# The log is rate-limited (net_ratelimit(): 10 lines per 5 s).
	sleep 5
	dmesg -C
	before=$(snmp "$h" InSrcQuenchs)
	ip netns exec "$r2" $send 192.0.2.10 "$(quench4)"
	expect "source quench: dropped and counted" "$(ix "$h" drop ipv4 source-quench)" 1
	expect "source quench: never reaches the stack" "$(snmp "$h" InSrcQuenchs)" "$before"
	check "source quench: logged with source and destination" \
		logged "dropped ICMP type 4 from 192.0.2.2 to 192.0.2.10: source-quench"
}

test_errors() {
	local before

	before=$(snmp "$h" InDestUnreachs)
	ip netns exec "$r2" $send 192.0.2.10 "$(portunreach4 c000024d)"
	expect "error: quoting a datagram not ours, dropped" "$(ix "$h" drop ipv4 error-source)" 1
	expect "error: quoting a datagram not ours, never reaches the stack" \
		"$(snmp "$h" InDestUnreachs)" "$before"
	ip netns exec "$r2" $send 192.0.2.10 "$(portunreach4 c000020a)"
	expect "error: quoting our datagram, reaches the stack" \
		"$(snmp "$h" InDestUnreachs)" "$((before + 1))"

	before=$(snmp "$h" InTimestamps)
	ip netns exec "$r2" $send 192.0.2.10 "$timestamp4"
	expect "timestamp request: dropped by the host preset" "$(ix "$h" drop ipv4 rule)" 1
	expect "timestamp request: never reaches the stack" "$(snmp "$h" InTimestamps)" "$before"
}

test_totals() {
	local f r a d
	for f in ipv4 ipv6; do
		r=$(ix "$h" total $f received)
		a=$(ix "$h" total $f accepted)
		d=$(ix "$h" total $f dropped)
		expect "totals: $f received = accepted + dropped" "$r" "$((a + d))"
	done
}

# --- modes ---------------------------------------------------------------

test_monitor() {
	local sq ts rd

	reload mode=monitor || { fail "monitor: load"; return; }
	expect "monitor: mode in force" "$(ix "$h" config mode)" monitor
	sleep 5
	dmesg -C
	sq=$(snmp "$h" InSrcQuenchs)
	ts=$(snmp "$h" InTimestamps)
	rd=$(snmp "$h" InRedirects)
	ip netns exec "$r2" $send 192.0.2.10 "$(quench4)"
	ip netns exec "$r2" $send 192.0.2.10 "$timestamp4"
	ip netns exec "$r2" $send 192.0.2.10 "$(redirect4 c0000202 c633644d)"
	expect "monitor: source quench reaches the stack" "$(snmp "$h" InSrcQuenchs)" $((sq + 1))
	expect "monitor: timestamp request reaches the stack" "$(snmp "$h" InTimestamps)" $((ts + 1))
	expect "monitor: forged redirect reaches the stack" "$(snmp "$h" InRedirects)" $((rd + 1))
	expect "monitor: 3 would-be drops counted" "$(ix "$h" total ipv4 dropped)" 3
	expect "monitor: 3 counted as monitored" "$(ix "$h" total ipv4 monitored)" 3
	expect "monitor: by reason" \
		"$(ix "$h" drop ipv4 source-quench) $(ix "$h" drop ipv4 rule) $(ix "$h" drop ipv4 redirect-gateway)" \
		"1 1 1"
	check "monitor: logged as would drop" \
		logged "would drop ICMP type 4 from 192.0.2.2"
}

test_off() {
	local sq

	reload mode=off || { fail "off: load"; return; }
	sq=$(snmp "$h" InSrcQuenchs)
	ip netns exec "$r2" $send 192.0.2.10 "$(quench4)"
	expect "off: source quench reaches the stack" "$(snmp "$h" InSrcQuenchs)" $((sq + 1))
	# Mode off takes the hooks out: nothing parsed, nothing counted.
	expect "off: not even counted" "$(ix "$h" type ipv4 4 received)" 0
	expect "off: nothing decided" "$(ix "$h" total ipv4 dropped)" 0
}

# --- presets and parameters ----------------------------------------------

# A smaller MTU beyond r1: frag-needed and packet-too-big must get
# through the strictest preset, and the route learns the path MTU.
test_strict_pmtu() {
	reload preset=strict router_adv=allow routers=fe80::1 ||
		{ fail "strict: load"; return; }
	expect "strict: preset in force" "$(ix "$h" config preset)" strict

	quiet ip netns exec "$h" ping -q -c 1 -W 2 -M do -s 1450 203.0.113.2
	check "pmtu4: frag-needed learned through strict" \
		mtu_learned "$h" 203.0.113.2 1400
	expect "pmtu4: frag-needed accepted" "$(ix "$h" type ipv4 3 accepted)" 1
	check "pmtu4: a 1400-byte ping then gets through" \
		quiet ip netns exec "$h" ping -q -c 1 -W 2 -M do -s 1372 203.0.113.2

	quiet ip netns exec "$h" ping -6 -q -c 1 -W 2 -M do -s 1450 2001:db8:2::2
	check "pmtu6: packet too big learned through strict" \
		mtu_learned "$h" 2001:db8:2::2 1400
	expect "pmtu6: packet too big accepted" "$(ix "$h" type ipv6 2 accepted)" 1
	check "pmtu6: a 1400-byte ping then gets through" \
		quiet ip netns exec "$h" ping -6 -q -c 1 -W 2 -M do -s 1352 2001:db8:2::2

	local before
	before=$(snmp "$h" Icmp6InRouterAdvertisements)
	ip netns exec "$r1" $send -6 --hops 255 fe80::10%eth0 "$ra6"
	ip netns exec "$r2" $send -6 --hops 255 fe80::10%eth0 "$ra6"
	expect "ra guard: the listed router's advertisement reaches the stack" \
		"$(snmp "$h" Icmp6InRouterAdvertisements)" $((before + 1))
	expect "ra guard: the other one dropped" "$(ix "$h" drop ipv6 router-unlisted)" 1
}

# A router bound to its link (routers=fe80::1%eth0): a rogue on a second
# link of h, eth9, takes r1's link-local address; its advertisements
# must not pass for r1's.  Listed without a link, they do (the hole the
# binding closes).  Bound to eth9 by name, the binding outlives eth9
# deleted and made again.  The truth is the stack's own count of the
# advertisements that reached it (Icmp6InRouterAdvertisements).
test_ra_link() {
	local rogue=icmpx-rogue ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl before

	netns_new $rogue || { fail "ra link: namespace"; return; }
	ip netns exec $rogue sysctl -qw net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.addr_gen_mode=1
	rogue_link() {
		ip link add eth9 netns "$h" type veth peer name eth0 netns $rogue &&
		ip -n $rogue addr add fe80::1/64 dev eth0 nodad &&
		ip -n $rogue link set eth0 up && ip -n "$h" link set eth9 up
	}
	# ra_from NS: one advertisement to h from NS; prints what reached
	# h's stack of it (0 or 1).
	ra_from() {
		local n0
		n0=$(snmp "$h" Icmp6InRouterAdvertisements)
		ip netns exec "$1" $send -6 --hops 255 ff02::1%eth0 "$ra6"
		echo $(($(snmp "$h" Icmp6InRouterAdvertisements) - n0))
	}
	rogue_link || { fail "ra link: topology"; return; }

	reload preset=strict router_adv=allow routers=fe80::1%eth0 ||
		{ fail "ra link: load"; return; }
	expect "ra link: the binding in force" "$(icmpx_json "$h" show | jq -c .routers)" \
		'["fe80::1%eth0"]'
	expect "ra link: r1's advertisement on eth0 reaches the stack" "$(ra_from "$r1")" 1
	before=$(ix "$h" drop ipv6 router-unlisted)
	expect "ra link: r1's address on eth9 does not" "$(ra_from $rogue)" 0
	expect "ra link: dropped as router-unlisted" \
		"$(ix "$h" drop ipv6 router-unlisted)" $((before + 1))

	ip netns exec "$h" "$ctl" set routers fe80::1
	expect "ra link: listed on any link, the rogue's passes for r1's" \
		"$(ra_from $rogue)" 1

	ip netns exec "$h" "$ctl" set routers fe80::1%eth9
	expect "ra link: bound to eth9, r1's own does not reach the stack" \
		"$(ra_from "$r1")" 0
	expect "ra link: the one on eth9 does" "$(ra_from $rogue)" 1
	ip -n "$h" link del eth9
	rogue_link || { fail "ra link: eth9 again"; return; }
	expect "ra link: eth9 deleted and made again, still bound" \
		"$(ra_from $rogue)" 1
	expect "ra link: and r1's still not" "$(ra_from "$r1")" 0
	ip -n "$h" link del eth9
	ip netns del $rogue
}

# The binding behind a VRF.  vh's eth0 is a slave of the VRF blue: the
# VRF hands IPv4 messages to its own device, which the hook then sees
# as the arrival device, while IPv6 neighbour discovery stays on the
# slave.  A router bound to eth0 is the one on eth0 in both families.
# The truth is the stack's count of each family's advertisements in vh.
test_ra_vrf() {
	local vh=icmpx-vh vr=icmpx-vr ra4 before
	load_module vrf
	netns_new $vh $vr || { fail "ra vrf: namespaces"; return; }
	ip netns exec $vh sysctl -qw net.ipv6.conf.default.accept_dad=0
	# fe80::1 is vr's one link-local address: its advertisements' source.
	ip netns exec $vr sysctl -qw net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.addr_gen_mode=1
	ip -n $vh link add blue type vrf table 10 &&
	ip link add eth0 netns $vh type veth peer name eth0 netns $vr &&
	ip -n $vh link set eth0 master blue &&
	ip -n $vh addr add 10.77.0.2/24 dev eth0 &&
	ip -n $vh addr add fe80::2/64 dev eth0 nodad &&
	ip -n $vr addr add 10.77.0.1/24 dev eth0 &&
	ip -n $vr addr add fe80::1/64 dev eth0 nodad &&
	ip -n $vh link set blue up && ip -n $vh link set eth0 up &&
	ip -n $vr link set eth0 up || { fail "ra vrf: topology"; return; }
	# An advertisement of 10.77.0.1 with lifetime 0: it changes nothing.
	ra4=09000000010200000a4d000100000000

	reload preset=strict router_adv=allow routers=10.77.0.1%eth0,fe80::1%eth0 ||
		{ fail "ra vrf: load"; return; }
	before=$(snmp $vh IcmpMsg:InType9)
	ip netns exec $vr $send --hops 1 10.77.0.2 "$ra4"
	expect "ra vrf: the IPv4 advertisement of a router bound to the VRF's slave reaches the stack" \
		"$(snmp $vh IcmpMsg:InType9)" $((before + 1))
	before=$(snmp $vh Icmp6InRouterAdvertisements)
	ip netns exec $vr $send -6 --hops 255 ff02::1%eth0 "$ra6"
	expect "ra vrf: and the IPv6 one" \
		"$(snmp $vh Icmp6InRouterAdvertisements)" $((before + 1))
	expect "ra vrf: neither counted router-unlisted" \
		"$(ix $vh drop ipv4 router-unlisted)/$(ix $vh drop ipv6 router-unlisted)" 0/0

	# Bound to the VRF's own device, it is no router of eth0's.
	ip netns exec $vh "$ICMPX_SRC/tools/icmpxctl/icmpxctl" set routers 10.77.0.1%blue
	before=$(snmp $vh IcmpMsg:InType9)
	ip netns exec $vr $send --hops 1 10.77.0.2 "$ra4"
	expect "ra vrf: bound to the VRF device, the one on eth0 is dropped" \
		"$(snmp $vh IcmpMsg:InType9)/$(ix $vh drop ipv4 router-unlisted)" "$before/1"
	ip netns del $vh
	ip netns del $vr
}

# Documentation/policy.rst has a row per type with its action in each
# preset: load each preset and hold every row (and "other", every type
# not listed) against what the module reports.
test_doc_tables() {
	local doc=$here/../../Documentation/policy.rst preset col=3 out
	for preset in host router strict permissive; do
		reload preset=$preset || { fail "doc: load preset=$preset"; continue; }
		out=$(awk -v col=$col '
			function actual(f, t) {
				if (f == "ipv4" && t == 4) return cfg["source-quench"]
				if ((f == "ipv4" && t == 5) || (f == "ipv6" && t == 137))
					return cfg["redirect"]
				if ((f == "ipv4" && t == 9) || (f == "ipv6" && t == 134))
					return cfg["router-adv"]
				return ((f " " t) in act) ? act[f " " t] : "accept"
			}
			NR == FNR {
				if ($1 == "config") cfg[$2] = $3
				if ($1 == "rule" && $3 !~ /\//) act[$2 " " $3] = $5
				next
			}
			/^ICMPv4 types/ { fam = "ipv4" }
			/^ICMPv6 types/ { fam = "ipv6" }
			fam != "" && $1 == "-" && $2 == "other" { other[fam] = $col; nother++; next }
			fam != "" && $1 ~ /^[0-9]+$/ {
				rows++
				listed[fam " " $1] = 1
				if (actual(fam, $1) != $col) {
					print fam, $1, $2 ": documented " $col ", module " actual(fam, $1)
					bad++
				}
			}
			END {
				for (f in other)
					for (t = 0; t < 256; t++)
						if (!((f " " t) in listed) && actual(f, t) != other[f]) {
							print f, t, "(other): documented " other[f] ", module " actual(f, t)
							bad++
						}
				if (!rows || nother != 2)
					print "no type tables found"
			}' <(ip netns exec "$h" cat /proc/net/icmpx) "$doc")
		if [ -z "$out" ]; then
			pass "doc: policy.rst tables match the $preset preset"
		else
			echo "$out" | head -20
			fail "doc: policy.rst tables match the $preset preset"
		fi
		col=$((col + 1))
	done
}

test_bad_parameters() {
	local p
	rmmod icmpx 2> /dev/null
	for p in preset=lenient mode=audit redirect=bogus source_quench=maybe \
		 router_adv=never validate_errors=yes routers=fe80::1,router2; do
		dmesg -C
		if insmod "$ko" "$p" 2> /dev/null; then
			fail "parameters: $p refused"
			rmmod icmpx
		else
			check "parameters: $p refused, with a message" \
				logged "icmpx: invalid ${p%%=*}="
		fi
	done
}

needs icmpx "$ko"
load_module veth
load_module bridge
if ! setup; then
	fail "policy: setup" "cannot build the topology"
	exit 1
fi

test_real_redirects
test_forged_redirects
test_redirect_after_route_change
test_source_quench
test_errors
test_totals
test_monitor
test_off
test_strict_pmtu
test_ra_link
test_ra_vrf
test_doc_tables
test_bad_parameters
reload || fail "policy: reload with defaults"
check "parameters: visible read-only" test "$(stat -c %a /sys/module/icmpx/parameters/preset)" = 444

end_test
