#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Namespace tests: real ICMP between two namespaces, counted by icmpx in
# the namespace that received it and nowhere else.
#
#   +------------------+              +------------------+
#   |  ns1             |              |  ns2             |
#   |  veth1           |<------------>|  veth2           |
#   |  10.0.0.1/24     |              |  10.0.0.2/24     |
#   |  fd00::1/64      |              |  fd00::2/64      |
#   +------------------+              +------------------+
#
# The initial namespace takes no part and must count nothing.
#
# Needs icmpx loaded; the reload test also needs ICMPX_MODDIR (the
# folder holding icmpx.ko).  Exit status as kselftest: 0 pass, 1 fail,
# 4 skip.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=vm/lib.sh
. "$here/vm/lib.sh"

ns1=icmpx-ns1
ns2=icmpx-ns2
n1() { ip netns exec "$ns1" "$@"; }
n2() { ip netns exec "$ns2" "$@"; }

cleanup() {
	local pid
	for pid in $(jobs -p); do
		kill "$pid" 2> /dev/null
	done
	wait 2> /dev/null
	ip netns del "$ns1" 2> /dev/null
	ip netns del "$ns2" 2> /dev/null
}
trap cleanup EXIT

# counter NS FAMILY KEY: one value from /proc/net/icmpx of namespace NS
# ("" for the initial one); KEY is a type number or a total's name.
counter() {
	local ns=$1 fam=$2 key=$3
	local cmd=(awk -v f="$fam" -v k="$key" '
		$1 == "type" && $2 == f && $3 == k { v = $5 }
		$1 == "total" && $2 == f && $3 == k { v = $4 }
		END { print v + 0 }' /proc/net/icmpx)
	if [ -n "$ns" ]; then
		ip netns exec "$ns" "${cmd[@]}"
	else
		"${cmd[@]}"
	fi
}

# expect_count NAME NS FAMILY KEY WANT
expect_count() {
	local got
	got=$(counter "$2" "$3" "$4")
	if [ "$got" = "$5" ]; then
		pass "$1"
	else
		fail "$1" "counter $3 $4 in ${2:-init}: got $got, want $5"
	fi
}

setup() {
	cleanup
	ip netns add "$ns1" && ip netns add "$ns2" || return 1
	ip link add veth1 netns "$ns1" type veth peer name veth2 netns "$ns2" || return 1
	n1 ip addr add 10.0.0.1/24 dev veth1
	n2 ip addr add 10.0.0.2/24 dev veth2
	n1 ip -6 addr add fd00::1/64 dev veth1 nodad
	n2 ip -6 addr add fd00::2/64 dev veth2 nodad
	n1 ip link set lo up
	n2 ip link set lo up
	n1 ip link set veth1 up
	n2 ip link set veth2 up
}

if [ ! -r /proc/net/icmpx ]; then
	skip "netns" "icmpx is not loaded"
	exit 4
fi
load_module veth
if ! setup; then
	fail "netns: setup" "cannot create namespaces and veth"
	exit 1
fi

# Only the initial namespace's own traffic could move these; it sends none.
init_v4=$(counter "" ipv4 received)
init_v6=$(counter "" ipv6 received)

test_ping4() {
	check "ping4: 5 echo requests answered" quiet n1 ping -q -c 5 -i 0.2 -W 2 10.0.0.2
	expect_count "ping4: receiver counts 5 echo-request" "$ns2" ipv4 8 5
	expect_count "ping4: receiver counts no echo-reply" "$ns2" ipv4 0 0
	expect_count "ping4: receiver counts 5 in all" "$ns2" ipv4 received 5
	expect_count "ping4: sender counts 5 echo-reply" "$ns1" ipv4 0 5
	expect_count "ping4: sender counts no echo-request" "$ns1" ipv4 8 0
	expect_count "ping4: nothing malformed" "$ns2" ipv4 malformed 0
}

test_ping6() {
	check "ping6: 5 echo requests answered" quiet n1 ping -6 -q -c 5 -i 0.2 -W 2 fd00::2
	expect_count "ping6: receiver counts 5 echo-request" "$ns2" ipv6 128 5
	expect_count "ping6: receiver counts no echo-reply" "$ns2" ipv6 129 0
	expect_count "ping6: sender counts 5 echo-reply" "$ns1" ipv6 129 5
	expect_count "ping6: sender counts no echo-request" "$ns1" ipv6 128 0
	expect_count "ping6: nothing malformed" "$ns2" ipv6 malformed 0
}

# A message shorter than the 8-byte ICMP header, sent through a raw
# socket: counted against the type it claims, and as truncated.
test_truncated() {
	local before
	before=$(counter "$ns2" ipv4 13)
	check "truncated: 4-byte ICMP sent" n1 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.sendto(bytes([13, 0, 0, 0]), ("10.0.0.2", 0))
'
	sleep 0.5
	expect_count "truncated: counted as truncated" "$ns2" ipv4 truncated 1
	expect_count "truncated: counted against its type" "$ns2" ipv4 13 $((before + 1))
}

test_init_ns_untouched() {
	expect_count "init netns: no ipv4 counted" "" ipv4 received "$init_v4"
	expect_count "init netns: no ipv6 counted" "" ipv6 received "$init_v6"
}

# Unload and load again while both families flood ns2: the hooks must go
# away cleanly under traffic, and the namespaces that already existed
# must get fresh hooks and counters at the next load.
test_reload_under_flood() {
	local ko=${ICMPX_MODDIR:-}/icmpx.ko i ok=1
	if [ ! -f "$ko" ]; then
		skip "reload: under flood" "ICMPX_MODDIR not set"
		return
	fi
	n1 ping -q -f 10.0.0.2 > /dev/null 2>&1 &
	n1 ping -6 -q -f fd00::2 > /dev/null 2>&1 &
	sleep 1
	for i in 1 2 3; do
		rmmod icmpx || { ok=0; break; }
		insmod "$ko" || { ok=0; break; }
		sleep 0.5
	done
	kill %1 %2 2> /dev/null
	wait 2> /dev/null
	if [ $ok = 1 ]; then
		pass "reload: 3 unloads and loads under a ping flood"
	else
		fail "reload: 3 unloads and loads under a ping flood"
	fi
	check "reload: counters come back per namespace" quiet n1 ping -q -c 2 -i 0.2 -W 2 10.0.0.2
	# The flood was cut at the last load; what ns2 counted since then is
	# the tail of the flood plus our two pings, so only a lower bound holds.
	local got
	got=$(counter "$ns2" ipv4 8)
	if [ "$got" -ge 2 ]; then
		pass "reload: existing namespace counts after reload"
	else
		fail "reload: existing namespace counts after reload" "got $got"
	fi
}

test_ping4
test_ping6
test_truncated
test_init_ns_untouched
test_reload_under_flood

[ "$_failed" = 0 ]
