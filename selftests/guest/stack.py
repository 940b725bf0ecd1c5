#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What the kernel makes of ICMP a router sends, with icmpx in the way.

    stack.py [--vrf VRF] [--name NAME] RX R1 SCENARIO...

RX is the host icmpx guards, R1 a router on its link (selftests/guest/stack.sh
draws them).  Each scenario has RX send a datagram, has R1 answer it with
an ICMP error or redirect built here byte by byte, and asks the kernel,
not icmpx, what came of it: the route exception `ip route get` shows,
and the errors queued on the socket that sent the datagram (IP_RECVERR).
Prints "PASS name" and "FAIL name # why" lines, as py_results reads.

Only the standard library: sockets are made in each namespace in turn
(setns), which a scapy start would take longer than under TCG.
"""
import argparse
import ctypes
import errno
import os
import re
import socket
import struct
import subprocess
import sys
import time

CLONE_NEWNET = 0x40000000
IP_RECVERR = 11
IP_TRANSPARENT = 19
IP_RECVERR_RFC4884 = 26
IPV6_JOIN_ANYCAST = 27
IPV6_RECVERR = 25
IPV6_TRANSPARENT = 75
IPV6_FREEBIND = 78
IPV6_RECVERR_RFC4884 = 31
SO_EE_RFC4884_FLAG_INVALID = 1

PEER4, PEER6 = "198.51.100.1", "2001:db8:99::1"
# Another peer: its route still goes through r1 after a redirect of the
# first one's, and a redirect must come from the current first hop.
PEER4_2, PEER6_2 = "198.51.100.2", "2001:db8:99::2"
R1_4, R1_6, R1_LL = "10.9.0.2", "fd09::2", "fe80::2"
RX_4, RX_6, RX_LL = "10.9.0.1", "fd09::1", "fe80::1"
R2_4, R2_LL = "10.9.0.3", "fe80::3"
# A third router, for redirects a case must not find installed already.
R3_4, R3_LL = "10.9.0.4", "fe80::4"
ANYIP4, ANYIP6 = "192.0.2.10", "2001:db8:a::10"
# A host joins anycast addresses of its on-link prefixes only.
ANYCAST6 = "fd09::ac:1"
TPROXY4, TPROXY6 = "203.0.113.7", "2001:db8:7::7"

libc = ctypes.CDLL(None, use_errno=True)
failed = 0
# Each packet too big names a smaller MTU than the one before: a route
# exception only ever goes down, and one left by an earlier case must
# not pass for this one's.
next_mtu = 1480


def enter(ns):
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), "setns " + ns)
    finally:
        os.close(fd)


def result(ok, name, why=""):
    global failed
    if ok:
        print("PASS " + name)
    else:
        failed += 1
        print("FAIL %s # %s" % (name, why))
    sys.stdout.flush()


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ip4(src, dst, proto, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0x1234,
                    0x4000, 64, proto, 0, socket.inet_aton(src),
                    socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ip6(src, dst, nh, payload):
    return (struct.pack("!IHBB", 6 << 28, len(payload), nh, 64) +
            socket.inet_pton(socket.AF_INET6, src) +
            socket.inet_pton(socket.AF_INET6, dst) + payload)


def udp(sport, dport, data):
    return struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data


def icmp4(typ, code, rest, body):
    m = struct.pack("!BBH", typ, code, 0) + rest + body
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def icmp6(typ, code, rest, body):
    # Raw ICMPv6 sockets have the kernel fill in the checksum.
    return struct.pack("!BBH", typ, code, 0) + rest + body


def ext_mpls(bad_csum=False):
    """An RFC 4884 extension structure, one MPLS label stack object."""
    obj = struct.pack("!HBBI", 8, 1, 1, (16 << 12) | (1 << 8) | 255)
    hdr = struct.pack("!BBH", 0x20, 0, 0)
    c = csum(hdr + obj) ^ (0x5555 if bad_csum else 0)
    return hdr[:2] + struct.pack("!H", c) + obj


class Sender:
    """A datagram of RX's, from a socket kept to read its errors."""

    def __init__(self, a, v6, src=None, transparent=False, freebind=False,
                 anycast=False, peer=None):
        enter(a.rx)
        fam = socket.AF_INET6 if v6 else socket.AF_INET
        self.v6 = v6
        self.s = socket.socket(fam, socket.SOCK_DGRAM)
        if a.vrf:
            self.s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                              a.vrf.encode())
        if v6:
            self.s.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVERR, 1)
            self.s.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVERR_RFC4884, 1)
            if transparent:
                self.s.setsockopt(socket.IPPROTO_IPV6, IPV6_TRANSPARENT, 1)
            # An IPv6 AnyIP or anycast address is no interface's
            # address: bind needs this.
            if freebind or anycast:
                self.s.setsockopt(socket.IPPROTO_IPV6, IPV6_FREEBIND, 1)
            if anycast:
                mreq = socket.inet_pton(socket.AF_INET6, src) + struct.pack(
                    "=i", socket.if_nametoindex("veth0"))
                self.s.setsockopt(socket.IPPROTO_IPV6, IPV6_JOIN_ANYCAST, mreq)
        else:
            self.s.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
            self.s.setsockopt(socket.IPPROTO_IP, IP_RECVERR_RFC4884, 1)
            if transparent:
                self.s.setsockopt(socket.IPPROTO_IP, IP_TRANSPARENT, 1)
        if src:
            self.s.bind((src, 0))
        self.peer = peer or (PEER6 if v6 else PEER4)
        self.s.connect((self.peer, 9))
        self.data = b"icmpx stack test"
        self.s.send(self.data)
        self.src, self.port = self.s.getsockname()[:2]

    def quote(self, pad=0):
        """The datagram as a router quotes it, zero-padded by @pad."""
        u = udp(self.port, 9, self.data)
        if self.v6:
            return ip6(self.src, self.peer, socket.IPPROTO_UDP, u) + b"\0" * pad
        return ip4(self.src, self.peer, socket.IPPROTO_UDP, u) + b"\0" * pad

    def wait(self, want, seconds=3.0):
        """The errors queued until one satisfies @want, or @seconds pass
        (a router resolves an anycast address with a delay of up to a
        second, RFC 4861 7.2.7)."""
        out = []
        end = time.monotonic() + seconds
        while True:
            out += self.errors()
            if any(want(e) for e in out) or time.monotonic() > end:
                return out
            time.sleep(0.05)

    def errors(self):
        """(errno, type, code, info, rfc4884 length, flags) of each queued error."""
        out = []
        level = socket.IPPROTO_IPV6 if self.v6 else socket.IPPROTO_IP
        kind = IPV6_RECVERR if self.v6 else IP_RECVERR
        while True:
            try:
                _, anc, _, _ = self.s.recvmsg(2048, 512,
                                              socket.MSG_ERRQUEUE | socket.MSG_DONTWAIT)
            except BlockingIOError:
                return out
            for lvl, typ, data in anc:
                if lvl == level and typ == kind:
                    e = struct.unpack("=IBBBBIHBB", data[:16])
                    out.append((e[0], e[2], e[3], e[5], e[6], e[7]))


