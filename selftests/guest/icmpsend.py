#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send raw ICMP or ICMPv6 messages, for the selftests.

    icmpsend.py [-6] [--hops N] [--bad-csum] [--count N] [--interval S]
                [--src ADDR] DEST HEX

HEX is the whole ICMP message, checksum bytes included (any value).  For
IPv4 the checksum is computed here (or deliberately broken with
--bad-csum); for ICMPv6 the kernel always computes it.  --src (IPv4
only) sends from any address, as a spoofer would, with a header of our
own (IP_HDRINCL; the kernel fills in its length and checksum).  Only the Python
standard library is used: it starts in a fraction of scapy's time, which
matters under an emulated CPU.
"""
import argparse
import socket
import sys
import time


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-6", dest="v6", action="store_true", help="send ICMPv6")
    p.add_argument("--hops", type=int, help="TTL or hop limit")
    p.add_argument("--bad-csum", action="store_true", help="break the checksum")
    p.add_argument("--count", type=int, default=1, help="how many to send")
    p.add_argument("--src", help="IPv4 source address to forge")
    p.add_argument("--interval", type=float, default=0,
                   help="seconds between messages; with --count > 1, "
                   "prints how long the sending took")
    p.add_argument("dest")
    p.add_argument("hex")
    a = p.parse_args()

    msg = bytearray(bytes.fromhex(a.hex))
    if a.v6:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        if a.hops is not None:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, a.hops)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, a.hops)
        # getaddrinfo() reads the zone of "fe80::1%eth0" into the scope
        # id; a tuple of (dest, 0, 0, 0) would say scope 0, any link.
        addr = socket.getaddrinfo(a.dest, None, socket.AF_INET6, socket.SOCK_RAW)[0][4]
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        if a.hops is not None:
            s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, a.hops)
        if len(msg) >= 4:
            msg[2:4] = b"\0\0"
            c = checksum(bytes(msg))
            if a.bad_csum:
                c ^= 0x5555
            msg[2:4] = c.to_bytes(2, "big")
        addr = (a.dest, 0)
        if a.src:
            s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
            ttl = 64 if a.hops is None else a.hops
            hdr = bytes([0x45, 0, 0, 0, 0, 0, 0, 0, ttl, 1, 0, 0])
            hdr += socket.inet_aton(a.src) + socket.inet_aton(a.dest)
            msg = bytearray(hdr) + msg
    data = bytes(msg)
    start = time.monotonic()
    for i in range(a.count):
        if i and a.interval:
            time.sleep(a.interval)
        s.sendto(data, addr)
    if a.count > 1:
        print("sent %d in %.3f s" % (a.count, time.monotonic() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
