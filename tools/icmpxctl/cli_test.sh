#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# icmpxctl on the host, without the module: usage errors exit 2 with a
# message, every command has --help, the JSON writer's sample parses.
# What needs the module runs in the VM (selftests/guest/ctl.sh).
set -u
cd "$(dirname "$0")"
ctl=./icmpxctl
# shellcheck source=testlib.sh
. ./testlib.sh

# status WANT ERR-PATTERN ARGS...: exit status WANT, stderr matching.
status() {
	local want=$1 pattern=$2 got err
	shift 2
	err=$("$ctl" "$@" 2>&1 > /dev/null)
	got=$?
	if [ "$got" != "$want" ]; then
		bad "icmpxctl $*: exit $got, want $want ($err)"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" <<< "$err"; then
		bad "icmpxctl $*: '$err' lacks '$pattern'"
	else
		ok
	fi
}

for c in show stats set preset rule sources reset monitor apply save help; do
	out=$("$ctl" "$c" --help) && grep -q "^usage: icmpxctl $c" <<< "$out" &&
		[ "$(wc -l <<< "$out")" -ge 3 ] && ok || bad "$c --help: $out"
	"$ctl" help "$c" | grep -q "^usage: icmpxctl $c" && ok || bad "help $c"
done
"$ctl" --help | grep -q "^usage: icmpxctl" && ok || bad "--help"
"$ctl" --version | grep -q "netlink family icmpx version 1" && ok || bad "--version"

