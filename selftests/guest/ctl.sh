#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# icmpxctl against the real module: every setting and rule the policy
# and rate-limit code know is changed through the CLI, and a message that
# setting decides about shows that it changed behaviour.  Also: bad input
# refused with the kernel's own message and nothing changed, writes
# refused to the unprivileged, JSON parsed back, events heard by
# `icmpxctl monitor`, save and apply (--check; what stays keeps its
# state), -n NETNS, the Prometheus output parsed, and sysfs equal to
# netlink.
#
#   +-----------------------+  veth  +-----------------------+
#   | rx (tested)           |--------| tx                    |
#   | 10.1.0.1/24 fd01::1   |        | 10.1.0.2/24 fd01::2   |
#   | fe80::1               |        | fe80::2               |
#   +-----------------------+        +-----------------------+
#
# Needs icmpx loaded (from ICMPX_MODDIR) and tools/icmpxctl built; leaves
# icmpx loaded with its defaults.  Exit status as kselftest.
#
# The settings test (each setting shown to change what a message meets)
# is policy.sh's, which every kernel runs: 6.12 runs it through icmpxctl
# too.  The YNL spec check (the kernel's cli.py) is the same everywhere
# and slow under KASAN.
# Env on debug: ICMPX_CTL_SKIP=test_settings,test_ynl
# Env on 6.1: ICMPX_CTL_SKIP=test_settings
# May skip on debug: ctl: test_settings; ctl: test_ynl
# May skip on 6.1: ctl: test_settings
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ko=${ICMPX_MODDIR:-}/icmpx.ko
ctl=$here/../../tools/icmpxctl/icmpxctl
send=$here/icmpsend.py
rx=icmpx-crx tx=icmpx-ctx
tmp=$(mktemp -d)

at_exit rm -rf "$tmp"

needs icmpx "$ctl"

# c ARGS...: icmpxctl in rx.
c() {
	ip netns exec "$rx" "$ctl" "$@"
}

# unsourced: icmpxctl -j show on standard input without its "sources" count.
unsourced() {
	sed -E 's/"sources": ?[0-9]+,//'
}

# js EXPR...: each EXPR over the JSON document on standard input, as d,
# one line each.  Few calls: python takes seconds to start under TCG.
js() {
	python3 -c 'import json, sys
d = json.load(sys.stdin)
for e in sys.argv[1:]:
	print(eval(e))' "$@"
}

# cnt FAMILY KIND NAME: rx's count of a drop reason or an event
# ("drops rule", "events guarded").
cnt() {
	case $2 in
	drops)	icmpx_count "$rx" "$1" "drop/$3" ;;
	*)	icmpx_count "$rx" "$1" "$3" ;;
	esac
}

# tstat FAMILY TYPE FIELD: rx's count of a type's received, accepted,
# dropped or limit_dropped.
tstat() {
	icmpx_count "$rx" "$1" "$2/${3//_/-}"
}

# tx_send ARGS...: icmpsend.py in tx.
tx_send() {
	ip netns exec "$tx" python3 "$send" "$@" > /dev/null
}

pings() {
	ip netns exec "$tx" ping "$@" 2>&1 | awk '/received/ { print $4 }'
}

# Hex of what tx forges.  An inner IPv4 header quoting rx (0a010001)
# sending to 198.51.100.9 (c6336409), or someone else (c000024d) doing so.
ip4() { echo "4500001c0000000040${1}0000${2}${3}"; }
echo4="0000000012340001"
udp4="9c40829a00080000"
quench="0400000000000000$(ip4 01 0a010001 c6336409)$echo4"
redirect="050100000a010063$(ip4 01 0a010001 c6336409)$echo4"
unreach() { echo "03${1}000000000000$(ip4 11 "$2" c6336409)$udp4"; }
fragneeded="0304000000000578$(ip4 11 0a010001 c6336409)$udp4"
tsreply="0e00000012340001000000000000000000000000"
ra6="86000000400000000000000000000000"

