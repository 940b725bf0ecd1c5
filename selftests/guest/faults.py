#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Fail icmpx's allocations one at a time, for the selftests.

    faults.py config [--stride N] [--zones]
    faults.py netns [--stride N]
    faults.py load MODULE.ko [--stride N] [--init N] [--init-stride N]

The kernel's fault injection (failslab, fail_page_alloc) with
/proc/thread-self/fail-nth: writing N there makes the N-th allocation
this thread makes in the kernel fail, whatever it is.  Each mode repeats
one operation with N = 1, 2, 3, ... (every --stride-th), until the
operation no longer reaches its N-th allocation, and checks every
outcome:

  config  set-config, set-rule, del-rule, new-zone, set-zone,
          del-zone, reset-stats and flush-sources requests, and a
          get-rule dump: a request that failed changed nothing, one that
          succeeded applied all of itself (the policy, zones included,
          is then what a run without faults makes; a zone of the
          initial namespace has its sysfs directory, or none).
          --zones: the zone requests alone, for the initial namespace,
          whose policy it leaves as it is.
  netns   unshare(CLONE_NEWNET): either it fails with an errno and the
          caller stays where it was, or the new namespace has icmpx in
          it (its /proc/net/icmpx and its netlink family answer).
  load    finit_module() of icmpx: either it fails and nothing of icmpx
          is left (module, sysfs, proc, netlink family), or all of it
          is there and unloads.  --init N tries every --init-stride-th
          of the first N allocations of icmpx's own init (after the
          loader's, counted by a load that icmpx refuses), besides every
          --stride-th of the whole load.

The caller sets up debugfs (failslab, fail_page_alloc: verbose 0,
ignore-gfp-wait N).  Prints "PASS name" / "FAIL name # why" lines and
a summary; leaks and kernel warnings are for the caller to look for.
"""
import argparse
import ctypes
import os
import socket
import struct
import sys
import time

from nlfuzz import (CMD, CONFIG, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_ERROR,
                    RULE, ZONE, Genl, nest, nla, rule, u8, u32)

libc = ctypes.CDLL(None, use_errno=True)
SYS_FINIT_MODULE, SYS_DELETE_MODULE = 313, 176
CLONE_NEWNET = 0x40000000
O_NONBLOCK = 0o4000
FAR = 1 << 20


class FailNth:
    """The calling thread's fail-nth: arm(n) just before the operation,
    spent() just after it."""

    def __init__(self):
        self.fd = os.open("/proc/thread-self/fail-nth", os.O_RDWR)

    def arm(self, n):
        os.pwrite(self.fd, str(n).encode(), 0)

    def spent(self):
        """Whether the armed failure happened; disarms it either way."""
        left = int(os.pread(self.fd, 32, 0))
        if left:
            os.pwrite(self.fd, b"0", 0)
        return left == 0

    def count(self, op):
        """How many allocations op makes, as fail-nth counts them."""
        self.arm(FAR)
        op()
        left = int(os.pread(self.fd, 32, 0))
        os.pwrite(self.fd, b"0", 0)
        return FAR - left


def points(total, stride, first=0, many=0, every=1):
    """1..total+1, every stride-th, and every every-th of the many after
    first."""
    out = set(range(1, total + 2, max(stride, 1)))
    out.update(range(first + 1, min(first + many, total) + 1, max(every, 1)))
    out.add(total + 1)
    return sorted(out)


class Report:
    def __init__(self):
        self.fails = []

    def bad(self, why):
        self.fails.append(why)

    def result(self, name, extra=""):
        for f in self.fails[:10]:
            print(f"# {f}")
        print(("FAIL" if self.fails else "PASS") + f" {name}"
              + (f" # {len(self.fails)} failures" if self.fails else "") + extra)
        ok = not self.fails
        self.fails = []
        return ok


def config_ops(zones_only=False):
    """(name, cmd, payload, undo): requests that change the policy, each
    with the (cmd, payload) that puts it back; del-rule's rule is set
    first, and del-zone's zone made."""
    limit = (nla(RULE["rate"], u32(7)), nla(RULE["burst"], u32(9)),
             nla(RULE["scope"], u8(1)), nla(RULE["prefix"], u8(24)))
    settings = (nla(CONFIG["preset"], u8(1)), nla(CONFIG["mode"], u8(1)),
                nla(CONFIG["redirect"], u8(1)), rule(0, 13, 1), rule(1, 128, 2, *limit[:2]))
    back = (nla(CONFIG["preset"], u8(0)), nla(CONFIG["mode"], u8(0)))
    drop_echo = (CMD["set_rule"], rule(0, 8, 1))
    fz, fs, fd = (nla(ZONE["name"], n + b"\0") for n in (b"fz", b"fs", b"fd"))
    lo = nla(ZONE["link"], b"lo\0")
    zones = [
        # fs is made, without interfaces, before these run.
        ("new-zone", CMD["new_zone"], fz + lo, (CMD["del_zone"], fz)),
        # lo by its index, 1 in every namespace.
        ("new-zone by index", CMD["new_zone"], fz + nla(ZONE["ifindex"], u32(1)),
         (CMD["del_zone"], fz)),
        ("set-zone", CMD["set_zone"], fs + lo, (CMD["set_zone"], fs)),
        ("del-zone", CMD["del_zone"], fd, (CMD["new_zone"], fd + lo)),
    ]
    if zones_only:
        return zones
    return zones + [
        ("set-config", CMD["set_config"], b"".join(settings),
         (CMD["set_config"], b"".join(back))),
        ("set-rule", CMD["set_rule"], rule(0, 8, 2, *limit), drop_echo),
        ("del-rule", CMD["del_rule"],
         nest(CONFIG["rule"], nla(RULE["family"], u8(0)), nla(RULE["type"], u8(8))),
         drop_echo),
    ]