status 2 "no command 'frobnicate'" frobnicate
status 2 "unknown option '--frob'" --frob
status 2 "say -4 or -6" rule add 8 drop
status 2 "unknown action" rule add -4 echo-request reject
status 2 "limit needs a rate" rule add echo-request limit
status 2 "rule add or rule del" rule
status 2 "unknown preset 'paranoid'" preset paranoid
status 2 "redirect is drop, validate or accept" set redirect maybe
status 2 "not an IPv4 or IPv6 address" set routers 10.0.0.1,bogus
status 2 "has bits set past /24 (192.0.2.0/24?)" set trusted 192.0.2.1/24
status 2 "trusted given twice" set trusted none trusted 10.0.0.0/8
status 2 "unless-trusted given twice" rule add -4 13 drop unless-trusted unless-trusted
status 2 "is not an interface name" set routers fe80::1%a/b
status 2 "unknown ICMP type 'ping'" stats ping
status 2 "-j is for show" -j reset
status 2 "not both" -j stats --prometheus
status 2 "--top needs a number" sources --top 0
status 2 "apply needs a file" apply
status 1 "nosuch.conf" apply /nonexistent/nosuch.conf
printf 'preset host\nset mode sideways\n' > /tmp/icmpxctl-test.conf
status 1 "line 2: mode is enforce, monitor or off" apply /tmp/icmpxctl-test.conf
rm -f /tmp/icmpxctl-test.conf
# Every leftover, missing or conflicting argument: refused, named, 2.
status 2 "unexpected 'bogus'" show --all bogus
status 2 "unexpected 'bogus'" show bogus --all
status 2 "-4 and -6: one family" stats -4 -6
status 2 "unexpected 'echo-reply'" stats echo-request echo-reply
status 2 "global or per-source, not both" rule add echo-request limit 10 global per-source
status 2 "global or per-source, not both" rule add echo-request limit 10 per-source /24 global
status 2 "burst given twice" rule add echo-request limit 10 burst 5 burst 6
status 2 "force given twice" rule add echo-request drop force force
status 2 "unexpected 'extra'" help rule extra
status 2 "no command 'bogus'" help bogus
status 2 "-c needs a number 1-" monitor -c 99999999999999999999
status 2 "--count needs a number 1-" monitor --count=0
status 2 "-c needs a number 1-" monitor -c 5x
status 2 "unexpected 'router'" preset host router
status 2 "which preset" preset
status 2 "unexpected 'b'" apply a b
status 2 "apply needs a file" apply --check
status 2 "--top needs a value" sources --top
status 2 "-c needs a value" monitor -c
status 2 "--count needs a value" monitor --count
status 2 "--top needs a number 1-" sources --top=0
status 2 "unexpected 'now'" sources flush now
status 2 "--top is for the list, not flush" sources --top 5 flush
status 2 "unknown setting 'extra'" set mode off extra
status 2 "mode needs a value" set redirect drop mode
status 2 "mode given twice" set mode off mode enforce
status 2 "unknown option '-x'" stats -x
status 2 "unknown option '-x'" stats --prometheus -x4
status 2 "unknown option '-x'" --json -xj show
status 2 "--all takes no value" show --all=x
status 2 "--json takes no value" --json=1 show
status 2 "--count needs a number 1-" monitor --count 0
status 2 "unknown option '--frob'" show --frob=1
status 2 "unknown option '-q'" rule -q add echo-request drop
status 2 "rule add or rule del, not 'set'" rule set echo-request drop
status 2 "unexpected 'x'" reset x
status 2 "unexpected 'x'" save x
status 2 "-j is for show" -p set mode off
status 2 "-n needs a value" -n
status 2 "not a network namespace's name" -n ../x show
status 2 "-z needs a value" -z
status 2 "-z given twice" -z a -z b show
status 2 "sources flush empties every zone's: no -z" -z wan sources flush
status 2 "-z is for show, stats, set, preset, rule, reset and sources" -z wan zone add x
status 2 "-z is for show, stats, set, preset, rule, reset and sources" -z wan save
status 2 "zone list, add, set, del or flush, not 'frob'" zone frob
status 2 "zone add needs a zone's name" zone add
status 2 "zone del needs a zone's name" zone del
status 2 "unexpected 'eth0'" zone del wan eth0
status 2 "'sixteen-chars-xx' is not a zone's name" zone add sixteen-chars-xx
status 2 "'sixteen-chars-xx' is not an interface's name" zone add wan sixteen-chars-xx
status 2 "a zone names at most 16 interfaces" zone set wan $(seq -f 'e%g' 17)
status 2 "-j is for zone list" -j zone add x
status 2 "unexpected 'x'" zone list x
status 2 "unknown ICMPv6 type 'router-advertisement'" stats -6 router-advertisement
# A 33-word line, said so (32 is the most).
printf 'rule add echo-request limit 10%s\n' "$(printf ' x%.0s' $(seq 28))" > /tmp/icmpxctl-test.conf
status 1 "line 1: more than 32 words" apply /tmp/icmpxctl-test.conf
printf 'preset host router\n' > /tmp/icmpxctl-test.conf
status 1 "line 1: unexpected 'router' after the preset" apply /tmp/icmpxctl-test.conf
printf 'rule del echo-request\n' > /tmp/icmpxctl-test.conf
status 1 "line 1: a configuration has rule add lines only" apply /tmp/icmpxctl-test.conf
# What apply reads is refused before anything is sent when it is not text.
status 1 "is a directory" apply /tmp
status 1 "is a directory" apply - < /tmp
status 1 "Input/output error" apply /proc/self/mem
printf 'preset host\nset mode off\000\n' > /tmp/icmpxctl-test.conf
status 1 "line 2 holds a NUL byte" apply /tmp/icmpxctl-test.conf
status 1 "line 1 holds a NUL byte" apply /dev/zero
head -c 1100000 /dev/zero | tr '\0' '#' > /tmp/icmpxctl-test.conf
status 1 "more than 1048576 bytes" apply /tmp/icmpxctl-test.conf
: > /tmp/icmpxctl-test.conf
status 1 "no configuration in it (empty)" apply /tmp/icmpxctl-test.conf
status 1 "no configuration in it (empty)" apply --check - < /dev/null
printf '# nothing\n\n   \n' > /tmp/icmpxctl-test.conf
status 1 "no configuration in it (only comments" apply /tmp/icmpxctl-test.conf
rm -f /tmp/icmpxctl-test.conf

# Help: every usage line whole (brackets closed), no trailing blank.
help=$("$ctl" --help; for c in show stats set preset rule sources reset monitor apply save zone help; do "$ctl" help "$c"; done)
if grep -n ' $' <<< "$help"; then bad "trailing spaces in help"; else ok; fi
open=$(tr -cd '[' <<< "$help" | wc -c) closed=$(tr -cd ']' <<< "$help" | wc -c)
[ "$open" = "$closed" ] && ok || bad "help: $open [ but $closed ]"
grep -q 'per-source \[/PREFIX\] \[/PREFIX6\]\] \[force\]' <<< "$("$ctl" --help)" && ok ||
	bad "--help lacks the whole rule line"

# nftables' names for what icmpx calls otherwise: listed, and parsed.
types=$("$ctl" help types)
for want in "ipv6 141 inverse-nd-solicit" "ipv6 141 ind-neighbor-solicit" \
	    "ipv6 132 mld-listener-reduction" "ipv6 132 mld-listener-done" \
	    "ipv4 8 echo-request" "ipv6 128 echo-request"; do
	grep -qx "$want" <<< "$types" && ok || bad "help types lacks '$want'"