setup() {
	local ns
	load_module veth
	netns_new $rx $tx || return 1
	for ns in $rx $tx; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.router_solicitations=0
		ip -n "$ns" link set lo up
	done
	ip link add name veth1 netns "$rx" type veth peer name veth1 netns "$tx" || return 1
	# One link-local address each, the one given: tx's RAs come from fe80::2.
	ip -n "$rx" link set veth1 addrgenmode none
	ip -n "$tx" link set veth1 addrgenmode none
	ip -n "$rx" addr add 10.1.0.1/24 dev veth1
	ip -n "$rx" addr add fd01::1/64 dev veth1 nodad
	ip -n "$rx" addr add fe80::1/64 dev veth1 nodad
	ip -n "$tx" addr add 10.1.0.2/24 dev veth1
	ip -n "$tx" addr add fd01::2/64 dev veth1 nodad
	ip -n "$tx" addr add fe80::2/64 dev veth1 nodad
	ip -n "$rx" link set veth1 up
	ip -n "$tx" link set veth1 up
	quiet ip netns exec "$tx" ping -6 -q -c 1 -W 3 fd01::1
	quiet ip netns exec "$tx" ping -q -c 1 -W 3 10.1.0.1
}

# --- reading ----------------------------------------------------------------

test_show() {
	local out
	quiet ip netns exec "$tx" ping -q -c 2 -i 0.2 -W 2 10.1.0.1
	out=$(c show) && pass "show: runs" || fail "show: runs"
	check "show: preset host, mode enforce" grep -q "^preset host, mode enforce" <<< "$out"
	check "show: the echo limit" \
		grep -Eq "ipv4 echo-request +limit 10/s burst 20 per-source /32" <<< "$out"
	# The three documents in one, parsed at once.
	echo "[$(c -j show), $(c -j show --all), $(c -j stats)]" |
		js "d[0]['preset']" "d[0]['sources_max']" "len(d[1]['rules'])" \
		   "sorted(d[2])" "d[2]['ipv4']['types'][0]['name']" > "$tmp/js"
	{
		read -r preset; read -r smax; read -r nrules; read -r fams; read -r name
	} < "$tmp/js"
	expect "show -j: parses, the preset" "${preset:-}" host
	expect "show -j: sources_max" "${smax:-}" "$(cat /sys/module/icmpx/parameters/sources_max)"
	# Source quench, redirects and router advertisements (IPv4 4, 5, 9,
	# IPv6 134, 137) follow settings and have no rule.
	expect "show --all -j: every type's rule of both families, but 5 settings decide" \
		"${nrules:-}" 507
	expect "stats -j: parses, both families" "${fams:-}" "['ipv4', 'ipv6']"
	expect "stats -j: the types that received, by name" "${name:-}" echo-request
	check "stats: per-type table" grep -q "echo-request (8)" <<< "$(c stats -4 echo-request)"
	c stats --prometheus > "$tmp/prom"
	check "stats --prometheus: a received counter of echo requests" \
		grep -Eq '^icmpx_received_messages_total\{family="ipv4",type="8",name="echo-request"\} [1-9]' "$tmp/prom"
	check "stats --prometheus: the table's cap and the mode" \
		grep -Ezq "icmpx_source_table_max_entries $(cat /sys/module/icmpx/parameters/sources_max).*icmpx_mode\{mode=\"enforce\"\} 1" "$tmp/prom"
	out=$("$here/../../tools/icmpxctl/promcheck.py" "$tmp/prom" 2>&1)
	check "stats --prometheus: the Python client parses it, conventions kept ($out)" \
		test -z "$out"
	# The man page's cron recipe for node_exporter, as written.
	mkdir "$tmp/textfile"
	sed -n '/^d=\/var\/lib\/prometheus/,/^\.fi/p' "$here/../../tools/icmpxctl/icmpxctl.8" |
		sed "\$d; s/\\\\-/-/g; s|^d=.*|d=$tmp/textfile|" > "$tmp/cron.sh"
	PATH=$(dirname "$ctl"):$PATH sh "$tmp/cron.sh"
	expect "the cron recipe: one file, readable by node_exporter" \
		"$(cd "$tmp/textfile" && stat -c '%n %a' -- * .[!.]* 2> /dev/null)" "icmpx.prom 644"
	check "the cron recipe: its file passes the checker" \
		"$here/../../tools/icmpxctl/promcheck.py" "$tmp/textfile/icmpx.prom"
	# -n NETNS, as ip -n: the same namespace as ip netns exec.  The
	# table's count of sources is left out: its collector may age one out
	# between the two reads.
	expect "-n: the namespace named" "$("$ctl" -n "$rx" -j show | unsourced)" \
		"$(c -j show | unsourced)"
	"$ctl" -n "$rx" set mode monitor
	check "-n: a change made there, not here" \
		test "$(c -j show | js "d['mode']")/$("$ctl" -j show | js "d['mode']")" = monitor/enforce
	c set mode enforce
}

