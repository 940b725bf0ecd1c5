#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Fuzz the icmpx generic netlink family, for the selftests.

    nlfuzz.py [--count N] [--seed S] [--dumps N]

Sends N requests to the family in the caller's network namespace, of
two kinds in turn:

  bad     built to be refused: unknown commands, attributes of the wrong
          type or length, values out of range, unknown attributes,
          garbage where a nest belongs, nests missing what they need,
          trailing bytes.  Each must fail with an errno, and with an
          extack message unless it is an unknown command.
  random  random commands, flags and attribute trees, some of them
          valid: any outcome but silence is allowed.

After every refused request the policy (get-config, less the count of
sources, and the get-rule dump) must be what it was before; after an
accepted one it becomes the new reference.  Then --dumps dumps are
started and abandoned after their first message, or never read.
Prints "PASS name" / "FAIL name # why" lines, and a summary with the
seed, so that a failure can be replayed.  Only the standard library.
"""
import argparse
import errno
import os
import random
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x4, 0x300
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2

# include/uapi/linux/icmpx.h
CMD = dict(get_config=1, set_config=2, get_rule=3, set_rule=4, del_rule=5,
           get_stats=6, reset_stats=7, get_sources=8, flush_sources=9,
           new_zone=11, del_zone=12, set_zone=13, get_zone=14)
CMD_MAX = 15
CONFIG = dict(mode=1, preset=2, source_quench=3, redirect=4, router_adv=5,
              validate_errors=6, routers=7, rule=8, sources=9, sources_max=10,
              dry_run=11, trusted=12, zone=13)
RULE = dict(family=1, type=2, code=3, action=4, force=5, scope=6, rate=7,
            burst=8, prefix=9)
ROUTERS_ADDRESS = 1
TRUSTED_PREFIX = 1
PREFIX = dict(address=1, length=2)
STATS = dict(family=2, type=3, zone=14)
ZONE = dict(name=1, link=2, ifindex=3)
SOURCE_TOP = 8
SOURCE_ZONE = 9


def nla(kind, payload):
    data = struct.pack("=HH", 4 + len(payload), kind) + payload
    return data + b"\0" * (-len(data) % 4)


def nest(kind, *children):
    return nla(kind | NLA_F_NESTED, b"".join(children))


def rule(family, kind, action, *extra):
    """A rule nest: family, type, action and any more attributes."""
    return nest(CONFIG["rule"], nla(RULE["family"], u8(family)),
                nla(RULE["type"], u8(kind)), nla(RULE["action"], u8(action)), *extra)


def rb(rnd, n):
    return bytes(rnd.randrange(256) for _ in range(n))


def u8(v):
    return struct.pack("=B", v)


def u32(v):
    return struct.pack("=I", v)


def attrs(data):
    """(type, payload) of each attribute in data."""
    out = []
    while len(data) >= 4:
        alen, kind = struct.unpack_from("=HH", data)
        if alen < 4:
            break
        out.append((kind & 0x3fff, data[4:alen]))
        data = data[(alen + 3) & ~3:]
    return out


class Genl:
    def __init__(self, family=None, rcvbuf=None):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        if rcvbuf:
            self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.s.bind((0, 0))
        self.s.settimeout(5)
        self.seq = 0
        self.family = family or self.resolve("icmpx")

    def send(self, kind, flags, cmd, payload, version=1, length=None, reserved=0):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, reserved) + payload
        n = 16 + len(body) if length is None else length
        self.s.send(struct.pack("=IHHII", n, kind, flags, self.seq, 0) + body)
        return self.seq

    def replies(self, seq):
        """Messages answering seq: [(type, payload)], ending at an error,
        an ack or a dump's end; raises socket.timeout on silence."""
        out = []
        while True:
            data = self.s.recv(1 << 16)
            while len(data) >= 16:
                n, kind, flags, rseq, _ = struct.unpack_from("=IHHII", data)
                if n < 16 or n > len(data):
                    raise RuntimeError("a malformed reply")
                if rseq == seq:
                    out.append((kind, flags, data[16:n]))
                    if kind in (NLMSG_ERROR, NLMSG_DONE):
                        return out
                data = data[(n + 3) & ~3:]

    def request(self, cmd, payload=b"", flags=NLM_F_ACK, **kw):
        """(errno or 0, extack message, [payload of each reply])"""
        seq = self.send(self.family, NLM_F_REQUEST | flags, cmd, payload, **kw)
        err, msg, out = 0, "", []
        for kind, mflags, data in self.replies(seq):
            if kind in (NLMSG_ERROR, NLMSG_DONE):
                err = -struct.unpack_from("=i", data)[0] if len(data) >= 4 else 0
                if mflags & NLM_F_ACK_TLVS:
                    # An error: with CAP_ACK, the request's header only,
                    # then the TLVs; a dump's end: the TLVs at once.
                    tlvs = data[4 + 16:] if kind == NLMSG_ERROR else data[4:]
                    for t, v in attrs(tlvs):
                        if t == NLMSGERR_ATTR_MSG:
                            msg = v.rstrip(b"\0").decode(errors="replace")
            else:
                out.append(data[4:])
        return err, msg, out

    def resolve(self, name):
        self.family = GENL_ID_CTRL
        seq = self.send(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, CTRL_CMD_GETFAMILY,
                        nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        for kind, _, data in self.replies(seq):
            for t, v in attrs(data[4:]):
                if kind != NLMSG_ERROR and t == CTRL_ATTR_FAMILY_ID:
                    return struct.unpack("=H", v[:2])[0]
        raise RuntimeError(f"no generic netlink family {name}")

    def policy(self):
        """The policy in force, comparable: config less its source count,
        every rule, and every zone with its interfaces."""
        err, msg, out = self.request(CMD["get_config"])
        if err:
            raise RuntimeError(f"get-config failed: {os.strerror(err)} {msg}")
        config = [a for a in attrs(out[0]) if a[0] != CONFIG["sources"]]
        err, msg, rules = self.request(CMD["get_rule"], flags=NLM_F_DUMP)
        if err:
            raise RuntimeError(f"get-rule failed: {os.strerror(err)} {msg}")
        err, msg, zones = self.request(CMD["get_zone"], flags=NLM_F_DUMP)
        if err:
            raise RuntimeError(f"get-zone failed: {os.strerror(err)} {msg}")
        return config, rules, zones


def bad_requests(rnd):
    """(name, cmd, payload, extack expected): each must be refused.  The
    dumps (get-sources, get-stats, get-rule, get-zone) are sent as dumps."""
    rule_ok = [nla(RULE["family"], u8(0)), nla(RULE["type"], u8(8)),
               nla(RULE["action"], u8(1))]
    set_cfg, set_rule = CMD["set_config"], CMD["set_rule"]
    cases = [
        ("unknown command", rnd.choice([0, CMD_MAX, rnd.randrange(CMD_MAX, 256)]),
         b"", False),
        ("mode out of range", set_cfg, nla(CONFIG["mode"], u8(rnd.randrange(3, 256))), True),
        ("preset out of range", set_cfg, nla(CONFIG["preset"], u8(rnd.randrange(4, 256))), True),
        ("u8 given 4 bytes", set_cfg, nla(rnd.choice([1, 2, 3, 4, 5, 6]), u32(1)), True),
        ("u8 given nothing", set_cfg, nla(rnd.choice([1, 2, 3, 4, 5, 6]), b""), True),
        ("unknown attribute", set_cfg, nla(rnd.randrange(14, 0x3fff), u32(0)), True),
        ("read-only attribute", set_cfg, nla(CONFIG["sources"], u32(1)), True),
        ("routers not a nest", set_cfg,
         nla(CONFIG["routers"], rb(rnd, rnd.randrange(1, 40))), True),
        ("router address of 5 bytes", set_cfg,
         nest(CONFIG["routers"], nla(ROUTERS_ADDRESS, rb(rnd, 5))), True),
        ("trusted address of 5 bytes", set_cfg,
         nest(CONFIG["trusted"], nest(TRUSTED_PREFIX, nla(PREFIX["address"], rb(rnd, 5)),
                                      nla(PREFIX["length"], u8(8)))), True),
        ("trusted prefix without a length", set_cfg,
         nest(CONFIG["trusted"], nest(TRUSTED_PREFIX, nla(PREFIX["address"], rb(rnd, 4)))),
         True),
        ("trusted length past 128", set_cfg,
         nest(CONFIG["trusted"], nest(TRUSTED_PREFIX, nla(PREFIX["address"], rb(rnd, 16)),
                                      nla(PREFIX["length"], u8(rnd.randrange(129, 256))))),
         True),
        ("trusted IPv4 length past 32", set_cfg,
         nest(CONFIG["trusted"], nest(TRUSTED_PREFIX, nla(PREFIX["address"], bytes(4)),
                                      nla(PREFIX["length"], u8(rnd.randrange(33, 129))))),
         True),
        ("trusted prefix with bits past its length", set_cfg,
         nest(CONFIG["trusted"], nest(TRUSTED_PREFIX,
                                      nla(PREFIX["address"], bytes([10, 0, 0, 1])),
                                      nla(PREFIX["length"], u8(rnd.randrange(0, 32))))),
         True),
        ("nested garbage", set_cfg,
         nest(CONFIG["rule"], nla(rnd.randrange(11, 0x3fff), rb(rnd, rnd.randrange(0, 24)))), True),
        ("rule without a family", set_rule,
         nest(CONFIG["rule"], nla(RULE["type"], u8(8)), nla(RULE["action"], u8(1))), True),
        ("rule without an action", set_rule,
         nest(CONFIG["rule"], nla(RULE["family"], u8(0)), nla(RULE["type"], u8(8))), True),
        ("set-rule without a rule", set_rule, b"", True),
        ("rate of 0", set_rule,
         nest(CONFIG["rule"], *rule_ok[:2], nla(RULE["action"], u8(2)),
              nla(RULE["rate"], u32(0)), nla(RULE["burst"], u32(5))), True),
        ("huge rate", set_rule,
         nest(CONFIG["rule"], *rule_ok[:2], nla(RULE["action"], u8(2)),
              nla(RULE["rate"], u32(rnd.randrange(10**9 + 1, 1 << 32))),
              nla(RULE["burst"], u32(5))), True),
        ("huge burst", set_rule,
         nest(CONFIG["rule"], *rule_ok[:2], nla(RULE["action"], u8(2)),
              nla(RULE["rate"], u32(5)),
              nla(RULE["burst"], u32(rnd.randrange(10**6 + 1, 1 << 32)))), True),
        ("prefix 0", set_rule,
         nest(CONFIG["rule"], *rule_ok, nla(RULE["prefix"], u8(0))), True),
        ("family 2", set_rule,
         nest(CONFIG["rule"], nla(RULE["family"], u8(rnd.randrange(2, 256))),
              *rule_ok[1:]), True),
        ("trailing bytes", set_cfg,
         nla(CONFIG["mode"], u8(0)) + rb(rnd, rnd.randrange(1, 4)), True),
        ("top of 0", CMD["get_sources"], nla(SOURCE_TOP, u32(0)), True),
        ("stats for family 7", CMD["get_stats"], nla(STATS["family"], u8(7)), True),
        ("a zone of no such name",
         rnd.choice([CMD["get_config"], set_cfg, CMD["get_rule"], set_rule]),
         nla(CONFIG["zone"], b"nosuch\0"), True),
        ("stats of no such zone", rnd.choice([CMD["get_stats"], CMD["reset_stats"]]),
         nla(STATS["zone"], b"nosuch\0"), True),
        ("sources of no such zone", CMD["get_sources"], nla(SOURCE_ZONE, b"nosuch\0"), True),
        ("a zone name of 16 bytes", CMD["get_config"],
         nla(CONFIG["zone"], b"x" * 16 + b"\0"), True),
        ("a zone name without its NUL", CMD["new_zone"], nla(ZONE["name"], b"wan"), True),
        ("new-zone without a name", CMD["new_zone"], nla(ZONE["link"], b"eth0\0"), True),
        ("a zone named default", CMD["new_zone"], nla(ZONE["name"], b"default\0"), True),
        ("a zone name with a space", CMD["new_zone"], nla(ZONE["name"], b"a b\0"), True),
        ("a zone's link not an interface's name", CMD["new_zone"],
         nla(ZONE["name"], b"fz\0") + nla(ZONE["link"], rnd.choice([b"a/b\0", b".\0", b"\0"])),
         True),
        ("a zone's link twice", CMD["new_zone"],
         nla(ZONE["name"], b"fz\0") + nla(ZONE["link"], b"eth0\0") * 2, True),
        ("17 links", CMD["new_zone"],
         nla(ZONE["name"], b"fz\0") + b"".join(nla(ZONE["link"], b"e%d\0" % i)
                                             for i in range(17)), True),
        ("17 interfaces, by name and by index", rnd.choice([CMD["new_zone"], CMD["set_zone"]]),
         nla(ZONE["name"], b"fz\0") + b"".join(nla(ZONE["link"], b"e%d\0" % i)
                                             for i in range(9)) +
         b"".join(nla(ZONE["ifindex"], u32(100 + i)) for i in range(8)), True),
        ("a zone's index out of range", rnd.choice([CMD["new_zone"], CMD["set_zone"]]),
         nla(ZONE["name"], b"fz\0") + nla(ZONE["ifindex"], u32(rnd.choice([0, 1 << 31]))),
         True),
        ("an index no interface has", CMD["new_zone"],
         nla(ZONE["name"], b"fz\0") + nla(ZONE["ifindex"], u32(1 << 30)), True),
        ("an index twice", CMD["new_zone"],
         nla(ZONE["name"], b"fz\0") + nla(ZONE["ifindex"], u32(1)) * 2, True),
        ("del-zone of the default zone", CMD["del_zone"], nla(ZONE["name"], b"default\0"),
         True),
        ("del-zone of no such zone", rnd.choice([CMD["del_zone"], CMD["set_zone"]]),
         nla(ZONE["name"], b"nosuch\0"), True),
        # Every operation is strict: one that takes no attribute refuses
        # any, and the header's reserved bytes must be zero.
        ("an attribute where none is taken",
         rnd.choice([CMD["flush_sources"], CMD["get_zone"]]),
         nla(rnd.randrange(1, 0x3fff), u32(0)), True),
        ("an attribute where only a zone is taken",
         rnd.choice([CMD["get_config"], CMD["reset_stats"]]),
         nla(rnd.randrange(1, 13), u32(0)), True),
        ("reserved header bytes set",
         rnd.choice([CMD["get_config"], set_cfg, CMD["reset_stats"]]),
         nla(CONFIG["mode"], u8(0)) if rnd.random() < 0.5 else b"", False,
         dict(reserved=rnd.randrange(1, 1 << 16))),
    ]
    return cases


def stray_bytes(data, depth=0):
    """Where data, a run of attributes, has a byte that no attribute
    accounts for: nonzero padding, or a tail too short for a header."""
    off = 0
    while off < len(data):
        if len(data) - off < 4:
            return f"{len(data) - off} trailing bytes"
        alen, kind = struct.unpack_from("=HH", data, off)
        if alen < 4 or off + alen > len(data):
            return f"attribute {kind & 0x3fff} of length {alen}"
        pad = data[off + alen:off + ((alen + 3) & ~3)]
        if any(pad):
            return f"attribute {kind & 0x3fff}: padding {pad.hex()}"
        if kind & NLA_F_NESTED and depth < 4:
            why = stray_bytes(data[off + 4:off + alen], depth + 1)
            if why:
                return f"in {kind & 0x3fff}: {why}"
        off += (alen + 3) & ~3
    return None


def random_tree(rnd, depth=0):
    out = b""
    for _ in range(rnd.randrange(0, 5)):
        kind = rnd.choice([rnd.randrange(0, 13), rnd.randrange(0, 0x4000)])
        r = rnd.random()
        if r < 0.2 and depth < 3:
            out += nest(kind, random_tree(rnd, depth + 1))
        elif r < 0.5:
            out += nla(kind, u8(rnd.randrange(0, 8)))
        elif r < 0.7:
            out += nla(kind, u32(rnd.choice([0, 1, 5, 0xffffffff,
                                             rnd.randrange(0, 1 << 32)])))
        else:
            out += nla(kind, rb(rnd, rnd.randrange(0, 40)))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--dumps", type=int, default=200)
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 32)
    rnd = random.Random(seed)

    g = Genl()
    ref = g.policy()
    fails = []
    n = refused = accepted = extacks = 0
    cases = bad_requests(rnd)
    for i in range(a.count):
        n += 1
        if i % 2 == 0:
            name, cmd, payload, want_msg, *kw = cases[(i // 2) % len(cases)]
            if (i // 2) % len(cases) == 0:
                cases = bad_requests(rnd)
            flags = NLM_F_ACK
            if cmd in (CMD["get_sources"], CMD["get_stats"], CMD["get_rule"],
                       CMD["get_zone"]):
                flags = NLM_F_DUMP
        else:
            name, want_msg, kw = "random", False, []
            cmd = rnd.choice(list(CMD.values()) + [0, CMD_MAX, rnd.randrange(256)])
            payload = random_tree(rnd)
            # Always answered: an ack, an error or a dump's end.
            flags = rnd.choice([NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP | NLM_F_ACK])
        try:
            err, msg, _ = g.request(cmd, payload, flags=flags,
                                    version=rnd.choice([1, 1, 1, 0, 2]),
                                    **(kw[0] if kw else {}))
        except socket.timeout:
            fails.append(f"{name} (cmd {cmd}): no answer")
            continue
        if err:
            refused += 1
            extacks += bool(msg)
            now = g.policy()
            if now != ref:
                fails.append(f"{name} (cmd {cmd}): refused ({errno.errorcode.get(err, err)}) "
                             f"but the policy changed")
                ref = now
            if name != "random" and want_msg and not msg:
                fails.append(f"{name} (cmd {cmd}): {errno.errorcode.get(err, err)} without "
                             "an extack message")
        else:
            accepted += 1
            if name != "random":
                fails.append(f"{name} (cmd {cmd}): accepted")
            ref = g.policy()

    # Dumps abandoned part-way, or never read, on sockets closed at once.
    for i in range(a.dumps):
        d = Genl(g.family, rcvbuf=rnd.choice([1024, 4096, 65536]))
        cmd = rnd.choice([CMD["get_stats"], CMD["get_rule"], CMD["get_sources"]])
        d.send(g.family, NLM_F_REQUEST | NLM_F_DUMP, cmd, b"")
        if i % 2:
            d.s.recv(1 << 16)
        d.s.close()
    err, msg, out = g.request(CMD["get_stats"], flags=NLM_F_DUMP)

    # Every reply's bytes are the attributes': no padding or reserved
    # field carries what the kernel's buffer held before.
    stray = []
    replies = 0
    for cmd, flags in ((CMD["get_config"], NLM_F_ACK), (CMD["get_rule"], NLM_F_DUMP),
                       (CMD["get_stats"], NLM_F_DUMP), (CMD["get_sources"], NLM_F_DUMP)):
        seq = g.send(g.family, NLM_F_REQUEST | flags, cmd, b"")
        for kind, _, data in g.replies(seq):
            if kind in (NLMSG_ERROR, NLMSG_DONE):
                continue
            replies += 1
            why = "reserved field set" if data[2:4] != b"\0\0" else stray_bytes(data[4:])
            if why:
                stray.append(f"command {cmd}: {why}")

    summary = (f"{n} requests (seed {seed}): {refused} refused, {extacks} of them "
               f"with an extack message, {accepted} accepted; {a.dumps} dumps abandoned")
    print(f"# {summary}")
    for f in fails[:20]:
        print(f"# {f}")
    print(("FAIL" if fails else "PASS") + " netlink fuzz: every bad request refused, "
          f"with a message, the policy unchanged ({n} requests)"
          + (f" # {len(fails)} failures" if fails else ""))
    print(("PASS" if not err and out else "FAIL") +
          f" netlink fuzz: a whole dump after {a.dumps} abandoned ({len(out)} messages)")
    print(("PASS" if replies and not stray else "FAIL") +
          f" netlink fuzz: {replies} replies carry no stray bytes"
          + (f" # {stray[0]}" if stray else ""))
    return 1 if fails or stray else 0


if __name__ == "__main__":
    sys.exit(main())
