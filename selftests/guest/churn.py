#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Replace icmpx's policy as fast as it goes while others read it.

    churn.py [--seconds S] [--readers N]

One process replaces the whole policy (one set-config carrying preset,
settings and rules) with A, then B, then A, ... for S seconds; N others
read it meanwhile, each reading a get-config or a get-rule dump, and
every read must be all of A or all of B, never a mix of the two.
Prints the rates and "PASS name" / "FAIL name # why" lines.
"""
import argparse
import os
import sys
import time

from nlfuzz import CMD, CONFIG, NLM_F_DUMP, RULE, Genl, attrs, nla, rule, u8, u32


def limit(rate, burst):
    return nla(RULE["rate"], u32(rate)), nla(RULE["burst"], u32(burst))


# Two policies that differ in every setting and in each of their rules.
POLICY_A = b"".join([
    nla(CONFIG["preset"], u8(0)), nla(CONFIG["mode"], u8(0)),
    nla(CONFIG["source_quench"], u8(1)), nla(CONFIG["redirect"], u8(0)),
    rule(0, 8, 2, *limit(100, 200)), rule(0, 13, 1), rule(0, 17, 1),
    rule(1, 128, 2, *limit(100, 200)), rule(1, 139, 1),
])
POLICY_B = b"".join([
    nla(CONFIG["preset"], u8(1)), nla(CONFIG["mode"], u8(1)),
    nla(CONFIG["source_quench"], u8(0)), nla(CONFIG["redirect"], u8(1)),
    rule(0, 8, 2, *limit(7, 9)), rule(0, 13, 0), rule(0, 17, 0),
    rule(1, 128, 2, *limit(7, 9)), rule(1, 139, 0),
])


def config(g):
    err, msg, out = g.request(CMD["get_config"])
    if err:
        raise RuntimeError(f"get-config: {os.strerror(err)} {msg}")
    return [a for a in attrs(out[0]) if a[0] != CONFIG["sources"]]


def rules(g):
    err, msg, out = g.request(CMD["get_rule"], flags=NLM_F_DUMP)
    if err:
        raise RuntimeError(f"get-rule: {os.strerror(err)} {msg}")
    return out


def reader(seconds, refs, wfd):
    g = Genl()
    n = bad = 0
    first = ""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        n += 1
        if n % 2:
            got, want = config(g), (refs[0], refs[1])
        else:
            got, want = rules(g), (refs[2], refs[3])
        if got not in want:
            bad += 1
            first = first or ("get-config" if n % 2 else "get-rule")
    os.write(wfd, f"{n} {bad} {first}\n".encode())


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--readers", type=int, default=1)
    a = p.parse_args()

    g = Genl()
    refs = []
    for pol in (POLICY_A, POLICY_B):
        err, msg, _ = g.request(CMD["set_config"], pol)
        if err:
            print(f"FAIL policy churn: set-config # {os.strerror(err)} {msg}")
            return 1
    g.request(CMD["set_config"], POLICY_A)
    ca, ra = config(g), rules(g)
    g.request(CMD["set_config"], POLICY_B)
    cb, rb = config(g), rules(g)
    if ca == cb or ra == rb:
        print("FAIL policy churn: the two policies differ # they read the same")
        return 1
    refs = [ca, cb, ra, rb]

    rfd, wfd = os.pipe()
    kids = []
    for _ in range(a.readers):
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            try:
                reader(a.seconds, refs, wfd)
            finally:
                os._exit(0)
        kids.append(pid)
    os.close(wfd)

    writes = errors = 0
    t0 = time.monotonic()
    end = t0 + a.seconds
    while time.monotonic() < end:
        err, _, _ = g.request(CMD["set_config"], POLICY_A if writes % 2 else POLICY_B)
        writes += 1
        errors += bool(err)
    took = time.monotonic() - t0
    for pid in kids:
        os.waitpid(pid, 0)
    lines = os.read(rfd, 1 << 16).decode().split("\n")
    reads = bad = 0
    first = ""
    for line in lines:
        if line:
            n, b, *f = line.split()
            reads, bad = reads + int(n), bad + int(b)
            first = first or " ".join(f)
    print(f"# churn: {writes} policies set in {took:.1f} s ({writes / took:.0f}/s), "
          f"{errors} refused; {reads} reads by {a.readers} reader(s), {bad} torn")
    ok = not errors and writes > 0
    print(("PASS" if ok else "FAIL") + f" policy churn: {writes} whole policies set"
          + ("" if ok else f" # {errors} refused"))
    ok2 = reads > 0 and not bad and len([x for x in lines if x]) == a.readers
    print(("PASS" if ok2 else "FAIL") + " policy churn: every read a whole policy"
          + ("" if ok2 else f" # {bad} of {reads} reads a mix ({first})"))
    return 0 if ok and ok2 else 1


if __name__ == "__main__":
    sys.exit(main())
