#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Zones: a router with an upstream link and a LAN, a policy each.
#
#   up ---- wan [ rt ] lan ---- lr
#   fe80::1      |             fe80::1
#   198.51.100.2 |             192.168.1.2
#   198.51.100.9 (a monitoring system)
#
# rt's zone wan drops router advertisements and limits echo requests to
# 10/s; its zone lan accepts lr's advertisements (routers fe80::1%lan) and
# answers every echo request.  up takes lr's link-local address, fe80::1:
# on wan it is not lr.  The truth is the kernel's: its count of
# advertisements that reached the stack, and ping's of its answers.
#
# Needs icmpx loaded.  Exit status as kselftest.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
send="/usr/bin/python3 $here/icmpsend.py"
rt=icmpx-rt up=icmpx-up lr=icmpx-lr
# A router advertisement that changes nothing: lifetime 0.
ra6="86000000400000000000000000000000"

x() {
	ip netns exec $rt "$ctl" "$@"
}

# count ZONE FAMILY KEY: one of icmpx_counts' keys, of ZONE's counters
# ("" for the namespace's).
count() {
	local z=$1
	shift
	ip netns exec $rt "$ctl" ${z:+-z "$z"} -j stats | jq -r --arg f "$1" --arg k "$2" \
		'.[$f] | if ($k | startswith("drop/")) then .drops[$k[5:]]
			else .[$k | gsub("-"; "_")] end // 0'
}

# ra_from NS LINK: one advertisement from NS out of its LINK; prints how
# many reached rt's stack (0 or 1).
ra_from() {
	local n0
	n0=$(snmp $rt Icmp6InRouterAdvertisements)
	ip netns exec "$1" $send -6 --hops 255 "ff02::1%$2" "$ra6"
	echo $(($(snmp $rt Icmp6InRouterAdvertisements) - n0))
}

# link NAME PEER_NS: rt's interface NAME to PEER_NS's eth0, fe80::1 there.
link() {
	ip link add "$1" netns $rt type veth peer name eth0 netns "$2" &&
	ip -n "$2" addr add fe80::1/64 dev eth0 nodad &&
	ip -n "$2" link set eth0 up && ip -n $rt link set "$1" up
}

setup() {
	local ns
	load_module veth
	netns_new $rt $up $lr || return 1
	for ns in $rt $up $lr; do
		ip netns exec $ns sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.addr_gen_mode=1 \
			net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 || return 1
	done
	ip netns exec $rt sysctl -qw net.ipv4.ip_forward=1 &&
	link wan $up && link lan $lr &&
	ip -n $rt addr add 198.51.100.1/24 dev wan &&
	ip -n $up addr add 198.51.100.2/24 dev eth0 &&
	ip -n $up addr add 198.51.100.9/24 dev eth0 &&
	ip -n $rt addr add 192.168.1.1/24 dev lan &&
	ip -n $lr addr add 192.168.1.2/24 dev eth0
}

test_zones() {
	check "zones: add wan" x zone add wan wan
	check "zones: add lan" x zone add lan lan
	expect "zones: listed, the default first" \
		"$(x -j zone | jq -c '[.[] | [.name, .links]]')" \
		'[["default",[]],["wan",["wan"]],["lan",["lan"]]]'
	check "zones: wan's policy" x -z wan set router-adv drop
	check "zones: wan's echo limit" \
		x -z wan rule add -4 echo-request limit 10/s burst 20 per-source
	check "zones: lan's routers" x -z lan set router-adv allow routers fe80::1%lan
	check "zones: lan answers every ping" x -z lan rule add -4 echo-request accept
	expect "zones: wan's policy is its own" "$(x -z wan -j show | jq -r .router_adv)" drop
	expect "zones: lan's is its own" "$(x -z lan -j show | jq -c .routers)" '["fe80::1%lan"]'
	expect "zones: the default zone's unchanged" "$(x -j show | jq -r .router_adv)" accept
}

