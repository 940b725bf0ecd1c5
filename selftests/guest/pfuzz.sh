#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Packet fuzz: ICMPX_PFUZZ_COUNT random and mutated ICMP and ICMPv6
# frames (tools/blast -m fuzz: any type, code and length, bad checksums,
# errors quoting mangled datagrams, fragments, broadcast and multicast
# destinations, random sources) from a peer namespace, one sender per
# CPU.  Afterwards the receiver's counts must meet truths icmpx did not
# make: what it received (with what it could not read and the first
# fragments it left alone) is what nftables counted as ICMP just before
# it on the same hook; what it accepted (with what it could not read)
# is what the kernel's ICMP code then counted (InMsgs), so that what it
# dropped is the difference of the two.  Its own accounts must agree
# too: malformed (received less valid, per type) = the sum of its
# reasons, counted apart; dropped (per type) = the sum of the drop
# reasons, counted apart.
# The receiver still answers a ping; the plan's kernel log checks
# (KASAN, kmemleak, lockdep) follow.  ICMPX_PFUZZ_SEED replays a run.
#
#   TX, fuzzing                      RX (topo_pair, vm/topo.sh)
#   +------------------------+      +------------------------+
#   | veth0  10.9.0.2/24     |----->| veth0  10.9.0.1/24     |
#   |        fd09::2/64      |      |        fd09::1/64      |
#   +------------------------+      +------------------------+
#
# Needs icmpx loaded and tools/blast built.  Exit status as kselftest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

