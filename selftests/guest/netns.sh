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
# Needs icmpx loaded; the no-defrag test also needs ICMPX_MODDIR (the
# folder holding icmpx.ko).  Reloads under a flood are lifecycle.sh's.  Exit status as kselftest: 0 pass, 1 fail,
# 4 skip.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ns1=icmpx-ns1
ns2=icmpx-ns2
n1() { ip netns exec "$ns1" "$@"; }
n2() { ip netns exec "$ns2" "$@"; }

# counter NS FAMILY KEY: icmpx_count's, in namespace NS ("" for the
# initial one); a type's number alone is what arrived of that type.
counter() {
	case $3 in
	*[!0-9]*)	icmpx_count "$1" "$2" "$3" ;;
	*)		icmpx_count "$1" "$2" "$3/received" ;;
	esac
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
	netns_new "$ns1" "$ns2" || return 1
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

needs icmpx
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
	expect_count "ping4: all 5 valid" "$ns2" ipv4 8/valid 5
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
	expect_count "truncated: as malformed of its type" "$ns2" ipv4 13/malformed 1
	expect_count "truncated: not as valid" "$ns2" ipv4 13/valid 0
}

send4() { n1 /usr/bin/python3 "$here/icmpsend.py" "$@"; }
send6() { n1 /usr/bin/python3 "$here/icmpsend.py" -6 "$@"; }

# expect_delta NAME NS FAMILY KEY BEFORE DELTA
expect_delta() {
	expect_count "$1" "$2" "$3" "$4" $(($5 + $6))
}

# Malformed messages from a raw socket, each counted under its reason.
# Quoted datagrams: IPv4 10.0.0.2 -> 198.51.100.1 UDP, IPv6 fd00::2 ->
# 2001:db8::99 UDP.
in4=450000300000400040110000 in4+=0a000002c6336401 in4+=829a003500080000
in6=6000000000081140 in6+=fd000000000000000000000000000002
in6+=20010db8000000000000000000000099 in6+=829a003500080000

test_reasons() {
	local b b2 b3 b4 b5 b6
	b=$(counter "$ns2" ipv4 checksum)
	check "reasons: v4 echo with a bad checksum sent" send4 --bad-csum 10.0.0.2 0800000000010001
	b2=$(counter "$ns2" ipv4 mtu-low)
	check "reasons: v4 frag-needed with MTU 10 sent" send4 10.0.0.2 "030400000000000a$in4"
	b3=$(counter "$ns2" ipv4 inner-short)
	check "reasons: v4 time-exceeded quoting nothing sent" send4 10.0.0.2 0b00000000000000
	b4=$(counter "$ns2" ipv6 hop-limit)
	check "reasons: v6 neighbor solicitation, hop limit 64, sent" \
		send6 --hops 64 fd00::2 "8700000000000000fd000000000000000000000000000002"
	b5=$(counter "$ns2" ipv6 mtu-low)
	check "reasons: v6 packet-too-big with MTU 1000 sent" send6 fd00::2 "02000000000003e8$in6"
	b6=$(counter "$ns2" ipv6 inner-header)
	check "reasons: v6 unreachable quoting an IPv4 header sent" \
		send6 fd00::2 "0104000000000000${in6/#60/40}"
	sleep 0.5
	expect_delta "reasons: bad checksum counted" "$ns2" ipv4 checksum "$b" 1
	# The stack takes an MTU no link has (and clamps it): noted, not malformed.
	expect_delta "reasons: MTU 10 noted as mtu-low" "$ns2" ipv4 mtu-low "$b2" 1
	expect_delta "reasons: empty quote counted as inner-short" "$ns2" ipv4 inner-short "$b3" 1
	expect_delta "reasons: NDP hop limit counted" "$ns2" ipv6 hop-limit "$b4" 1
	expect_delta "reasons: PTB MTU 1000 noted as mtu-low" "$ns2" ipv6 mtu-low "$b5" 1
	expect_delta "reasons: v4 header in v6 quote counted" "$ns2" ipv6 inner-header "$b6" 1
}

