#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every message of the parser corpus, sent as a real packet from a peer
# namespace: the receiver's counters must move by exactly what the
# corpus says, per type (received, valid) and per reason.
#
#   +-------------------+            +-------------------+
#   |  c1 (sender)      |            |  c2 (receiver)    |
#   |  veth1            |<---------->|  veth2            |
#   |  192.0.2.1/24     |            |  192.0.2.2/24     |
#   |  fe80::1          |            |  fe80::2          |
#   +-------------------+            +-------------------+
#
# The namespaces are kept quiet so that only the corpus is counted: no
# router solicitations, no DAD, permanent neighbour entries.
#
# Needs icmpx loaded and the corpus written by `make -C tools/fuzz cases`
# (ICMPX_CASES, default tools/fuzz/cases).  Exit status as kselftest.
#
# Under KASAN everything is several times slower: the debug kernel sends
# the corpus once, the stock kernels three times.
# Env on debug: ICMPX_CORPUS_COUNT=1
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

cases=${ICMPX_CASES:-$here/../../tools/fuzz/cases}
count=${ICMPX_CORPUS_COUNT:-3}
c1=icmpx-c1
c2=icmpx-c2

needs icmpx "$cases/manifest"
load_module veth

setup() {
	local ns
	netns_new "$c1" "$c2" || return 1
	for ns in "$c1" "$c2"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_ra=0 \
			net.ipv6.conf.default.router_solicitations=0 \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.addr_gen_mode=1 || return 1
	done
	ip link add veth1 netns "$c1" type veth peer name veth2 netns "$c2" || return 1
	ip -n "$c1" addr add 192.0.2.1/24 dev veth1
	ip -n "$c2" addr add 192.0.2.2/24 dev veth2
	ip -n "$c1" addr add fe80::1/64 dev veth1 nodad
	ip -n "$c2" addr add fe80::2/64 dev veth2 nodad
	ip -n "$c1" link set veth1 up
	ip -n "$c2" link set veth2 up
	mac1=$(ip -n "$c1" -br link show veth1 | awk '{ print $3 }')
	mac2=$(ip -n "$c2" -br link show veth2 | awk '{ print $3 }')
	ip -n "$c1" neigh replace 192.0.2.2 lladdr "$mac2" dev veth1 nud permanent
	ip -n "$c1" neigh replace fe80::2 lladdr "$mac2" dev veth1 nud permanent
	ip -n "$c2" neigh replace 192.0.2.1 lladdr "$mac1" dev veth2 nud permanent
	ip -n "$c2" neigh replace fe80::1 lladdr "$mac1" dev veth2 nud permanent
}

# snapshot NS: every parser counter of NS as "family key value" lines.
# What the policy made of the messages (accepted, dropped, limits) is
# not the parser's business: only that each was one or the other.
# A type's received is keyed by its number alone, as in the manifest.
snapshot() {
	icmpx_counts "$1" | awk '
		$2 ~ /^(accepted|dropped)$/ { d[$1] += $3; next }
		$2 ~ /^[0-9]+\/received$/ { sub(/\/.*/, "", $2); print; next }
		$2 ~ /^[0-9]+\/valid$/ { print; next }
		$2 ~ /\// || $2 ~ /^(guarded|monitored|loopback|limit-.*|source-.*)$/ { next }
		{ print }
		END { for (f in d) print f, "decided", d[f] }'
}

if ! setup; then
	fail "corpus: setup" "cannot create namespaces and veth"
	exit 1
fi
# Let link-up chatter (MLD reports) die down before the first snapshot.
sleep 3
before=$(snapshot "$c2")

if ip netns exec "$c1" /usr/bin/python3 "$here/corpus_send.py" "$cases" veth1 "$mac2" "$count"; then
	pass "corpus: $(wc -l < "$cases/manifest") cases sent $count times each"
else
	fail "corpus: send"
	exit 1
fi
sleep 2
after=$(snapshot "$c2")

# What the manifest says each counter must have moved by ("decided":
# accepted + dropped, one per message).
want=$(awk -v n="$count" '
	$3 == "-" { d[$2 " no-header"] += n; next }
	{ d[$2 " " $3] += n; d[$2 " received"] += n
	  d[$2 " decided"] += n
	  if ($5 != "-") { k = split($5, note, ","); for (i = 1; i <= k; i++) d[$2 " " note[i]] += n }
	  if ($4 == "ok") { d[$2 " " $3 "/valid"] += n; d[$2 " valid"] += n }
	  else { d[$2 " " $4] += n; d[$2 " malformed"] += n } }
	END { for (k in d) print k, d[k] }' "$cases/manifest" | sort -V)
# What did move.
got=$(awk 'NR == FNR { b[$1 " " $2] = $3; next }
	{ d = $3 - b[$1 " " $2]; if (d) print $1, $2, d }' \
	<(echo "$before") <(echo "$after") | sort -V)

# Each wanted counter beside what it got, joined at once: a process per
# counter costs minutes under KASAN.
while read -r fam key n g; do
	if [ "$g" = "$n" ]; then
		pass "corpus: $fam $key moved by $n"
	else
		fail "corpus: $fam $key moved by $n" "moved by $g"
	fi
done < <(awk 'NR == FNR { g[$1 " " $2] = $3; next }
	{ print $1, $2, $3, g[$1 " " $2] + 0 }' <(echo "$got") <(echo "$want"))
extra=$(awk 'NR == FNR { w[$1 " " $2] = 1; next } !w[$1 " " $2]' \
	<(echo "$want") <(echo "$got"))
if [ -z "$extra" ]; then
	pass "corpus: no other counter moved"
else
	fail "corpus: no other counter moved" "$(echo "$extra" | tr '\n' ';')"
fi

end_test