def router(a, v6, hops=None):
    enter(a.r1)
    if v6:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        if hops:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, hops)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    return s


def send4(a, dst, msg, count=1, gap=0.0):
    s = router(a, False)
    for i in range(count):
        s.sendto(msg, (dst, 0))
        if gap:
            time.sleep(gap)
    s.close()


def send6(a, dst, msg, src=None, hops=None, count=1, gap=0.0):
    s = router(a, True, hops)
    scope = socket.if_nametoindex("veth0") if dst.startswith("fe80") else 0
    if src:
        s.bind((src, 0, 0, socket.if_nametoindex("veth0")))
    for i in range(count):
        s.sendto(msg, (dst, 0, 0, scope))
        if gap:
            time.sleep(gap)
    s.close()


def route_get(a, v6, dst, src=None):
    cmd = ["ip", "-n", a.rx] + (["-6"] if v6 else []) + ["route", "get", dst]
    if src:
        cmd += ["from", src]
    if a.vrf:
        cmd += ["vrf", a.vrf]
    return subprocess.run(cmd, capture_output=True, text=True).stdout


def wait_route(a, v6, dst, pattern, src=None):
    """The route exception, once the kernel has made it (or what there is)."""
    for _ in range(20):
        out = route_get(a, v6, dst, src)
        if re.search(pattern, out):
            break
        time.sleep(0.05)
    return out.strip().replace("\n", " ")