test_router_adv() {
	expect "ra: lr's advertisement on lan reaches the stack" "$(ra_from $lr eth0)" 1
	expect "ra: fe80::1's on wan does not" "$(ra_from $up eth0)" 0
	expect "ra: counted in wan, as router-adv" "$(count wan ipv6 drop/router-adv)" 1
	expect "ra: not in lan" "$(count lan ipv6 dropped)" 0
}

# table_made: the per-source table is made on the first limited message,
# by a work item; until then a rule's global bucket judges, whose burst a
# flood in that moment would add to its own (limit.sh's table_ready).
# up's second address pings wan until the table shows.
table_made() {
	for _ in $(seq 10); do
		ip netns exec $up ping -q -c 1 -W 1 -I 198.51.100.9 198.51.100.1 > /dev/null
		[ -n "$(ip netns exec $rt cat /proc/net/icmpx_sources)" ] && return 0
		sleep 0.2
	done
	return 1
}

test_flood() {
	local out got secs
	table_made || fail "flood: the per-source table made"
	ip netns exec $up ping -q -f -w 3 198.51.100.1 > "$tmp/flood" 2>&1 &
	ip netns exec $lr ping -q -c 150 -i 0.01 -W 2 192.168.1.1 > "$tmp/lan" 2>&1
	wait
	grep -h transmitted "$tmp/flood" "$tmp/lan" | sed 's/^/# /'
	check "flood: lan's ping got all 150 answers at 100/s" \
		grep -q "^150 packets transmitted, 150 received" "$tmp/lan"
	read -r got secs < <(awk '/transmitted/ {
		for (i = 1; i <= NF; i++) {
			if ($(i) ~ /^received/) r = $(i - 1)
			if ($(i) == "time") t = $(i + 1)
		}
		sub(/ms$/, "", t); print r, t / 1000 }' "$tmp/flood")
	within "flood: wan's flood held to 10/s burst 20" "${got:-0}" 20 10 "${secs:-0}"
	expect "flood: lan limited nothing" "$(count lan ipv4 limit-dropped)" 0
}