blast=$here/../../tools/blast/blast
count=${ICMPX_PFUZZ_COUNT:-100000}
seed=${ICMPX_PFUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
tx=icmpx-ftx
rx=icmpx-frx

needs icmpx "$blast"
load_module veth

if ! topo_pair "$tx" "$rx"; then
	fail "pfuzz: namespaces set up"
	exit 1
fi

# inmsgs WHEN: rx's kernel's ICMP input counters.
inmsgs() {
	echo "kernel ipv4 $1 $(snmp "$rx" InMsgs)"
	echo "kernel ipv6 $1 $(snmp "$rx" Icmp6InMsgs)"
}

# What reached LOCAL_IN as ICMP and ICMPv6, counted by nftables just
# before icmpx (priority -20; icmpx hooks at -10).  An IPv6 fragment
# after the first has no ICMPv6 header in it, and icmpx does not see it
# as ICMPv6; nftables does (its l4proto is the fragment's next header).
# (Anonymous counters, told apart by their comments: a named counter
# needs nft_objref, which Debian's 6.1 has as a module of its own.)
load_module nf_tables
if ! ip netns exec "$rx" nft -f - <<'EOF'
table inet icmpx_truth {
	chain input {
		type filter hook input priority -20; policy accept;
		meta l4proto icmp counter comment "seen4"
		meta l4proto ipv6-icmp counter comment "seen6"
		meta l4proto ipv6-icmp frag frag-off != 0 counter comment "later6"
	}
}
EOF
then
	fail "pfuzz: nftables counts ICMP before icmpx"
	exit 1
fi

# nft_count NAME: the packets of the rule NAME is the comment of.
nft_count() {
	ip netns exec "$rx" nft list chain inet icmpx_truth input |
		awk -v c="\"$1\"" '$NF == c { for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }'
}

# snapshot FILE: rx's counts, between two reads of its kernel's (a
# stray message, an MLD report, may arrive while they are read).
snapshot() {
	{
		inmsgs first
		echo "nft ipv4 first $(nft_count seen4)"
		echo "nft ipv6 first $(($(nft_count seen6) - $(nft_count later6)))"
		icmpx_counts "$rx"
		echo "nft ipv4 last $(nft_count seen4)"
		echo "nft ipv6 last $(($(nft_count seen6) - $(nft_count later6)))"
		inmsgs last
	} > "$1"
}

tmp=$(mktemp -d)
snapshot "$tmp/before"
threads=$(nproc)
[ "$threads" -gt 2 ] && threads=2
t0=$(date +%s)
out=$(ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m fuzz -t "$threads" \
	-c "$count" -S "$seed")
rc=$?
echo "# pfuzz: seed $seed, $threads sender(s): $out in $(($(date +%s) - t0)) s"
expect "pfuzz: $count frames sent" "$rc ${out%% *}" "0 sent=$count"
# What is queued (a backlog, a reassembly) settles; nothing else arrives.
sleep 2
snapshot "$tmp/after"

py_results "pfuzz: the verdict" /usr/bin/python3 - "$tmp/before" "$tmp/after" "$count" <<'EOF'
import sys
from collections import defaultdict

EVENTS = {"fragment", "no-header", "guarded", "monitored", "source-inserts",
          "source-evictions", "source-full", "source-nomem", "loopback", "trusted",
          "ext-length", "ext-invalid", "mtu-low"}
TOTALS = {"received", "valid", "malformed", "accepted", "dropped", "limit-passed",
          "limit-dropped"}


def read(path):
    """The kernel's reads and icmpx_counts' lines (FAMILY KEY VALUE)."""
    v = defaultdict(int)
    for line in open(path):
        w = line.split()
        if len(w) == 4 and w[0] in ("kernel", "nft"):
            v[(w[0], w[1], w[2])] = int(w[3])
        elif len(w) == 3 and w[1].startswith("drop/"):
            v[("drop", w[0], w[1][5:])] = int(w[2])
        elif len(w) == 3 and "/" in w[1]:
            ty, k = w[1].split("/", 1)
            v[("type", w[0], ty, "rx" if k == "received" else k)] = int(w[2])
        elif len(w) == 3:
            v[("total", w[0], w[1])] = int(w[2])
    return v


before, after = read(sys.argv[1]), read(sys.argv[2])
d = {k: after[k] - before.get(k, 0) for k in after}
bad = []
seen = 0
for fam in ("ipv4", "ipv6"):
    t = lambda k: d.get(("total", fam, k), 0)
    seen += t("received")
    print(f"# {fam}: received {t('received')}, accepted {t('accepted')}, dropped "
          f"{t('dropped')}, malformed {t('malformed')}, no-header {t('no-header')}, "
          f"fragments {t('fragment')}; the kernel counted {d.get(('kernel', fam, 'last'), 0)}")
    reasons = {k[2]: v for k, v in d.items() if k[:2] == ("total", fam)
               and k[2] not in EVENTS | TOTALS}
    drops = {k[2]: v for k, v in d.items() if k[:2] == ("drop", fam)}
    print(f"# {fam} malformed: " + ", ".join(f"{k} {v}" for k, v in reasons.items() if v))
    print(f"# {fam} dropped: " + ", ".join(f"{k} {v}" for k, v in drops.items() if v))
    # What reached the hook, by nftables' count before icmpx's read and
    # after it: exact when all is quiet.
    low = after[("nft", fam, "first")] - before[("nft", fam, "last")]
    high = after[("nft", fam, "last")] - before[("nft", fam, "first")]
    seen_here = t("received") + t("no-header") + t("fragment")
    if not low <= seen_here <= high:
        bad.append(f"{fam}: received {t('received')} + unreadable {t('no-header')} + "
                   f"fragments {t('fragment')} not nftables' ICMP {low}..{high}")
    if t("malformed") != sum(reasons.values()):
        bad.append(f"{fam}: malformed {t('malformed')} != its reasons {sum(reasons.values())}")
    if t("dropped") != sum(drops.values()):
        bad.append(f"{fam}: dropped {t('dropped')} != the drop reasons {sum(drops.values())}")
    # What the kernel counted while icmpx's counters were read lies
    # between its reads before and after them: exact when all is quiet.
    low = after[("kernel", fam, "first")] - before[("kernel", fam, "last")]
    high = after[("kernel", fam, "last")] - before[("kernel", fam, "first")]
    if not low <= t("accepted") + t("no-header") <= high:
        bad.append(f"{fam}: accepted {t('accepted')} + unreadable {t('no-header')} "
                   f"not the kernel's InMsgs {low}..{high}")
    # The host preset's ICMPv6 drops are few: malformed, limit, error
    # validation (a quote of a datagram never sent is rarely made here).
    if not drops.get("malformed") or not drops.get("limit") or \
            sum(1 for v in drops.values() if v) < 3:
        bad.append(f"{fam}: too few paths taken (malformed, limit and one more)")
print(("FAIL" if bad else "PASS") + " pfuzz: counts match nftables' and the kernel's, "
      "and add up to their reasons" + (f" # {'; '.join(bad[:5])}" if bad else ""))
n = int(sys.argv[3])
print(("PASS" if seen * 2 > n else "FAIL") +
      f" pfuzz: most of the frames reached icmpx ({seen} of {n})")
EOF
check "pfuzz: the receiver still answers a ping" \
	quiet ip netns exec "$tx" ping -c 1 -W 2 10.9.0.1
rm -rf "$tmp"

end_test
