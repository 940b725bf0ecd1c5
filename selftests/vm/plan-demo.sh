#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo` inside the VM: load icmpx, send real ICMP and ICMPv6 from
# one namespace to another, and show what icmpx counted.  Output goes to
# the results port, which the host prints as it arrives.
set -u
exec >&"$ICMPX_RESULT_FD" 2>&1

if [ "${ICMPX_COLOR:-0}" = 1 ]; then
	say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
	say() { printf '\n$ %s\n' "$*"; }
fi
run() { say "$*"; "$@"; }
ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
# icmpxctl in namespace b, shown as the command a user types.
ctl_b() { say "ip netns exec b icmpxctl $*"; ip netns exec b "$ctl" "$@"; }

[ -n "${ICMPX_MODROOT:-}" ] && modprobe -d "$ICMPX_MODROOT" veth

echo "Kernel $(uname -r), $(nproc) CPUs."
run insmod "$ICMPX_MODDIR/icmpx.ko"
dmesg | grep icmpx | tail -n 2

say "ip netns add a; ip netns add b  (veth: a 10.0.0.1 fd00::1 <-> b 10.0.0.2 fd00::2)"
ip netns add a
ip netns add b
ip link add veth0 netns a type veth peer name veth0 netns b
ip -n a addr add 10.0.0.1/24 dev veth0
ip -n b addr add 10.0.0.2/24 dev veth0
ip -n a -6 addr add fd00::1/64 dev veth0 nodad
ip -n b -6 addr add fd00::2/64 dev veth0 nodad
ip -n a link set veth0 up
ip -n b link set veth0 up

run ip netns exec a ping -c 3 -i 0.2 10.0.0.2
run ip netns exec a ping -6 -c 3 -i 0.2 fd00::2

say "ip netns exec a python3 (scapy): timestamp, unreachable, time exceeded, redirect, source quench, packet too big; and malformed: a truncated message, a bad checksum, a neighbor solicitation from off-link (hop limit 64)"
ip netns exec a python3 - <<'PY'
import logging
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (IP, IPv6, ICMP, ICMPv6PacketTooBig, ICMPv6ND_NS, UDP,
                       Raw, send)
b, b6 = "10.0.0.2", "fd00::2"
inner = IP(src=b, dst="10.0.0.1") / UDP(sport=33434, dport=53)
pkts = [
    IP(dst=b) / ICMP(type=13),
    IP(dst=b) / ICMP(type=3, code=3) / inner,
    IP(dst=b) / ICMP(type=11, code=0) / inner,
    IP(dst=b) / ICMP(type=5, code=1, gw="10.0.0.9") / inner,
    IP(dst=b) / ICMP(type=4) / inner,
    IP(dst=b, proto=1) / Raw(b"\x0d\x00\x00\x00"),  # 4 bytes: truncated
    IP(dst=b) / ICMP(type=8, chksum=0x1234),           # bad checksum
]
send(pkts, verbose=False)
send(IPv6(dst=b6) / ICMPv6PacketTooBig(mtu=1280) /
     IPv6(src=b6, dst="fd00::1") / UDP(sport=33434, dport=53), verbose=False)
send(IPv6(dst=b6, hlim=64) / ICMPv6ND_NS(tgt=b6), verbose=False)
print("sent %d packets" % (len(pkts) + 2))
PY
sleep 1

say "ip netns exec a ping -q -f -w 3 10.0.0.2    # a flood: the host preset answers 20 at once, then 10/s"
ip netns exec a ping -q -f -w 3 10.0.0.2 | tail -n 2
ctl_b sources --top 5
ctl_b stats
ctl_b

ctl_b rule add echo-request limit 2/s burst 2
ctl_b monitor -c 3 &
sleep 0.5
say "ip netns exec a ping -c 6 -i 0.1 10.0.0.2    # 2 at once, then 2/s: the rest are events"
ip netns exec a ping -q -c 6 -i 0.1 10.0.0.2 | tail -n 2
wait
ctl_b -j stats -4 echo-request
say "ip netns exec b icmpxctl stats --prometheus | grep -E 'type=\"8\"|reason=\"limit\"'"
ip netns exec b "$ctl" stats --prometheus | grep -E 'type="8"|ipv4",reason="limit"'
ctl_b save
say "cat /proc/net/icmpx                    # the initial namespace: nothing"
grep received /proc/net/icmpx
run ping -q -c 3 -i 0.2 127.0.0.1
say "grep . /sys/kernel/icmpx/ipv4/{received,accepted,dropped} /sys/kernel/icmpx/ipv4/types/8/*"
grep . /sys/kernel/icmpx/ipv4/received /sys/kernel/icmpx/ipv4/accepted \
	/sys/kernel/icmpx/ipv4/dropped /sys/kernel/icmpx/ipv4/types/8/*

run rmmod icmpx
