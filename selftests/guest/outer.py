#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""ICMP behind the outer headers icmpx must walk past, checked against
what the receiving kernel made of each message.

    outer.py CTL IFACE RXNS RXMAC SRC4 DST4 SRC6 DST6 LLSRC6 [PREFIX]

Sent from IFACE (run in the sender's namespace) to the receiver in
namespace RXNS, COUNT (3) of each: echo requests behind IPv4 options
(no-ops; record route), behind an IPv6 hop-by-hop header, destination
options, a routing header with no segments left, hop-by-hop and
destination options together; and an MLD report behind a hop-by-hop
router alert, as every MLD message is sent.  Each must then be counted
by the receiver's kernel (InEchos and OutEchoReps and their IPv6 names,
Icmp6InGroupMembResponses) and by icmpx as a valid message of its type
(icmpxctl CTL -j stats in RXNS): counted once, never malformed, never
dropped.  Prints "PASS name" and "FAIL name # why" lines.
"""
import json
import logging
import subprocess
import sys
import time

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (ICMP, IP, IPOption_NOP, IPOption_RR, IPv6,  # noqa: E402
                       ICMPv6EchoRequest, ICMPv6MLReport, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, Ether, PadN,
                       RouterAlert, sendp)

COUNT = 3


def kernel(ns):
    """The receiver's kernel counters: snmp's Icmp row and snmp6."""
    out = subprocess.run(["ip", "netns", "exec", ns, "cat", "/proc/net/snmp",
                          "/proc/net/snmp6"], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    v, heads = {}, {}
    for line in out:
        w = line.split()
        if not w:
            continue
        if w[0].endswith(":"):
            if w[0] not in heads:
                heads[w[0]] = w[1:]
            else:
                v.update(zip(heads.pop(w[0]), map(int, w[1:])))
        elif len(w) == 2:
            v[w[0]] = int(w[1])
    return v


def icmpx(ctl, ns):
    """icmpx's counts by (family, type, counter)."""
    out = subprocess.run(["ip", "netns", "exec", ns, ctl, "-j", "stats"],
                         capture_output=True, text=True, check=True).stdout
    v = {}
    for fam, s in json.loads(out).items():
        for t in s["types"]:
            for k in ("received", "valid", "dropped"):
                v[(fam, t["type"], k)] = t[k]
    return v


def main():
    if len(sys.argv) not in (10, 11):
        print(__doc__, file=sys.stderr)
        return 2
    ctl, iface, ns, mac, src4, dst4, src6, dst6, ll6 = sys.argv[1:10]
    prefix = sys.argv[10] if len(sys.argv) > 10 else "outer: "
    echo6 = ICMPv6EchoRequest(id=0x1cb, seq=1)
    # (name, frame, family, type, the kernel's counters that must move)
    cases = [
        ("IPv4 options: no-ops", IP(src=src4, dst=dst4, options=[IPOption_NOP()] * 4) /
         ICMP(type=8, id=0x1cb), "ipv4", 8, ["InEchos", "OutEchoReps"]),
        ("IPv4 options: record route", IP(src=src4, dst=dst4,
                                          options=[IPOption_RR(routers=["0.0.0.0"] * 2)]) /
         ICMP(type=8, id=0x1cb), "ipv4", 8, ["InEchos", "OutEchoReps"]),
        ("IPv6 hop-by-hop", IPv6(src=src6, dst=dst6) /
         IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0\0\0\0")]) / echo6,
         "ipv6", 128, ["Icmp6InEchos", "Icmp6OutEchoReplies"]),
        ("IPv6 destination options", IPv6(src=src6, dst=dst6) /
         IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0\0\0")]) / echo6,
         "ipv6", 128, ["Icmp6InEchos", "Icmp6OutEchoReplies"]),
        ("IPv6 routing header, no segments left", IPv6(src=src6, dst=dst6) /
         IPv6ExtHdrRouting(type=0, segleft=0, addresses=[]) / echo6,
         "ipv6", 128, ["Icmp6InEchos", "Icmp6OutEchoReplies"]),
        ("IPv6 hop-by-hop and destination options", IPv6(src=src6, dst=dst6) /
         IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0\0\0\0")]) /
         IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0\0\0")]) / echo6,
         "ipv6", 128, ["Icmp6InEchos", "Icmp6OutEchoReplies"]),
        ("IPv6 MLD report behind a router alert", IPv6(src=ll6, dst="ff02::1", hlim=1) /
         IPv6ExtHdrHopByHop(options=[RouterAlert()]) / ICMPv6MLReport(mladdr="ff02::1"),
         "ipv6", 131, ["Icmp6InGroupMembResponses"]),
    ]
    for name, pkt, fam, typ, truths in cases:
        dst_mac = "33:33:00:00:00:01" if fam == "ipv6" and pkt[IPv6].dst == "ff02::1" else mac
        k0, i0 = kernel(ns), icmpx(ctl, ns)
        sendp(Ether(dst=dst_mac) / pkt, iface=iface, count=COUNT, verbose=False)
        time.sleep(0.5)
        k1, i1 = kernel(ns), icmpx(ctl, ns)
        why = []
        for t in truths:
            d = k1.get(t, 0) - k0.get(t, 0)
            if d != COUNT:
                why.append(f"the kernel's {t} moved by {d}")
        for k, want in (("received", COUNT), ("valid", COUNT), ("dropped", 0)):
            d = i1.get((fam, typ, k), 0) - i0.get((fam, typ, k), 0)
            if d != want:
                why.append(f"icmpx's {fam} {typ} {k} moved by {d}, not {want}")
        print(("FAIL" if why else "PASS") + f" {prefix}{name}: counted by icmpx and the kernel"
              + (" # " + "; ".join(why) if why else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
