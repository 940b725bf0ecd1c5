#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The benchmark's tables, from the BENCH lines of selftests/bench/guest.sh.

    report.py RESULTS [--check]

Prints reStructuredText tables (as Documentation/performance.rst shows
them): each scenario and CPU count against each contender, as the median
of the repetitions with its spread; the sender alone; the per-source
tables after the spoofed flood; the hook path micro-benchmark; what a
network namespace costs with icmpx and without; a large get-sources
dump beside another generic netlink family's requests.

Ratios are paired: a repetition runs every contender on a scenario in
turns, a window each per turn, in an order drawn at random for each
turn from the seed the run prints; a contender's figure for the
repetition is its median window, so each repetition gives one ratio,
and the table shows their median, in how many repetitions the
contender was ahead, and the two-sided sign test's p for that count
(the chance of a split at least as lopsided if neither were faster).
The machine's speed changes by tens of percent within seconds (under
TCG, on a host with neighbours): a ratio of figures taken a minute
apart would carry that, one of windows taken in turns carries little of
it, and the median window leaves out one that a moment's slowness hit.
Results of one window per repetition (no TURN field) read as before.
The tables come from the raw BENCH lines alone: the same results file
gives the same tables.
--check exits non-zero when a figure is missing, for make check's smoke
run, which times nothing.
"""
import math
import statistics
import sys
from collections import defaultdict

CONTENDERS = ["none", "base", "icmpx", "defrag", "nft", "nft-fallback", "iptables"]
SCENARIOS = {
    "udp": "UDP, one source",
    "udp6": "UDP over IPv6, one source",
    "echo": "echo flood, one source",
    "echo6": "ICMPv6 echo flood, one source",
    "spoof": "echo flood, 10^6 sources",
    "spoof6": "ICMPv6 echo flood, 10^6 /64s",
    "mix": "all types + malformed",
}


def sign_test(ahead, n):
    """Two-sided sign test: the chance of a split of n at least this uneven."""
    if not n:
        return 1.0
    k = min(ahead, n - ahead)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def median_spread(values):
    """The median and the half-range around it, as a fraction of it."""
    med = statistics.median(values)
    spread = (max(values) - min(values)) / 2 / med if med else 0.0
    return med, spread


def table(header, rows):
    """A reStructuredText simple table."""
    cols = [header] + rows
    widths = [max(len(r[i]) for r in cols) for i in range(len(header))]
    rule = "  ".join("=" * w for w in widths)
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    return "\n".join([rule, fmt(header), rule] + [fmt(r) for r in rows] + [rule])


def netns_table(netns, missing):
    """Per namespace: time to make and drop, and memory, none and icmpx."""
    if not netns.get("none") or not netns.get("icmpx"):
        missing.append("netns")
        return []
    per = {}
    for c in ("none", "icmpx"):
        v = netns[c]
        # A drop not over in two minutes (-1) has no time.
        med = lambda i: statistics.median([r[i] / r[0] for r in v if r[i] >= 0] or [0])
        per[c] = {"n": v[0][0], "create": med(1), "destroy": med(2),
                  "memcg": med(3) / 1024, "slab": med(4) / 1024,
                  "percpu": med(5) / 1024}
    out = [f"\nWhat a network namespace costs: {per['none']['n']:,} made and "
           "dropped by selftests/bench/netns.py from a memory cgroup of its "
           "own, without icmpx and with it loaded (host preset), per "
           "namespace, median of the repetitions.  Memory is what the "
           "namespaces held, by the cgroup's own count: memory.current, "
           "and memory.stat's slab and percpu (both within it).\n"]
    rows = []
    for c in ("none", "icmpx"):
        p = per[c]
        rows.append([c, f"{p['create']:.2f}", f"{p['destroy']:.2f}",
                     f"{p['create'] + p['destroy']:.2f}", f"{p['memcg']:.1f}",
                     f"{p['slab']:.1f}", f"{p['percpu']:.2f}"])
    d = {k: per["icmpx"][k] - per["none"][k] for k in per["none"] if k != "n"}
    rows.append(["icmpx - none", f"{d['create']:+.2f}", f"{d['destroy']:+.2f}",
                 f"{d['create'] + d['destroy']:+.2f}", f"{d['memcg']:+.1f}",
                 f"{d['slab']:+.1f}", f"{d['percpu']:+.2f}"])
    both = lambda p: p["create"] + p["destroy"]
    rows.append(["icmpx / none", f"{per['icmpx']['create'] / per['none']['create']:.2f}",
                 f"{per['icmpx']['destroy'] / per['none']['destroy']:.2f}"
                 if per["none"]["destroy"] > 0 else "-",
                 f"{both(per['icmpx']) / both(per['none']):.2f}"
                 if both(per["none"]) > 0 else "-", "-", "-", "-"])
    out.append(table(["contender", "make ms", "drop ms", "both ms",
                      "memcg KiB", "slab KiB", "percpu KiB"], rows))
    # A percpu object of S bytes is charged S a CPU and 2 S more: the
    # memory cgroup keeps a pointer for every 4 bytes of it
    # (pcpu_obj_full_size()).  The guest has 2 CPUs.
    cpu_kib = d["percpu"] / (2 + 2)
    fixed = d["memcg"] - 2 * cpu_kib
    out.append(f"\nicmpx's share: {d['memcg']:.1f} KiB a namespace with 2 CPUs, "
               f"{cpu_kib:.2f} KiB of it per CPU (the cgroup's percpu is "
               f"{d['percpu']:.2f} KiB: the objects' {2 * cpu_kib:.2f} and "
               "the cgroup's own pointers to them, 2 bytes a byte); on 128 "
               f"CPUs {fixed:.1f} + 128 x {cpu_kib:.2f} = "
               f"{fixed + 128 * cpu_kib:.1f} KiB (the formula of "
               "Documentation/performance.rst, measured).")
    return out


def dump_table(dumps, missing):
    """get-sources of a large table, and genl ctrl list's waits meanwhile."""
    if not dumps:
        missing.append("dump")
        return []
    out = ["\nA get-sources dump of the heaviest sources of a full table "
           "(icmpxctl sources --top), and meanwhile nlctrl's family list "
           "(what genl ctrl list asks: another generic netlink family) in "
           "a loop from one process (selftests/guest/genl_timer.py): how often "
           "it answered and how long it waited.\n"]
    rows = [[f"{e:,}", f"{t:,}", f"{ms:,}", f"{n:,}", f"{med:,}", f"{mx:,}"]
            for e, t, ms, n, med, mx in dumps]
    out.append(table(["entries", "top", "dump ms", "genl answers",
                      "genl median ms", "genl slowest ms"], rows))
    return out