done
[ "$(wc -l <<< "$types")" -ge 60 ] && ok || bad "help types: $(wc -l <<< "$types") lines"
"$ctl" -p help types | python3 -c 'import json, sys; d = json.load(sys.stdin); assert any(t["alias"] and t["name"] == "ind-neighbor-advert" and t["type"] == 142 for t in d)' &&
	ok || bad "-p help types: not the JSON of the names"

# Without the module (the host cannot load it): a clear error, status 1,
# once the arguments are understood: --top=5, -c3, -- and the aliases.
if [ ! -d /sys/module/icmpx ]; then
	status 1 "icmpx is not loaded" show
	status 1 "icmpx is not loaded" rule add -4 echo-request drop
	status 1 "icmpx is not loaded" sources --top=5
	status 1 "icmpx is not loaded" sources --top 5
	status 1 "icmpx is not loaded" monitor -c3
	status 1 "icmpx is not loaded" stats -- echo-request
	status 1 "icmpx is not loaded" stats echo-request -6
	status 1 "icmpx is not loaded" rule -- add -6 ind-neighbor-solicit drop force
	status 1 "icmpx is not loaded" stats -6 mld-listener-reduction
	# The module says where force on accept means nothing (ctl.sh).
	status 1 "icmpx is not loaded" rule add echo-request accept force
	printf 'preset router\n' > /tmp/icmpxctl-test.conf
	status 1 "icmpx is not loaded" apply --check /tmp/icmpxctl-test.conf
	rm -f /tmp/icmpxctl-test.conf
fi
status 1 "network namespace 'icmpx-nosuch'" -n icmpx-nosuch show

json=$(mktemp) pretty=$(mktemp)
if ./args_test "$json" "$pretty" > /dev/null &&
   python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$json"; then
	ok
else
	bad "the JSON writer's sample does not parse"
fi
# -p: the same document, each member on its line, two spaces a level.
if python3 - "$json" "$pretty" <<'EOF'
import json, sys
flat, pretty = (open(p).read() for p in sys.argv[1:])
ref = json.dumps(json.loads(flat), indent=2).split('\n')
got = pretty.rstrip('\n').split('\n')
assert json.loads(pretty) == json.loads(flat)
depth = lambda lines: [len(l) - len(l.lstrip(' ')) for l in lines]
assert depth(got) == depth(ref), pretty
EOF
then ok; else bad "-p: not laid out as json.dumps(indent=2) lays it out"; fi
rm -f "$json" "$pretty"

# The Prometheus checker (promcheck.py, run on the module's real output
# in the VM) passes what keeps the conventions, and nothing else.
prom=$(mktemp)
good='# HELP icmpx_received_messages_total ICMP messages received.
# TYPE icmpx_received_messages_total counter
icmpx_received_messages_total{family="ipv4",type="8",name="echo-request"} 5
# HELP icmpx_source_table_entries Entries in use.
# TYPE icmpx_source_table_entries gauge
icmpx_source_table_entries 3
# HELP icmpx_mode The mode in force.
# TYPE icmpx_mode gauge
icmpx_mode{mode="enforce"} 1
icmpx_mode{mode="off"} 0'
echo "$good" > "$prom"
./promcheck.py "$prom" && ok || bad "promcheck: refuses a good exposition"
for broken in 's/_messages_total/_total/g' 's/^# HELP icmpx_mode.*//' \
	      's/"off"} 0/"off"} 1/' 's/^icmpx_source_table_entries 3/&\n&/' \
	      's/type="8"/Type="8"/' 's/_entries/_count/g'; do
	sed "$broken" <<< "$good" > "$prom"
	./promcheck.py "$prom" > /dev/null && bad "promcheck: passes '$broken'" || ok
done
rm -f "$prom"

# The man page's cron recipe, run as written: without the module it
# leaves no file behind; in the VM (ctl.sh) it writes a whole one.
cron=$(sed -n '/^d=\/var\/lib\/prometheus/,/^\.fi/p' icmpxctl.8 | sed '$d; s/\\-/-/g')
dir=$(mktemp -d)
if [ -n "$cron" ] && [ ! -d /sys/module/icmpx ]; then
	PATH=$PWD:$PATH sh -c "${cron/d=\/var\/lib\/prometheus\/node-exporter/d=$dir}" 2> /dev/null
	[ -z "$(ls -A "$dir")" ] && ok || bad "the cron recipe left $(ls -A "$dir")"
elif [ -z "$cron" ]; then
	bad "no cron recipe found in icmpxctl.8"
fi
rm -rf "$dir"

summary cli_test