# --- every setting changes behaviour --------------------------------------

test_rules() {
	c rule add -4 echo-request drop || fail "rule add drop"
	expect "rule add -4 echo-request drop: pings go unanswered" "$(pings -c 2 -W 1 10.1.0.1)" 0
	check "rule add: counted as dropped by rule" test "$(cnt ipv4 drops rule)" -ge 2
	expect "rule add: IPv6 untouched" "$(pings -6 -c 1 -W 2 fd01::1)" 1
	c rule del -4 echo-request
	expect "rule del: the preset's limit again, pings answered" "$(pings -c 2 -i 0.2 -W 2 10.1.0.1)" 2

	# The issue's example: both families, /24 for IPv4.
	c rule add echo-request limit 10/s burst 20 per-source /24 ||
		fail "rule add echo-request limit 10/s burst 20 per-source /24"
	expect "rule add: the IPv4 echo rule is /24" \
		"$(c -j show | js "[r['prefix'] for r in d['rules'] if r['family'] == 'ipv4' and r['type'] == 8][0]")" 24
	c sources flush
	got=$(pings -q -c 60 -i 0.01 -W 1 10.1.0.1)
	# 20 at once, then 10/s over the second or so ping takes under TCG.
	check "per-source /24: 60 fast pings, about burst 20 answered ($got)" \
		test "${got:-0}" -ge 18 -a "${got:-0}" -le 40
	check "sources: the source as 10.1.0.0/24" \
		grep -q "10.1.0.0/24" <<< "$(c sources --top 5)"
	expect "sources -j: parses" "$(c -j sources | js "[s['prefix'] for s in d if s['family'] == 'ipv4'][0]")" 24
	c sources flush
	expect "sources flush: empty" "$(c -j sources | js "len(d)")" 0

	# A global error limit, then a code rule and the PMTUD guard.
	c rule add -4 destination-unreachable limit 5/s burst 5 global
	c reset
	tx_send --count 40 10.1.0.1 "$(unreach 03 0a010001)"
	check "error limit 5/s burst 5: most of 40 unreachables limited" \
		test "$(tstat ipv4 3 limit_dropped)" -ge 25
	c rule del -4 destination-unreachable
	# A type's drop rule leaves frag-needed to the guard; a rule for it
	# alone says force or is refused.
	c rule add -4 destination-unreachable drop
	c reset
	tx_send 10.1.0.1 "$fragneeded"
	expect "type rule: frag-needed kept by the PMTUD guard" "$(cnt ipv4 events guarded)" 1
	expect "type rule: ... and accepted" "$(tstat ipv4 3 accepted)" 1
	tx_send 10.1.0.1 "$(unreach 03 0a010001)"
	expect "type rule: other codes dropped" "$(cnt ipv4 drops rule)" 1
	refused "code rule: frag-needed dropped without force" "path MTU discovery" \
		rule add -4 destination-unreachable code 4 drop
	c rule add -4 destination-unreachable code 4 drop force
	tx_send 10.1.0.1 "$fragneeded"
	expect "force: frag-needed dropped by the rule" "$(cnt ipv4 drops rule)" 2
	c rule del -4 destination-unreachable code 4
	c rule del -4 destination-unreachable
	expect "rule del code: gone" "$(c show | grep -c ' code ')" 0
}