def order_table(orders, contenders, seed, turned):
    """Who ran right after whom: the balance the random order gave."""
    after = defaultdict(int)
    first = defaultdict(int)
    for o in orders:
        first[o[0]] += 1
        for a, b in zip(o, o[1:]):
            after[(a, b)] += 1
    if turned:
        drawn = ("for each repetition, scenario and turn", "module or namespaces")
    else:
        drawn = ("for each repetition and scenario", "namespaces")
    out = [f"\nThe order: drawn at random {drawn[0]} from seed {seed} "
           f"(ICMPX_BENCH_SEED={seed} runs it again), {len(orders)} draws.  "
           "Each row: how often the contender ran first, and right after "
           f"each other one (whose {drawn[1]} were then still being "
           "freed).\n"]
    rows = [[c, str(first[c])] + [str(after[(p, c)]) if p != c else "-" for p in contenders]
            for c in contenders]
    out.append(table(["contender", "first"] + [f"after {p}" for p in contenders], rows))
    return out


def micro_names(micro):
    """The micro-benchmark's messages, (name, family), in the run's order."""
    names = []
    for (name, fam, _c) in micro:
        if (name, fam) not in names:
            names.append((name, fam))
    return names


def zones_table(micro, missing):
    """The hook path with zones: what one lookup of the arrival
    interface's zone adds, against icmpx's single zone, paired by
    repetition (each repetition times icmpx and then the zones)."""
    counts = sorted({int(c[5:]) for (_n, _f, c) in micro if c.startswith("zones")})
    if not counts:
        return []
    out = ["\nZones: the hook path (icmpx_bench.ko) with "
           f"{' and with '.join(str(n) for n in counts)} zones "
           "in the namespace, the arrival interface in one of them, ns per "
           "packet, median; the added cost (less 'none') as a share of "
           "icmpx's with one zone, median of the repetitions' own ratios; "
           "the last row pools the ratios of every ICMP message.\n"]
    names = micro_names(micro)
    rows = []
    pooled = defaultdict(list)
    for name, fam in names:
        none, one = micro.get((name, fam, "none")), micro.get((name, fam, "icmpx"))
        row = [name, f"{statistics.median(one):,.0f}" if one else "-"]
        for n in counts:
            v = micro.get((name, fam, f"zones{n}"))
            if not v:
                missing.append(f"micro {name}/zones{n}")
                row += ["-", "-"]
                continue
            q = [(z - b) / (o - b) for z, o, b in zip(v, one or [], none or [])
                 if o > b]
            if not name.startswith("udp"):
                pooled[n] += q
            row += [f"{statistics.median(v):,.0f}",
                    f"{statistics.median(q) - 1:+.1%}" if q else "-"]
        rows.append(row)
    row = ["every ICMP", "-"]
    for n in counts:
        row += ["-", f"{statistics.median(pooled[n]) - 1:+.1%}" if pooled[n] else "-"]
    rows.append(row)
    header = ["message", "icmpx"]
    for n in counts:
        header += [f"{n} zones", "added"]
    out.append(table(header, rows))
    return out


