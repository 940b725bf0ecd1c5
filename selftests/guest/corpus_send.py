#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send every case of the parser corpus as a real packet.

    corpus_send.py DIR IFACE PEER_MAC COUNT

DIR holds the seed files and manifest that tools/fuzz/seeds writes from
icmpx/tests/corpus.h.  Each seed starts with three bytes of context
(family, hop limit, which source and destination address), then the ICMP
message.  The message is sealed with a correct checksum (ICMPv6: with
the pseudo-header of the addresses it is sent with) and sent COUNT times
from IFACE with scapy, framed for PEER_MAC (or a multicast MAC).  The
addresses are the corpus's own: 192.0.2.1 -> 192.0.2.2 and
fe80::1 -> fe80::2, which the selftest configures.
"""
import ipaddress
import logging
import os
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import IP, IPv6, Ether, Raw, sendp  # noqa: E402

from icmpsend import checksum as csum  # noqa: E402

SRC6 = ["fe80::1", "2001:db8::1", "::", "fe80::1"]
DST6 = ["fe80::2", "ff02::1", "ff02::1:ff00:2", "fe80::2"]


def seal(msg, pseudo=b""):
    msg = bytearray(msg)
    if len(msg) >= 4:
        msg[2:4] = b"\0\0"
        msg[2:4] = csum(pseudo + bytes(msg)).to_bytes(2, "big")
    return bytes(msg)


def packet(seed, peer_mac):
    fam, hops, sel, msg = seed[0] & 1, seed[1], seed[2], seed[3:]
    if fam == 0:
        return Ether(dst=peer_mac) / IP(src="192.0.2.1", dst="192.0.2.2",
                                        ttl=hops, proto=1) / Raw(seal(msg))
    src, dst = SRC6[sel & 3], DST6[(sel >> 2) & 3]
    pseudo = (ipaddress.IPv6Address(src).packed +
              ipaddress.IPv6Address(dst).packed +
              len(msg).to_bytes(4, "big") + b"\0\0\0\x3a")
    d = ipaddress.IPv6Address(dst)
    mac = "33:33:" + ":".join("%02x" % b for b in d.packed[12:]) if d.is_multicast else peer_mac
    return Ether(dst=mac) / IPv6(src=src, dst=dst, hlim=hops, nh=58) / Raw(seal(msg, pseudo))


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    folder, iface, peer_mac, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    pkts = []
    with open(os.path.join(folder, "manifest")) as f:
        for line in f:
            name = line.split()[0]
            with open(os.path.join(folder, name), "rb") as s:
                pkts.append(packet(s.read(), peer_mac))
    sendp(pkts * count, iface=iface, verbose=False)
    print("sent %d packets (%d cases x %d)" % (len(pkts) * count, len(pkts), count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