# In every namespace and family, malformed is the sum of its reasons.
test_reason_sums() {
	local ns fam sum
	for ns in "$ns1" "$ns2"; do
		for fam in ipv4 ipv6; do
			sum=$(icmpx_json "$ns" stats | jq ".$fam.malformed | add // 0")
			expect_count "sums: $ns $fam malformed is the sum of its reasons" \
				"$ns" "$fam" malformed "$sum"
		done
	done
}

# Errors the kernel itself sends are well formed: UDP to a closed port.
test_real_errors() {
	local u4 u6
	u4=$(counter "$ns1" ipv4 3)
	u6=$(counter "$ns1" ipv6 1)
	n1 /usr/bin/python3 -c '
import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("10.0.0.2", 9))
socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).sendto(b"x", ("fd00::2", 9))'
	sleep 0.5
	expect_delta "errors: v4 port unreachable counted" "$ns1" ipv4 3 "$u4" 1
	expect_delta "errors: v6 port unreachable counted" "$ns1" ipv6 1 "$u6" 1
	expect_count "errors: sender saw nothing malformed (v4)" "$ns1" ipv4 malformed 0
	expect_count "errors: sender saw nothing malformed (v6)" "$ns1" ipv6 malformed 0
}

# Fragmented echo requests: IPv4 is reassembled before LOCAL_IN and
# parsed once, whole; IPv6, without nf_defrag_ipv6 (the default), only
# after it: its first fragment reaches icmpx, counted as a fragment and
# not parsed as a (truncated) echo request.
test_fragments() {
	local e4 e6 f6 m4 m6
	e4=$(counter "$ns2" ipv4 8)
	m4=$(counter "$ns2" ipv4 malformed)
	e6=$(counter "$ns2" ipv6 128)
	f6=$(counter "$ns2" ipv6 fragment)
	m6=$(counter "$ns2" ipv6 malformed)
	check "fragments: 3000-byte ping answered" quiet n1 ping -q -c 1 -s 3000 -W 2 10.0.0.2
	check "fragments: 3000-byte ping -6 answered" quiet n1 ping -6 -q -c 1 -s 3000 -W 2 fd00::2
	expect_delta "fragments: v4 echo counted once" "$ns2" ipv4 8 "$e4" 1
	expect_delta "fragments: nothing malformed (v4)" "$ns2" ipv4 malformed "$m4" 0
	expect_delta "fragments: v6 first fragment counted" "$ns2" ipv6 fragment "$f6" 1
	expect_delta "fragments: no v6 echo request parsed" "$ns2" ipv6 128 "$e6" 0
	expect_delta "fragments: nothing malformed (v6)" "$ns2" ipv6 malformed "$m6" 0
}

test_init_ns_untouched() {
	expect_count "init netns: no ipv4 counted" "" ipv4 received "$init_v4"
	expect_count "init netns: no ipv6 counted" "" ipv6 received "$init_v6"
}

# With ipv6_defrag=1, nf_defrag_ipv6 reassembles before icmpx: the echo
# request is parsed once, whole, and no fragment reaches it.
test_defrag() {
	local ko=${ICMPX_MODDIR:-}/icmpx.ko
	if [ ! -f "$ko" ]; then
		skip "defrag: reassembled first" "ICMPX_MODDIR not set"
		return
	fi
	rmmod icmpx && insmod "$ko" ipv6_defrag=1 || {
		fail "defrag: reload with ipv6_defrag=1"
		return
	}
	check "defrag: 3000-byte ping -6 answered" quiet n1 ping -6 -q -c 1 -s 3000 -W 2 fd00::2
	expect_count "defrag: v6 echo counted once, reassembled" "$ns2" ipv6 128 1
	expect_count "defrag: no v6 fragment reached icmpx" "$ns2" ipv6 fragment 0
	expect_count "defrag: nothing malformed" "$ns2" ipv6 malformed 0
	rmmod icmpx && insmod "$ko" || fail "defrag: reload with defaults"
}

test_ping4
test_ping6
test_truncated
test_reasons
test_real_errors
test_fragments
test_reason_sums
test_init_ns_untouched
test_defrag

end_test