def state(g):
    """The policy with its zones, and the zones with a directory in
    /sys/kernel/icmpx/zones."""
    try:
        files = tuple(sorted(os.listdir("/sys/kernel/icmpx/zones")))
    except OSError:
        files = None
    return g.policy() + (files,)


def run_config(a, rep):
    g = Genl()
    fn = FailNth()
    if not a.zones:
        g.request(CMD["set_config"], nla(CONFIG["preset"], u8(0)) + nla(CONFIG["mode"], u8(0)))
    g.request(CMD["new_zone"], nla(ZONE["name"], b"fs\0"))
    tried = injected = 0
    for name, cmd, payload, undo in config_ops(a.zones):
        g.request(*undo)
        before = state(g)
        # The policy a run without faults makes.
        err, msg, _ = g.request(cmd, payload)
        if err:
            rep.bad(f"{name}: refused without faults: {os.strerror(err)} {msg}")
            continue
        after = state(g)
        if after == before:
            rep.bad(f"{name}: changes nothing to begin with")
        g.request(*undo)
        if state(g) != before:
            rep.bad(f"{name}: its undo does not restore the policy")
            continue
        total = fn.count(lambda: g.request(cmd, payload))
        g.request(*undo)
        for n in points(total, a.stride):
            tried += 1
            sent = True
            try:
                fn.arm(n)
                seq = g.send(g.family, NLM_F_REQUEST | NLM_F_ACK, cmd, payload)
            except OSError:
                sent = False
            hit = fn.spent()
            injected += hit
            err = None
            if sent:
                try:
                    for kind, _, data in g.replies(seq):
                        if kind == NLMSG_ERROR:
                            err = -struct.unpack_from("=i", data)[0]
                except OSError as e:
                    # The ack itself could not be allocated: the socket
                    # has an error instead, and the outcome is unknown.
                    err = -e.errno
            now = state(g)
            if not sent or (err and err > 0):
                if now != before:
                    rep.bad(f"{name}: failed at allocation {n} "
                            f"({os.strerror(err) if err else 'send'}) but the policy changed")
            elif err == 0 and now != after:
                rep.bad(f"{name}: succeeded at allocation {n} but the policy is not "
                        "the one a run without faults makes")
            elif now not in (before, after):
                rep.bad(f"{name}: unknown outcome at allocation {n} and a half-applied policy")
            if not hit and err != 0:
                rep.bad(f"{name}: failed at {n} without an injected failure")
            if now != before:
                g.request(*undo)
                if state(g) != before:
                    rep.bad(f"{name}: cannot restore the policy after {n}")
                    break
        print(f"# config: {name}: {total} allocations, {len(points(total, a.stride))} runs")

    # Requests that change no policy: it stays as it is, and a dump that
    # ends without an error is whole: the messages a run without faults
    # gets (nothing flows in this namespace, so the counters hold still).
    for name, cmd, flags in () if a.zones else (
            ("reset-stats", CMD["reset_stats"], NLM_F_ACK),
                             ("flush-sources", CMD["flush_sources"], NLM_F_ACK),
                             ("get-rule dump", CMD["get_rule"], NLM_F_DUMP),
                             ("get-stats dump", CMD["get_stats"], NLM_F_DUMP)):
        before = g.policy()
        whole = g.request(cmd, flags=flags)[2]
        total = fn.count(lambda: g.request(cmd, flags=flags))
        for n in points(total, a.stride):
            tried += 1
            fn.arm(n)
            try:
                err, msg, out = g.request(cmd, flags=flags)
            except OSError as e:
                err, msg, out = e.errno, "", []
            injected += fn.spent()
            if err == 0 and flags == NLM_F_DUMP and out != whole:
                rep.bad(f"{name}: a dump reported whole at allocation {n} has "
                        f"{len(out)} messages of {len(whole)}, or others")
            if g.policy() != before:
                rep.bad(f"{name}: the policy changed at allocation {n}")
        print(f"# config: {name}: {total} allocations, {len(points(total, a.stride))} runs")
    for z in (b"fs", b"fd"):
        g.request(CMD["del_zone"], nla(ZONE["name"], z + b"\0"))
    err, _, out = g.request(CMD["get_stats"], flags=NLM_F_DUMP)
    if err or not out:
        rep.bad("the family does not answer after the faults")
    what = "the initial namespace's zone requests" if a.zones else "netlink requests"
    return rep.result(f"faults: {what} fail whole under allocation failures",
                      f" ({tried} runs, {injected} failures injected)")