test_settings() {
	c reset
	c set source-quench drop
	tx_send 10.1.0.1 "$quench"
	expect "source-quench drop: dropped" "$(cnt ipv4 drops source-quench)" 1
	c set source-quench accept
	tx_send 10.1.0.1 "$quench"
	expect "source-quench accept: accepted" "$(tstat ipv4 4 accepted)" 1

	c set redirect drop
	tx_send 10.1.0.1 "$redirect"
	expect "redirect drop: dropped" "$(cnt ipv4 drops redirect)" 1
	c set redirect accept
	tx_send 10.1.0.1 "$redirect"
	expect "redirect accept: accepted" "$(tstat ipv4 5 accepted)" 1
	c set redirect validate
	tx_send 10.1.0.1 "$redirect"
	check "redirect validate: rejected (not from the gateway)" \
		test "$(tstat ipv4 5 dropped)" = 2

	c set validate-errors on
	tx_send 10.1.0.1 "$(unreach 03 c000024d)"
	expect "validate-errors on: an error about someone else's datagram dropped" \
		"$(cnt ipv4 drops error-source)" 1
	c set validate-errors off
	tx_send 10.1.0.1 "$(unreach 03 c000024d)"
	expect "validate-errors off: accepted" "$(cnt ipv4 drops error-source)" 1

	c set router-adv drop
	ip netns exec "$tx" python3 "$send" -6 --hops 255 fe80::1%veth1 "$ra6"
	expect "router-adv drop: dropped" "$(cnt ipv6 drops router-adv)" 1
	c set router-adv allow routers 192.0.2.1,fe80::9
	ip netns exec "$tx" python3 "$send" -6 --hops 255 fe80::1%veth1 "$ra6"
	expect "router-adv allow: from an unlisted router, dropped" \
		"$(cnt ipv6 drops router-unlisted)" 1
	c set routers fe80::2
	check "set routers: shown" grep -q "^  routers fe80::2$" <<< "$(c show)"
	ip netns exec "$tx" python3 "$send" -6 --hops 255 fe80::1%veth1 "$ra6"
	expect "router-adv allow: from a listed router, accepted" "$(tstat ipv6 134 accepted)" 1
	c set router-adv accept routers none

	c set trusted 10.1.0.0/24,fd01::/64
	check "set trusted: shown" \
		grep -q "^  trusted 10.1.0.0/24 fd01::/64$" <<< "$(c show)"
	check "set trusted: in /proc/net/icmpx" \
		grep -q "^trusted ipv6 fd01::/64$" <<< "$(ip netns exec "$rx" cat /proc/net/icmpx)"
	c set trusted none
	check "set trusted none: none shown" grep -q "^  trusted none$" <<< "$(c show)"

	# A drop rule the trusted sources pass: tx's pings answered while it
	# is trusted, and counted so; dropped once it is not.
	c reset
	c rule add -4 echo-request drop unless-trusted
	check "unless-trusted: shown" \
		grep -q "ipv4 echo-request drop unless-trusted$" <<< "$(c show)"
	expect "unless-trusted: untrusted pings dropped" "$(pings -c 1 -W 1 10.1.0.1)" 0
	c set trusted 10.1.0.2
	expect "unless-trusted: a trusted source's pings answered" \
		"$(pings -c 2 -i 0.2 -W 2 10.1.0.1)" 2
	expect "unless-trusted: counted as trusted" "$(cnt ipv4 events trusted)" 2
	expect "unless-trusted: and dropped by the rule only before" "$(cnt ipv4 drops rule)" 1
	c set trusted none
	expect "unless-trusted: off the list, dropped again" "$(pings -c 1 -W 1 10.1.0.1)" 0
	c rule del -4 echo-request

	c rule add -4 echo-request drop
	c set mode monitor
	c reset
	expect "mode monitor: pings answered despite the drop rule" "$(pings -c 2 -i 0.2 -W 2 10.1.0.1)" 2
	expect "mode monitor: the would-be drops counted" "$(cnt ipv4 events monitored)" 2
	c set mode off
	pings -c 1 -W 2 10.1.0.1 > /dev/null
	expect "mode off: nothing decided" "$(cnt ipv4 drops rule)" 2
	c set mode enforce
	expect "mode enforce: dropped again" "$(pings -c 1 -W 1 10.1.0.1)" 0
	c rule del -4 echo-request

	tx_send 10.1.0.1 "$tsreply"
	c preset strict
	check "preset strict: in force" grep -q "^preset strict," <<< "$(c show)"
	tx_send 10.1.0.1 "$tsreply"
	expect "preset host accepts a timestamp reply, strict drops it" \
		"$(tstat ipv4 14 accepted)/$(tstat ipv4 14 dropped)" 1/1
	c preset host
}