# What each zone counted adds up to the namespace's counts.
test_sums() {
	local f k v z sum differ
	for f in ipv4 ipv6; do
		for k in received accepted dropped limit-dropped; do
			sum=$(( $(count default $f $k) + $(count wan $f $k) + $(count lan $f $k) ))
			expect "sums: $f $k of the zones, the namespace's" "$sum" "$(count "" $f $k)"
		done
	done
	# /proc/net/icmpx: every zone's totals and drops, icmpxctl's.
	differ=
	for z in default wan lan; do
		while read -r f k v; do
			[ "$v" = "$(count $z "$f" "$k")" ] || differ+=" $z/$f/$k=$v/$(count $z "$f" "$k")"
		done < <(ip netns exec $rt awk -v z=$z '
			$1 == "zone-total" && $2 == z && $4 ~ /^(received|accepted|dropped|limit-dropped)$/ { print $3, $4, $5 }
			$1 == "zone-drop" && $2 == z && $5 > 0 { print $3, "drop/" $4, $5 }' /proc/net/icmpx)
	done
	check "sums: /proc/net/icmpx's zone lines are icmpxctl -z's${differ:+ (proc/netlink:$differ)}" \
		test -z "$differ"
	expect "sums: /proc/net/icmpx has the zone lines of three zones" \
		"$(ip netns exec $rt awk '$1 == "zone-total" && $4 == "received" { print $2 }' /proc/net/icmpx | sort -u | tr '\n' ' ')" \
		"default lan wan "
	check "sums: something counted in each zone" test \
		"$(count wan ipv4 received)" -gt 0 -a "$(count lan ipv4 received)" -gt 0
}

# The zone names its interface: deleted and made again, it is back.
test_recreated() {
	local before
	ip -n $rt link del wan
	# The link made again as it was, its addresses too.
	link wan $up && ip -n $rt addr add 198.51.100.1/24 dev wan &&
	ip -n $up addr add 198.51.100.2/24 dev eth0 &&
	ip -n $up addr add 198.51.100.9/24 dev eth0 || { fail "recreated: wan again"; return; }
	before=$(count wan ipv6 drop/router-adv)
	expect "recreated: fe80::1 on the new wan does not reach the stack" \
		"$(ra_from $up eth0)" 0
	expect "recreated: counted in wan again" "$(count wan ipv6 drop/router-adv)" \
		$((before + 1))
}

# A zone can name an interface by index instead: that interface while it
# lives, renamed or not, and not one made again under its name.
test_by_index() {
	local ix=icmpx-ix idx out
	netns_new $ix || { fail "by index: a namespace"; return; }
	ip netns exec $ix sysctl -qw net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.addr_gen_mode=1
	link ixa $ix || { fail "by index: a link"; return; }
	idx=$(ip -n $rt -j link show ixa | jq '.[0].ifindex')
	check "by index: zone add byidx if:$idx" x zone add byidx "if:$idx"
	check "by index: ... its policy drops router advertisements" \
		x -z byidx set router-adv drop
	expect "by index: listed as if:$idx" \
		"$(x -j zone | jq -r '.[] | select(.name == "byidx") | .links | join(" ")')" "if:$idx"
	expect "by index: an advertisement on it dropped" "$(ra_from $ix eth0)" 0
	ip -n $rt link set ixa down && ip -n $rt link set ixa name ixb &&
	ip -n $rt link set ixb up
	expect "by index: renamed, still in the zone" "$(ra_from $ix eth0)" 0
	expect "by index: both counted in the zone" "$(count byidx ipv6 drop/router-adv)" 2
	out=$(x zone add other ixb 2>&1)
	check "by index: its name in another zone refused ($out)" \
		grep -q "in another zone" <<< "$out"
	# lo is 1 in every namespace.
	out=$(x zone add other lo if:1 2>&1)
	check "by index: a name and its index in one zone refused ($out)" \
		grep -q "listed twice, by name and by index" <<< "$out"
	out=$(x zone add other "if:$(ip -n $rt -j link show lan | jq '.[0].ifindex')" 2>&1)
	check "by index: lan's index while lan is zone lan's refused ($out)" \
		grep -q "in another zone" <<< "$out"
	out=$(x zone add other if:999999 2>&1)
	check "by index: an index no interface has refused ($out)" \
		grep -q "no interface has that index" <<< "$out"
	out=$(x zone add other if:x 2>&1)
	check "by index: if:x refused before the kernel ($out)" grep -q "nor if:INDEX" <<< "$out"
	ip -n $rt link del ixb
	expect "by index: the interface gone, the zone lists nothing" \
		"$(x -j zone | jq -r '.[] | select(.name == "byidx") | .links | length')" 0
	link ixa $ix || { fail "by index: the link again"; return; }
	expect "by index: made again under its first name, not in the zone" \
		"$(ra_from $ix eth0)" 1
	check "by index: zone del byidx" x zone del byidx
	ip netns del $ix
}

test_refused() {
	local out what rc
	out=$(x zone add default lo 2>&1)
	check "refused: a zone named default ($out)" grep -q "not \"default\"" <<< "$out"
	out=$(x zone add wan 2>&1)
	check "refused: a name taken ($out)" grep -q "exists" <<< "$out"
	out=$(x zone add more lan 2>&1)
	check "refused: an interface of another zone ($out)" grep -q "another zone" <<< "$out"
	# show asks get-config; stats is a dump, refused at its
	# end (NLMSG_DONE), where 6.1 too carries the kernel's words.
	for what in show stats; do
		out=$(x -z nosuch $what 2>&1)
		rc=$?
		check "refused: $what -z of no zone, exit $rc ($out)" \
			test "$rc" != 0 -a "$(grep -c "no zone of that name" <<< "$out")" = 1
	done
	out=$(x zone add 'a b' 2>&1)
	check "refused: a name with a space ($out)" grep -q "letters, digits" <<< "$out"
	out=$(x -z wan save 2>&1)
	check "refused: -z on save ($out)" grep -q -- "-z is for" <<< "$out"
	expect "refused: the zones as they were" "$(x -j zone | jq -r '[.[].name] | join(" ")')" \
		"default wan lan"
}

# A monitoring system on wan's side, trusted in wan: it pings at 100 a
# second through wan's 10/s per-source limit while up's own address
# beside it is held to 10/s; trust is wan's, counted in wan only.
test_trusted() {
	local got secs before
	check "trusted: wan trusts the monitor" x -z wan set trusted 198.51.100.9/32
	before=$(x -z wan -j stats | jq '.ipv4.events.trusted // 0')
	# test_flood emptied the flooding address's bucket: its entry goes,
	# so that the flood starts from a full burst however soon this runs.
	check "trusted: sources flush" x sources flush
	ip netns exec $up ping -q -f -w 3 -I 198.51.100.2 198.51.100.1 > "$tmp/flood" 2>&1 &
	ip netns exec $up ping -q -c 150 -i 0.01 -W 2 -I 198.51.100.9 198.51.100.1 \
		> "$tmp/mon" 2>&1
	wait
	grep -h transmitted "$tmp/mon" "$tmp/flood" | sed 's/^/# trusted: /'
	check "trusted: the monitor got all 150 answers at 100/s" \
		grep -q "^150 packets transmitted, 150 received" "$tmp/mon"
	expect "trusted: each of its requests counted trusted in wan" \
		$(( $(x -z wan -j stats | jq '.ipv4.events.trusted // 0') - before )) 150
	expect "trusted: none in lan" "$(x -z lan -j stats | jq '.ipv4.events.trusted // 0')" 0
	read -r got secs < <(awk '/transmitted/ {
		for (i = 1; i <= NF; i++) {
			if ($(i) ~ /^received/) r = $(i - 1)
			if ($(i) == "time") t = $(i + 1)
		}
		sub(/ms$/, "", t); print r, t / 1000 }' "$tmp/flood")
	within "trusted: the flooder beside it held to 10/s burst 20" "${got:-0}" 20 10 "${secs:-0}"
	x -z wan set trusted none
}

# The per-source table is the namespace's, each entry of a zone's rule:
# up's flooding address is wan's, and lan has none.
test_sources() {
	local out
	ip netns exec $up ping -q -c 3 -i 0.2 198.51.100.1 > /dev/null
	expect "sources: up's address, of wan" \
		"$(x -j sources | jq -r '.[] | select(.address == "198.51.100.2") | .zone')" wan
	expect "sources: -z wan lists it" \
		"$(x -z wan -j sources | jq -r '[.[].address] | index("198.51.100.2") != null')" true
	expect "sources: -z lan lists none" "$(x -z lan -j sources | jq length)" 0
	expect "sources: /proc/net/icmpx_sources names wan for it" \
		"$(ip netns exec $rt awk '$2 ~ /^198\.51\.100\.2\// { print $6 }' /proc/net/icmpx_sources | sort -u)" wan
	out=$(x -z nosuch sources 2>&1)
	check "sources: -z of no zone refused ($out)" grep -q "no zone of that name" <<< "$out"
}

# save writes every zone and apply puts them all back, or none of them:
# three zones round-trip through a file, and a file with one zone the
# module refuses changes nothing.
test_saved() {
	local out rc
	ip -n $rt link add mgmt0 type dummy && ip -n $rt link set mgmt0 up
	check "saved: a third zone" x zone add mgmt mgmt0
	check "saved: its policy" x -z mgmt preset strict
	check "saved: and its trusted prefix" x -z mgmt set trusted 10.9.0.0/16
	check "saved: the default zone's own rule" \
		x rule add -6 echo-request limit 500/s burst 50
	x save > "$tmp/saved"
	expect "saved: each zone and its interfaces" \
		"$(grep '^zone' "$tmp/saved" | tr '\n' ';')" \
		"zone wan wan;zone lan lan;zone mgmt mgmt0;"
	# Away from it: a zone gone, one more, interfaces moved, policies changed.
	x zone del mgmt && x zone set lan && x zone add other lan mgmt0 &&
	x -z wan preset permissive && x -z wan set router-adv accept &&
	x set mode monitor
	expect "saved: changed (wan accepts advertisements)" "$(ra_from $up eth0)" 1
	check "saved: apply puts it back" x apply "$tmp/saved"
	x save > "$tmp/again"
	check "saved: ... as save wrote it ($(diff "$tmp/saved" "$tmp/again" | head -3 | tr '\n' ' '))" \
		cmp -s "$tmp/saved" "$tmp/again"
	expect "saved: ... the zones, in order" \
		"$(x -j zone | jq -c '[.[] | [.name, .links]]')" \
		'[["default",[]],["wan",["wan"]],["lan",["lan"]],["mgmt",["mgmt0"]]]'
	expect "saved: ... wan drops advertisements again" "$(ra_from $up eth0)" 0
	expect "saved: ... lan takes lr's" "$(ra_from $lr eth0)" 1

	# A fourth zone the module refuses (no rule on a type a setting
	# decides): nothing changes, not even the zones before it.
	{ sed 's/^zone lan lan$/zone lan/' "$tmp/saved"
	  printf 'zone extra\nrule add -4 redirect drop\n'; } > "$tmp/bad"
	out=$(x apply "$tmp/bad" 2>&1)
	rc=$?
	check "saved: refused, exit $rc ($out)" test "$rc" = 1
	check "saved: ... naming the zone ($out)" grep -q "zone extra" <<< "$out"
	x save > "$tmp/again"
	check "saved: ... and nothing changed" cmp -s "$tmp/saved" "$tmp/again"
	# A file the module takes policy by policy, but whose interface it
	# refuses only when the zone is changed: what was is put back.
	sed 's|^zone lan lan$|zone lan a/b|' "$tmp/saved" > "$tmp/late"
	out=$(x apply "$tmp/late" 2>&1)
	rc=$?
	check "saved: refused late, exit $rc ($out)" test "$rc" = 1
	check "saved: ... and said what was put back ($out)" \
		grep -q "nothing changed: what was is back in force" <<< "$out"
	x save > "$tmp/again"
	check "saved: ... and nothing changed ($(diff "$tmp/saved" "$tmp/again" | head -3 | tr '\n' ' '))" \
		cmp -s "$tmp/saved" "$tmp/again"
	check "saved: --check changes nothing either" x apply --check "$tmp/saved"
	x zone del mgmt
}

# A zone removed: its interfaces are the default zone's again.
test_removed() {
	check "removed: zone del lan" x zone del lan
	expect "removed: lan's advertisement follows the default zone (accept)" \
		"$(ra_from $lr eth0)" 1
	expect "removed: listed no more" "$(x -j zone | jq -r '[.[].name] | join(" ")')" \
		"default wan"
	ip netns exec $up ping -q -c 3 -i 0.2 198.51.100.1 > /dev/null
	check "removed: wan has per-source entries" \
		test "$(x -z wan -j sources | jq length)" -gt 0
	check "removed: zone del wan" x zone del wan
	# Its entries go with it: a zone taking its id does not inherit them.
	expect "removed: no entry of a zone gone" \
		"$(x -j sources | jq '[.[] | select(.zone != "default")] | length')" 0
	expect "removed: /proc/net/icmpx without zone lines once only the default is left" \
		"$(ip netns exec $rt grep -c '^zone' /proc/net/icmpx)" 0
}

tmp=$(mktemp -d)
setup || { fail "zones: topology"; exit 1; }
test_zones
test_router_adv
test_flood
test_trusted
test_sources
test_sums
test_recreated
test_by_index
test_refused
test_saved
test_removed
rm -rf "$tmp"
end_test
