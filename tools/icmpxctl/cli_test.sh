#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# icmpxctl on the host, without the module: usage errors exit 2 with a
# message, every command has --help, the JSON writer's sample parses.
# What needs the module runs in the VM (selftests/guest/ctl.sh).
set -u
cd "$(dirname "$0")"
ctl=./icmpxctl
passed=0 failed=0

ok() {
	passed=$((passed + 1))
}

bad() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

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
status 2 "unknown ICMP type 'ping'" stats ping
status 2 "-j is for show" -j reset
status 2 "not both" -j stats --prometheus
status 2 "--top needs a number" sources --top 0
status 2 "apply needs a file" apply
status 1 "nosuch.conf" apply /nonexistent/nosuch.conf
printf 'preset host\nset mode sideways\n' > /tmp/icmpxctl-test.conf
status 1 "line 2: mode is enforce, monitor or off" apply /tmp/icmpxctl-test.conf
rm -f /tmp/icmpxctl-test.conf
# Without the module (the host cannot load it): a clear error, status 1.
if [ ! -d /sys/module/icmpx ]; then
	status 1 "icmpx is not loaded" show
	status 1 "icmpx is not loaded" rule add -4 echo-request drop
fi

json=$(mktemp)
if ./args_test "$json" > /dev/null &&
   python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$json"; then
	ok
else
	bad "the JSON writer's sample does not parse"
fi
rm -f "$json"

echo "cli_test: $passed passed, $failed failed"
[ "$failed" = 0 ]