def family_present():
    """Whether the caller's namespace resolves the icmpx family."""
    try:
        Genl()
    except (RuntimeError, OSError):
        return False
    return True


def icmpx_here():
    """Whether icmpx is in the caller's namespace: its proc file, its family."""
    return os.path.exists("/proc/self/net/icmpx") and family_present()


def run_netns(a, rep):
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    here = os.stat("/proc/self/ns/net").st_ino
    fn = FailNth()

    def unshare():
        r = libc.unshare(CLONE_NEWNET)
        return 0 if r == 0 else ctypes.get_errno()

    def go_home():
        if os.stat("/proc/self/ns/net").st_ino != here:
            libc.setns(home, CLONE_NEWNET)

    total = fn.count(unshare)
    go_home()
    ran = failed = injected = 0
    for n in points(total, a.stride):
        ran += 1
        fn.arm(n)
        err = unshare()
        hit = fn.spent()
        injected += hit
        inside = os.stat("/proc/self/ns/net").st_ino != here
        if err:
            failed += 1
            if inside:
                rep.bad(f"unshare failed at {n} ({os.strerror(err)}) yet moved the caller")
            if not hit:
                rep.bad(f"unshare failed at {n} without an injected failure")
        else:
            if not inside:
                rep.bad(f"unshare succeeded at {n} and the caller did not move")
            elif not icmpx_here():
                rep.bad(f"a namespace made at {n} has no icmpx")
        go_home()
    # The namespaces made go away in the background: let them.
    time.sleep(2)
    err = unshare()
    if err:
        rep.bad(f"no namespace can be made after the faults: {os.strerror(err)}")
    elif not icmpx_here():
        rep.bad("a namespace made after the faults has no icmpx")
    go_home()
    print(f"# netns: {total} allocations per namespace; {ran} runs, {failed} failed, "
          f"{injected} failures injected")
    return rep.result("faults: namespace creation fails cleanly or has icmpx",
                      f" ({ran} runs)")


def loaded():
    return [os.path.exists("/sys/module/icmpx"), os.path.exists("/proc/net/icmpx"),
            os.path.exists("/sys/kernel/icmpx"), family_present()]


def run_load(a, rep):
    fd = os.open(a.module, os.O_RDONLY)
    fn = FailNth()

    def load(params=b""):
        r = libc.syscall(SYS_FINIT_MODULE, fd, params, 0)
        return 0 if r == 0 else ctypes.get_errno()

    def unload():
        for _ in range(50):
            if libc.syscall(SYS_DELETE_MODULE, b"icmpx", O_NONBLOCK) == 0:
                return True
            time.sleep(0.1)
        return False

    if any(loaded()):
        rep.bad("icmpx is loaded already")
        return rep.result("faults: module load fails cleanly")
    # icmpx's init refuses a bad parameter before it allocates anything:
    # what such a load allocates is the loader's part.
    loader = fn.count(lambda: load(b"sources_max=0"))
    t0 = time.monotonic()
    total = fn.count(load)
    if not all(loaded()) or not unload():
        rep.bad("icmpx does not load and unload without faults")
        return rep.result("faults: module load fails cleanly")
    runs = points(total, a.stride, loader, a.init, a.init_stride)
    print(f"# load: {total} allocations per load, the loader's {loader} of them; "
          f"{time.monotonic() - t0:.1f} s a load and unload; {len(runs)} runs", flush=True)
    ran = failed = injected = 0
    for n in runs:
        ran += 1
        fn.arm(n)
        err = load()
        hit = fn.spent()
        injected += hit
        now = loaded()
        if err:
            failed += 1
            if any(now):
                rep.bad(f"load failed at {n} ({os.strerror(err)}) and left "
                        f"{['module', 'proc', 'sysfs', 'family'][now.index(True)]}")
            if not hit:
                rep.bad(f"load failed at {n} without an injected failure")
        else:
            if not all(now):
                rep.bad(f"load succeeded at {n} but icmpx is not all there: {now}")
            if not unload():
                rep.bad(f"cannot unload after a load at {n}")
                break
    print(f"# load: {ran} runs, {failed} failed, "
          f"{injected} failures injected")
    return rep.result("faults: module load fails cleanly or loads whole", f" ({ran} runs)")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["config", "netns", "load"])
    p.add_argument("module", nargs="?")
    p.add_argument("--stride", type=int, default=1)
    p.add_argument("--init", type=int, default=0)
    p.add_argument("--init-stride", type=int, default=1)
    p.add_argument("--zones", action="store_true",
                   help="config: the zone requests alone")
    a = p.parse_args()
    rep = Report()
    run = dict(config=run_config, netns=run_netns, load=run_load)[a.mode]
    try:
        ok = run(a, rep)
    except (OSError, RuntimeError, socket.timeout) as e:
        print(f"FAIL faults: {a.mode} ran to its end # {e}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