def added_table(micro, contenders):
    """What each contender adds to the loop's own cost ('none'), per
    message, and icmpx's as a share of the rulesets', paired by
    repetition (the contenders of a repetition run one after the
    other): the figures issue 22's bars are stated in."""
    refs = [c for c in ("base", "iptables", "nft", "nft-fallback") if c in contenders]
    if "none" not in contenders or "icmpx" not in contenders or not refs:
        return []
    out = ["\nAdded cost (less 'none', repetition by repetition), median, ns; "
           "icmpx's as a share of each other contender's: the median of the "
           "repetitions' own ratios, and in how many of them icmpx's was the "
           "lower.\n"]
    rows = []
    for name, fam in micro_names(micro):
        none = micro.get((name, fam, "none"))
        if not none:
            continue
        added = {}
        for c in ["icmpx"] + refs:
            v = micro.get((name, fam, c))
            added[c] = [x - b for x, b in zip(v, none)] if v else []
        row = [name] + [f"{statistics.median(added[c]):,.0f}" if added[c] else "-"
                        for c in ["icmpx"] + refs]
        for c in refs:
            q = [i / r for i, r in zip(added["icmpx"], added[c]) if r > 0]
            lower = sum(i < r for i, r in zip(added["icmpx"], added[c]))
            row.append(f"{statistics.median(q):.2f} ({lower}/{len(added[c])})" if q else "-")
        rows.append(row)
    out.append(table(["message"] + ["icmpx"] + refs + [f"/ {c}" for c in refs], rows))
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv
    if len(args) != 1:
        sys.exit("usage: report.py RESULTS [--check]")
    runs = defaultdict(list)
    byrep = defaultdict(dict)
    drops = defaultdict(int)
    answered = defaultdict(list)
    windows = defaultdict(lambda: defaultdict(list))
    turned = False              # TURN fields: a run of the turns
    sent = defaultdict(lambda: defaultdict(int))
    answers = defaultdict(lambda: defaultdict(int))
    sender = defaultdict(list)
    micro = defaultdict(list)
    tables = defaultdict(list)
    netns = defaultdict(list)
    dumps = []
    seed = None
    orders = []
    with open(args[0], errors="replace") as f:
        for line in f:
            w = line.split()
            if len(w) < 2 or w[0] != "BENCH":
                continue
            try:
                if w[1] == "seed":
                    seed = int(w[2])
                elif w[1] == "order":
                    orders.append(w[4].split(","))
                elif w[1] == "run":
                    # SCENARIO CPUS CONTENDER REP PPS SENT SECS DROPS ANSWERS [TURN]
                    key = (w[2], int(w[3]), w[4])
                    windows[key][w[5]].append(float(w[6]))
                    turned |= len(w) > 11
                    sent[key][w[5]] += int(w[7])
                    answers[key][w[5]] += int(w[10])
                    drops[key] += int(w[9])
                elif w[1] == "sender":
                    sender[(w[2], int(w[3]))].append(float(w[5]))
                elif w[1] == "micro":
                    micro[(w[4], w[5], w[2])].append(int(w[6]))
                elif w[1] == "table":
                    # SCENARIO CONTENDER REP ENTRIES SLAB_KB
                    tables[(w[2], w[3])].append((int(w[5]), int(w[6])))
                elif w[1] == "netns":
                    # N CREATE_MS DESTROY_MS MEMCG_B SLAB_B PERCPU_B
                    netns[w[2]].append([int(x) for x in w[4:10]])
                elif w[1] == "dump":
                    dumps.append([int(x) for x in w[2:8]])
            except (IndexError, ValueError):
                print(f"report: bad line: {line.strip()}", file=sys.stderr)
                if check:
                    sys.exit(1)
    # A repetition's figure: its median window; its answers: of all
    # that its windows sent.
    for key, reps_of in windows.items():
        for rep, v in reps_of.items():
            runs[key].append(statistics.median(v))
            byrep[key][rep] = statistics.median(v)
            answered[key].append(answers[key][rep] / max(sent[key][rep], 1))
    if not runs and not micro:
        sys.exit("report: no BENCH run or micro lines")
    # A micro-only run (ICMPX_BENCH_SCENARIOS=micro) has its contenders there.
    contenders = [c for c in CONTENDERS if any(k[2] == c for k in runs) or
                  (not runs and any(k[2] == c for k in micro))]
    # The scenarios the run had (guest.sh checks each of its own list).
    scenarios = {s: t for s, t in SCENARIOS.items() if any(k[0] == s for k in runs)}
    cpus = sorted({k[1] for k in runs})
    reps = max((len(v) for v in runs.values()), default=0)
    missing = []

    # Paired ratios against each of these that ran: no filter, the build
    # before (base), and the rulesets.
    refs = [r for r in ("none", "base", "nft", "nft-fallback", "iptables")
            if r in contenders]
    out = []
    # Results from before the turns have one window per repetition, and
    # no TURN field.
    turns = max((len(v) for r in windows.values() for v in r.values()), default=1)
    each = f" repetitions, each its median window of {turns}" if turned else ""
    out.append(f"Packets handled per second, median of {reps}{each} "
               "(± half the range, as a share of the median); ns is CPU "
               "time per packet (CPUs / rate), sender included; answered: the "
               "receiver's ICMP messages (echo replies, port unreachables) "
               "per packet sent, median: the work the filter let through. "
               f"{', '.join('vs ' + r for r in refs)}: the median of the "
               "repetitions' own ratios "
               "(each repetition runs the contenders "
               f"{'in turns' if turned else 'one after the other'}), "
               "in how many of them the contender was ahead, and the sign "
               "test's p for that split.\n")
    rows = []
    for s, title in scenarios.items():
        for n in cpus:
            for c in contenders:
                v = runs.get((s, n, c))
                if not v:
                    missing.append(f"{s}/{n}/{c}")
                    continue
                med, spread = median_spread(v)

                def ratio(ref):
                    """The paired ratio against contender ref."""
                    mine, theirs = byrep[(s, n, c)], byrep.get((s, n, ref), {})
                    reps_both = [r for r in mine if theirs.get(r)]
                    if c == ref or not reps_both:
                        return "-"
                    q = [mine[r] / theirs[r] for r in reps_both]
                    ahead = sum(x > 1 for x in q)
                    untied = sum(x != 1 for x in q)
                    return (f"{statistics.median(q):.3f} ({ahead}/{untied}, "
                            f"p {sign_test(ahead, untied):.3f})")
                # Every cell filled: an empty first cell would make
                # reStructuredText join the row to the one above.
                rows.append([title, str(n), c,
                             f"{med:,.0f}", f"±{spread:.1%}",
                             f"{n * 1e9 / med:,.0f}" if med else "-",
                             *[ratio(r) for r in refs],
                             f"{statistics.median(answered[(s, n, c)]):.2%}",
                             str(drops[(s, n, c)])])
    out.append(table(["scenario", "CPUs", "contender", "packets/s", "spread",
                      "ns/packet", *[f"vs {r}" for r in refs],
                      "answered", "backlog drops"],
                     rows))

    if sender:
        out.append("\nThe sender alone (into a dummy device that drops "
                   "everything), against the slowest contender of the "
                   "same scenario: the receiving stack, not the sender, "
                   "sets the rate.\n")
        rows = []
        for s, title in scenarios.items():
            for n in cpus:
                v = sender.get((s, n))
                if not v:
                    missing.append(f"sender {s}/{n}")
                    continue
                med = statistics.median(v)
                slowest = min((statistics.median(runs[(s, n, c)]), c)
                              for c in contenders if runs.get((s, n, c)))
                rows.append([title, str(n), f"{med:,.0f}",
                             f"{n * 1e9 / med:,.0f}",
                             f"{slowest[0]:,.0f} ({slowest[1]})",
                             f"{slowest[0] / med:.0%}"])
        out.append(table(["scenario", "CPUs", "sender packets/s",
                          "sender ns/packet", "slowest measured",
                          "share of sender rate"], rows))

    if tables:
        when = ("each turn's warm-up and 1-CPU window of a spoofed flood"
                if turned else "each spoofed flood (1 CPU)")
        out.append(f"\nThe per-source state after {when}: "
                   "entries held, and the growth of the kernel's slab "
                   "(median).\n")
        rows = []
        for s in scenarios:
            if not s.startswith("spoof"):
                continue
            for c in contenders:
                v = tables.get((s, c))
                if not v:
                    missing.append(f"table {s}/{c}")
                    continue
                rows.append([scenarios[s], c, f"{statistics.median(e for e, _ in v):,.0f}",
                             f"{statistics.median(k for _, k in v):,.0f}"])
        out.append(table(["scenario", "contender", "entries", "slab growth (KiB)"], rows))

    if micro:
        out.append("\nThe hook path alone (icmpx_bench.ko): ns per packet "
                   "through the LOCAL_IN hooks, median; 'none' is the "
                   "benchmark loop's own cost.\n")
        names = micro_names(micro)
        rows = []
        for name, fam in names:
            row = [name]
            for c in contenders:
                v = micro.get((name, fam, c))
                if not v:
                    missing.append(f"micro {name}/{c}")
                row.append(f"{statistics.median(v):,.0f}" if v else "-")
            rows.append(row)
        out.append(table(["message"] + contenders, rows))
        out.extend(added_table(micro, contenders))
        out.extend(zones_table(micro, missing))

    if orders:
        out.extend(order_table(orders, contenders, seed, turned))

    if netns or check:
        out.extend(netns_table(netns, missing))
    if dumps or check:
        out.extend(dump_table(dumps, missing))

    print("\n".join(out))
    if missing:
        print(f"report: missing: {', '.join(missing)}", file=sys.stderr)
        if check:
            sys.exit(1)


if __name__ == "__main__":
    main()