# --- refusals -----------------------------------------------------------------

# refused NAME PATTERN ARGS...: icmpxctl ARGS fails with status 1 and a
# message matching PATTERN, and the configuration did not change.
refused() {
	local name=$1 pattern=$2 before err rc
	shift 2
	before=$(c save)
	err=$(c "$@" 2>&1 > /dev/null)
	rc=$?
	if [ $rc = 1 ] && grep -q -- "$pattern" <<< "$err"; then
		pass "$name ($err)"
	else
		fail "$name" "status $rc, '$err'"
	fi
	expect "$name: nothing changed" "$(c save)" "$before"
}

test_refusals() {
	local i
	# Nine different limiters, sent as one apply: all refused.
	{
		echo "preset host"
		for i in 1 2 3 4 5 6 7; do
			echo "rule add -4 $((40 + i)) limit ${i}0/s"
		done
	} > "$tmp/nine.conf"
	refused "nine limiters: refused whole" "too many different limiters" apply "$tmp/nine.conf"
	for i in $(seq 0 33); do
		[ $i = 4 ] || echo "rule add -4 3 code $i drop"
	done > "$tmp/codes.conf"
	refused "33 code rules: refused whole" "too many code rules" apply "$tmp/codes.conf"
	refused "rule del of a code rule that is not there" "no such code rule" \
		rule del -4 3 code 9
	# Rules that could not mean what they say.
	refused "a rule on redirects: they follow their setting" "own settings" \
		rule add -4 redirect drop
	refused "a rule on router advertisements: likewise" "own settings" \
		rule add -6 134 limit 5/s
	refused "dropping neighbor solicitations: RFC 4890 4.4.1" "RFC 4890" \
		rule add -6 nd-neighbor-solicit drop
	refused "limiting MLD reports: RFC 4890 4.4.1" "RFC 4890" \
		rule add -6 143 limit 10/s
	refused "dropping packet too big" "path MTU discovery" \
		rule add -6 packet-too-big drop
	refused "force on accepting echo requests: it would change nothing" \
		"force changes nothing here" rule add echo-request accept force
	refused "unless-trusted on a limit: no limit holds a trusted source" \
		"unless-trusted is for drop rules" rule add -4 echo-request limit 5/s unless-trusted
	c rule add -6 nd-neighbor-solicit drop force ||
		fail "dropping neighbor solicitations with force"
	check "force: the rule is in force and saved as such" \
		grep -q "rule add -6 nd-neighbor-solicit drop force" <<< "$(c save)"
	c rule del -6 nd-neighbor-solicit
	refused "set routers: nine IPv4 routers" "too many routers" \
		set routers 192.0.2.1,192.0.2.2,192.0.2.3,192.0.2.4,192.0.2.5,192.0.2.6,192.0.2.7,192.0.2.8,192.0.2.9
	refused "set trusted: nine IPv6 prefixes" "too many trusted prefixes (8 per family)" \
		set trusted 2001:db8:1::/48,2001:db8:2::/48,2001:db8:3::/48,2001:db8:4::/48,2001:db8:5::/48,2001:db8:6::/48,2001:db8:7::/48,2001:db8:8::/48,2001:db8:9::/48
	refused "set trusted: a prefix twice" "a trusted prefix listed twice" \
		set trusted 10.0.0.0/8,192.0.2.0/24,10.0.0.0/8
}