def pmtu(a, v6, name, src=None, transparent=False, ext=None):
    """A frag-needed or packet too big lowers the route's MTU; a port
    unreachable for the same datagram reaches the socket too (icmpx keeps
    the first whatever it quotes, so only the second shows that icmpx
    knows the address for ours)."""
    global next_mtu
    snd = Sender(a, v6, src, transparent, freebind=src == ANYIP6,
                 anycast=src == ANYCAST6)
    mtu = next_mtu
    next_mtu -= 8
    if v6:
        body = snd.quote()
        msg = icmp6(2, 0, struct.pack("!I", mtu), body)
        send6(a, snd.src, msg)
    else:
        rest = struct.pack("!HH", 0, mtu)
        body = snd.quote()
        if ext == "short":
            # RFC 4884 length 20 bytes: under the 128 it must be.
            rest = struct.pack("!BBH", 0, 5, mtu)
            body = snd.quote() + ext_mpls()
        msg = icmp4(3, 4, rest, body)
        send4(a, snd.src, msg)
    errs = snd.wait(lambda e: e[0] == errno.EMSGSIZE)
    result(any(e[0] == errno.EMSGSIZE and e[3] == mtu for e in errs),
           name + ": the socket told EMSGSIZE", repr(errs))
    # IPv4 keeps exceptions by destination, and an address not ours
    # cannot be asked "from".
    out = wait_route(a, v6, snd.peer, r"mtu %d" % mtu, src if v6 else None)
    result("mtu %d" % mtu in out, name + ": the route's MTU lowered", out)
    if v6:
        send6(a, snd.src, icmp6(1, 4, b"\0" * 4, snd.quote()))
    else:
        send4(a, snd.src, icmp4(3, 3, b"\0" * 4, snd.quote()))
    errs = snd.wait(lambda e: e[0] == errno.ECONNREFUSED)
    result(any(e[0] == errno.ECONNREFUSED for e in errs),
           name + ": a port unreachable for it reaches the socket too", repr(errs))


def redirect(a, v6, name, src=None):
    """A valid redirect installs its exception.  With @src (AnyIP), the
    datagram redirected was sent from it (IPv4), or the redirect is sent
    to it (IPv6, whose redirects quote nothing we need)."""
    peer = (PEER6_2 if v6 else PEER4_2) if src else None
    snd = Sender(a, v6, src, freebind=src == ANYIP6, peer=peer)
    if v6:
        want = R3_LL if src else R2_LL
        msg = icmp6(137, 0, b"\0" * 4,
                    socket.inet_pton(socket.AF_INET6, want) +
                    socket.inet_pton(socket.AF_INET6, snd.peer))
        send6(a, src or RX_LL, msg, src=R1_LL, hops=255)
    else:
        want = R3_4 if src else R2_4
        msg = icmp4(5, 1, socket.inet_aton(want), snd.quote())
        send4(a, snd.src, msg)
    out = wait_route(a, v6, snd.peer, r"via %s" % want)
    result("via %s" % want in out, name + ": the redirect's exception installed", out)


def rfc4884(a, v6, name):
    """An MPLS-extended time exceeded (RFC 4950) and a broken extension."""
    snd = Sender(a, v6)
    if v6:
        body = snd.quote(pad=128)[:128]
        good = icmp6(3, 0, struct.pack("!BBH", 16, 0, 0), body + ext_mpls())
        bad = icmp6(1, 4, struct.pack("!BBH", 16, 0, 0), body + ext_mpls(True))
        send6(a, snd.src, good)
        send6(a, snd.src, bad)
    else:
        body = snd.quote(pad=128)[:128]
        good = icmp4(11, 0, struct.pack("!BBH", 0, 32, 0), body + ext_mpls())
        bad = icmp4(3, 3, struct.pack("!BBH", 0, 32, 0), body + ext_mpls(True))
        send4(a, snd.src, good)
        send4(a, snd.src, bad)
    time.sleep(0.2)
    errs = snd.errors()
    t_te, t_un = (3, 1) if v6 else (11, 3)
    ok = [e for e in errs if e[1] == t_te and e[4] and
          not e[5] & SO_EE_RFC4884_FLAG_INVALID]
    result(len(ok) == 1, name + ": time exceeded with MPLS labels delivered, extension valid",
           repr(errs))
    ok = [e for e in errs if e[1] == t_un and e[5] & SO_EE_RFC4884_FLAG_INVALID]
    result(len(ok) == 1, name + ": unreachable with a broken extension delivered, flagged",
           repr(errs))