test_unprivileged() {
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
	local before err cmd
	before=$(c save)
	err=$(ip netns exec "$rx" "${nobody[@]}" "$ctl" set mode monitor 2>&1)
	expect "unprivileged: set refused, status 1" "$?" 1
	check "unprivileged: says CAP_NET_ADMIN ($err)" grep -q "CAP_NET_ADMIN" <<< "$err"
	echo "preset strict" > "$tmp/strict.conf"
	for cmd in "rule add -4 echo-request drop" "rule del -4 echo-request" "preset strict" "reset" "sources flush" "sources" \
		   "apply --check $tmp/strict.conf"; do
		# shellcheck disable=SC2086
		ip netns exec "$rx" "${nobody[@]}" "$ctl" $cmd > /dev/null 2>&1
		expect "unprivileged: $cmd refused" "$?" 1
	done
	expect "unprivileged: nothing changed" "$(c save)" "$before"
	check "unprivileged: reading the counters allowed" \
		quiet ip netns exec "$rx" "${nobody[@]}" "$ctl" stats
	check "unprivileged: reading the policy allowed" \
		quiet ip netns exec "$rx" "${nobody[@]}" "$ctl" show
	err=$(ip netns exec "$rx" "${nobody[@]}" timeout 2 "$ctl" monitor 2>&1)
	check "unprivileged: monitor refused ($err)" grep -q "events group" <<< "$err"

	# Root of a new user namespace is not root of the initial network
	# namespace, but is of a network namespace it creates.
	if unshare -U -r true 2> /dev/null; then
		err=$(unshare -U -r "$ctl" set mode monitor 2>&1)
		expect "user namespace: the initial netns refused, status 1" "$?" 1
		check "user namespace: nothing changed" grep -q "mode enforce" <<< "$("$ctl" show)"
		check "user namespace: its own netns allowed" \
			unshare -U -r -n sh -c "'$ctl' set mode monitor && '$ctl' -j show | grep -q '\"mode\":\"monitor\"'"
	else
		skip "user namespace: refused in the initial netns" "no user namespaces"
	fi
}

# --- events, save and apply, sysfs --------------------------------------------

# Events: a limiter engaged, a source quench; timeout: none may be missing.
test_monitor() {
	c rule add -4 echo-request limit 1/s burst 1
	ip netns exec "$rx" timeout 20 "$ctl" -j monitor -c 2 > "$tmp/events" &
	sleep 0.5
	pings -c 5 -i 0.05 -W 1 10.1.0.1 > /dev/null
	wait
	check "monitor: limiter engaged, heard as JSON events ($(head -c 200 "$tmp/events"))" \
		test "$(python3 -c 'import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["reason"] == "limit"))' "$tmp/events")" = 2

	# A flood: events stay within 20/s and 40 at once, the rest counted.
	ip netns exec "$rx" timeout 4 "$ctl" -j monitor > "$tmp/events" &
	sleep 0.5
	ip netns exec "$tx" ping -q -f -w 3 10.1.0.1 > "$tmp/flood" 2>&1
	wait
	read -r n held < <(python3 -c 'import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
print(len(e), sum(x["suppressed"] for x in e))' "$tmp/events")
	check "monitor: a flood's events capped at 40 + 20/s ($n events, $held suppressed)" \
		test "${n:-0}" -ge 40 -a "${n:-0}" -le 120
	check "monitor: the events held back are counted" test "${held:-0}" -gt 0

	# Every rejected redirect and RA is heard, whatever the reason, even
	# while a limiter's flood uses up its own kind's events.
	c set router-adv allow routers fe80::9
	logged() { dmesg | grep -Ec 'icmpx: dropped ICMP(v6)? type (5|134) '; }
	before=$(logged)
	ip netns exec "$rx" timeout 8 "$ctl" -j monitor > "$tmp/events" &
	sleep 0.5
	ip netns exec "$tx" ping -q -f -w 4 10.1.0.1 > /dev/null 2>&1 &
	sleep 1.5
	tx_send 10.1.0.1 "$redirect"
	ip netns exec "$tx" python3 "$send" -6 --hops 255 fe80::1%veth1 "$ra6"
	wait
	read -r n redir ra < <(python3 -c 'import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
print(len(e), sum(x["type"] == 5 for x in e), sum(x["type"] == 134 for x in e))' "$tmp/events")
	check "monitor: a redirect rejected by validation heard among $n events of a flood" \
		test "${redir:-0}" = 1
	check "monitor: an RA from an unlisted router heard among $n events of a flood" \
		test "${ra:-0}" = 1
	check "monitor: both logged" test "$(logged)" = $((before + 2))
	c set router-adv accept routers none
	c rule del -4 echo-request
	ip netns exec "$rx" timeout 20 "$ctl" monitor -c 1 > "$tmp/events" 2> /dev/null &
	sleep 0.5
	tx_send 10.1.0.1 "$quench"
	wait
	check "monitor: a source quench heard ($(cat "$tmp/events"))" \
		grep -q "ipv4 source-quench from 10.1.0.2 to 10.1.0.1 code 0: source-quench" "$tmp/events"
}

test_save_apply() {
	local saved
	c preset host
	c set redirect drop routers 192.0.2.1,fe80::1%veth1 trusted 192.0.2.0/28,2001:db8::/64
	c rule add -4 echo-request limit 50/s burst 10 per-source /24
	c rule add -6 1 code 3 drop force
	c rule add -4 timestamp-request drop unless-trusted
	saved=$(c save)
	check "save: has the changes" grep -q "rule add -4 echo-request limit 50/s burst 10 per-source /24" <<< "$saved"
	check "save: has the trusted prefixes" \
		grep -q "^set trusted 192.0.2.0/28,2001:db8::/64$" <<< "$saved"
	check "save: has the router bound to its link" \
		grep -q "^set routers 192.0.2.1,fe80::1%veth1$" <<< "$saved"
	check "save: has the unless-trusted rule" \
		grep -q "^rule add -4 timestamp-request drop unless-trusted$" <<< "$saved"
	echo "$saved" > "$tmp/saved.conf"
	c preset strict
	c apply "$tmp/saved.conf" || fail "apply: the saved file"
	expect "apply: what save wrote is in force again" "$(c save)" "$saved"
	expect "apply -: from standard input" "$(c save | c apply - && c save)" "$saved"
	c preset host

	# --check: the module checks it all and changes nothing.
	printf 'preset strict\nset mode monitor\n' > "$tmp/strict.conf"
	saved=$(c save)
	check "apply --check: a valid file passes" c apply --check "$tmp/strict.conf"
	expect "apply --check: nothing changed" "$(c save)" "$saved"
	refused "apply --check: nine limiters refused, as apply refuses them" \
		"too many different limiters" apply --check "$tmp/nine.conf"
	refused "apply --check: a guarded rule refused" "path MTU discovery" \
		apply --check - <<< "rule add -6 packet-too-big drop"
}

# What apply leaves as it is keeps its state: a code rule's bucket,
# though the file lists the code rules in another order (the module
# keeps each where it was), and the per-source table's entries (their
# bucket, 1/s, still refilling from 20 pings: not idle, not collected).
test_apply_state() {
	local a b p0 p1 p2 n rules
	rules=("rule add -4 echo-request limit 1/s burst 1000 per-source"
	       "rule add -4 destination-unreachable code 1 limit 1/s burst 50"
	       "rule add -4 destination-unreachable code 2 limit 1/s burst 50")
	c preset host
	printf '%s\n' "preset host" "${rules[@]}" "rule add -4 timestamp-request limit 5/s" \
		> "$tmp/a.conf"
	printf '%s\n' "preset host" "${rules[0]}" "${rules[2]}" "${rules[1]}" \
		"rule add -4 timestamp-request limit 7/s" > "$tmp/b.conf"
	c apply "$tmp/a.conf" || fail "apply: a.conf"
	p0=$(tstat ipv4 3 limit_passed)
	ip netns exec "$tx" python3 "$send" --count 60 10.1.0.1 "$(unreach 02 0a010001)" > /dev/null
	p1=$(tstat ipv4 3 limit_passed)
	expect "code 2's bucket: 50 of 60 through" "$((p1 - p0))" 50
	quiet ip netns exec "$tx" ping -q -c 20 -i 0.05 -W 2 10.1.0.1
	a=$(c -j sources | js "[(s['address'], s['passed']) for s in d if s['name'] == 'echo-request']")
	c apply "$tmp/b.conf" || fail "apply: b.conf"
	b=$(c -j sources | js "[(s['address'], s['passed']) for s in d if s['name'] == 'echo-request']")
	expect "apply: the per-source entries and their counts kept" "$b" "$a"
	check "apply: the echo entry was there to keep ($a)" grep -q "'10.1.0.2', 20" <<< "$a"
	check "apply: the changed rule in force" \
		grep -q "timestamp-request limit 7/s" <<< "$(c save)"
	ip netns exec "$tx" python3 "$send" --count 60 10.1.0.1 "$(unreach 02 0a010001)" > /dev/null
	p2=$(tstat ipv4 3 limit_passed)
	# A message a second comes back; a bucket begun again would pass 50.
	n=$((p2 - p1))
	check "apply: code 2's bucket kept though its rule moved ($n through, not 50)" \
		test "$n" -lt 25
	c preset host
}

test_sysfs() {
	local sys=/sys/kernel/icmpx name i=0
	local names=(received valid accepted dropped limit_passed limit_dropped) exprs=() v
	for name in "${names[@]}"; do
		exprs+=("d['ipv4']['$name']")
	done
	# The initial namespace: traffic on lo, then both views compared.
	"$ctl" reset
	ping -q -c 3 -i 0.2 127.0.0.1 > /dev/null
	"$ctl" -j stats | js "d['ipv4']['received']" \
		"[t['received'] for t in d['ipv4']['types'] if t['type'] == 8][0]" \
		"d['ipv4']['drops']['limit']" "d['ipv4']['events']['source-inserts']" \
		"d['ipv4']['malformed']['checksum']" "${exprs[@]}" > "$tmp/js"
	mapfile -t v < "$tmp/js"
	expect "reset: the counters start again (3 pings over lo)" "${v[0]:-}" 6
	expect "sysfs = netlink: ipv4 type 8 received" "$(cat "$sys/ipv4/types/8/received")" "${v[1]:-}"
	expect "sysfs = netlink: ipv4 drops by limit" "$(cat "$sys/ipv4/drops/limit")" "${v[2]:-}"
	expect "sysfs = netlink: ipv4 source-inserts" "$(cat "$sys/ipv4/source-inserts")" "${v[3]:-}"
	expect "sysfs = netlink: ipv4 malformed by checksum" \
		"$(cat "$sys/ipv4/reasons/checksum")" "${v[4]:-}"
	for name in "${names[@]}"; do
		expect "sysfs = netlink: ipv4 $name" "$(cat "$sys/ipv4/${name/_/-}")" "${v[5 + i]:-}"
		i=$((i + 1))
	done
	check "module parameters: read-only" \
		test -z "$(find /sys/module/icmpx/parameters ! -type d -perm /0222)"
}

# The kernel's own YNL client, reading the spec, talks to the module.
test_ynl() {
	local cli
	cli=$(ls "${ICMPX_KERNEL_SRC:-/nonexistent}"/tools/net/ynl/cli.py 2> /dev/null)
	if [ -z "$cli" ]; then
		skip "ynl: the kernel's cli.py reads the module's replies" "no kernel source"
		return
	fi
	out=$(ip netns exec "$rx" python3 "$cli" --spec "$here/../../Documentation/netlink/specs/icmpx.yaml" \
		--no-schema --do get-config 2>&1)
	check "ynl: get-config decoded by the spec ($out)" grep -q "'preset': 'host'" <<< "$out"
	out=$(ip netns exec "$rx" python3 "$cli" --spec "$here/../../Documentation/netlink/specs/icmpx.yaml" \
		--no-schema --dump get-stats --json '{"family": 0}' 2>&1)
	check "ynl: get-stats dump decoded" grep -q "'received'" <<< "$out"
}

if ! setup; then
	fail "ctl: setup"
	exit 1
fi
reload
# ICMPX_CTL_SKIP names tests to leave out, separated by commas (the
# header's choice for slow kernels: what does not depend on the kernel
# runs on one of them).
for t in test_show test_rules test_settings test_refusals test_unprivileged \
	 test_monitor test_save_apply test_apply_state test_sysfs test_ynl; do
	if [[ ",${ICMPX_CTL_SKIP:-}," == *",$t,"* ]]; then
		skip "ctl: $t" "left out on $ICMPX_KERNEL (ICMPX_CTL_SKIP)"
		continue
	fi
	echo "# $t at $(cut -d' ' -f1 /proc/uptime) s"
	$t
done
reload

end_test