def errors_shared(a, name, count, flood):
    """One source's errors do not use up another's."""
    mine = Sender(a, False)
    other = Sender(a, False)
    flooder = router(a, False)
    msg = icmp4(3, 3, b"\0" * 4, other.quote())
    # R2, spoofed by R1 with a header of its own: another router.
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    pkt = ip4(R2_4, mine.src, socket.IPPROTO_ICMP,
              icmp4(3, 3, b"\0" * 4, mine.quote()))
    # The flood runs before and between R2's messages.
    each = flood // (count + 1)
    for i in range(count + 1):
        for _ in range(each):
            flooder.sendto(msg, (other.src, 0))
        if i < count:
            s.sendto(pkt, (mine.src, 0))
    time.sleep(0.2)
    got = len(mine.errors())
    result(got == count, "%s: a flood of %d unreachables from r1 leaves r2's %d delivered"
           % (name, flood, count), "%d delivered" % got)


def loopback(a, name, count, seconds):
    """An unprivileged UDP flood on 127.0.0.1 and a router's unreachables."""
    snd = Sender(a, False)
    enter(a.rx)
    flood = subprocess.Popen(
        ["ip", "netns", "exec", a.rx, "setpriv", "--reuid=65534", "--regid=65534",
         "--clear-groups", "/usr/bin/python3", "-c",
         "import socket, time\n"
         "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
         "end = time.monotonic() + %f\n"
         "n = 0\n"
         "while time.monotonic() < end:\n"
         "    for _ in range(100):\n"
         "        s.sendto(b'x', ('127.0.0.1', 9))\n"
         "    n += 100\n"
         "print(n)\n" % seconds], stdout=subprocess.PIPE, text=True)
    time.sleep(min(2.0, seconds / 3))
    msg = icmp4(3, 3, b"\0" * 4, snd.quote())
    send4(a, snd.src, msg, count=count, gap=0.01)
    sent = flood.communicate()[0].strip()
    time.sleep(0.2)
    got = len(snd.errors())
    result(got == count, "%s: an unprivileged flood of %s datagrams to 127.0.0.1 "
           "leaves a router's %d port unreachables delivered" % (name, sent, count),
           "%d delivered" % got)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vrf", help="RX's interface is in this VRF")
    p.add_argument("--name", default="stack", help="prefix of the case names")
    p.add_argument("rx")
    p.add_argument("r1")
    p.add_argument("scenario", nargs="+")
    a = p.parse_args()
    n = a.name
    for sc in a.scenario:
        if sc == "pmtu":
            pmtu(a, False, n + ": v4 frag-needed")
            pmtu(a, True, n + ": v6 packet too big")
        elif sc == "redirect":
            redirect(a, False, n + ": v4 redirect")
            redirect(a, True, n + ": v6 redirect")
        elif sc == "anyip":
            pmtu(a, False, n + ": v4 frag-needed for an AnyIP address", src=ANYIP4)
            pmtu(a, True, n + ": v6 packet too big for an AnyIP address", src=ANYIP6)
            redirect(a, False, n + ": v4 redirect of an AnyIP address's datagram",
                     src=ANYIP4)
            redirect(a, True, n + ": v6 redirect sent to an AnyIP address",
                     src=ANYIP6)
        elif sc == "anycast":
            pmtu(a, True, n + ": v6 packet too big for an anycast address",
                 src=ANYCAST6)
        elif sc == "tproxy":
            pmtu(a, False, n + ": v4 frag-needed for a transparent socket",
                 src=TPROXY4, transparent=True)
            pmtu(a, True, n + ": v6 packet too big for a transparent socket",
                 src=TPROXY6, transparent=True)
        elif sc == "rfc4884":
            rfc4884(a, False, n + ": v4")
            rfc4884(a, True, n + ": v6")
            pmtu(a, False, n + ": v4 frag-needed with an RFC 4884 length of 20",
                 ext="short")
        elif sc == "errors":
            errors_shared(a, n, 100, 3000)
        elif sc == "loopback":
            loopback(a, n, 100, 6.0)
        else:
            result(False, "scenario " + sc, "unknown")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
