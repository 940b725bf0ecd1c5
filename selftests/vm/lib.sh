# SPDX-License-Identifier: GPL-2.0
#
# Helpers for scripts that run inside the test VM.  Results are KTAP-like
# lines on stdout for people and "RESULT <pass|fail|skip> <name>" lines on
# the results port for the host.

: "${ICMPX_KERNEL:=unknown}"
_result_fd=${ICMPX_RESULT_FD:-}
_n=0
_failed=0
_skipped=0
_ended=0

_result() {
	local status=$1 name=$2
	if [ -n "$_result_fd" ]; then
		echo "RESULT $status $ICMPX_KERNEL/$name" >&"$_result_fd"
	fi
}

pass() {
	_n=$((_n + 1))
	echo "ok $_n $1"
	_result pass "$1"
}

fail() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "not ok $_n $1${2:+ # $2}"
	_result fail "$1"
}

skip() {
	_n=$((_n + 1))
	_skipped=$((_skipped + 1))
	echo "ok $_n $1 # SKIP ${2:-}"
	_result skip "$1"
	# For the plan's run_test(): each skip must be one the header names.
	[ -n "${ICMPX_TEST_SUMMARY:-}" ] && echo "$1" >> "$ICMPX_TEST_SUMMARY.skips"
	return 0
}

# header_field FILE FIELD: the value of a "# FIELD: value" line in the
# comment block that opens FILE, a guest test; empty when there is none.
# The plan reads these fields of a test:
#
#   # Skip on KERNEL: why      not run on KERNEL (debug, 6.1 or 6.12): a
#                              skipped case says why
#   # Env on KERNEL: V=X ...   run with these settings there, unless the
#                              VM was given them (vm.sh --env)
#   # May skip on KERNEL: A; B  the cases named A and B may be skipped
#                              there; any other skip fails the test
#   # Needs: VAR ...           run only when these are set
#   # Phase: unloaded          run after icmpx is unloaded
header_field() {
	awk -v k="# $2:" '!/^#/ { exit }
		index($0, k) == 1 { v = substr($0, length(k) + 1); sub(/^ +/, "", v); print v; exit }' "$1"
}

# check NAME COMMAND...: one test case, passed when COMMAND succeeds.
check() {
	local name=$1
	shift
	if "$@"; then
		pass "$name"
	else
		fail "$name" "$*"
	fi
}

# quiet COMMAND...: run COMMAND with its standard output discarded.
quiet() {
	"$@" > /dev/null
}

# load_module NAME: modprobe from the stock kernel's unpacked modules;
# the debug kernel has everything built in.
load_module() {
	if [ -n "${ICMPX_MODROOT:-}" ]; then
		modprobe -d "$ICMPX_MODROOT" "$1"
	fi
}

# py_results WHAT COMMAND...: the "PASS name" and "FAIL name # why" lines
# a Python test tool prints, as test cases; its other lines as they are.
# Exiting non-zero without a failed case is a failure of its own.
py_results() {
	local what=$1 status line failed=$_failed
	shift
	while read -r status line; do
		case $status in
		PASS)	pass "$line" ;;
		FAIL)	fail "${line%% # *}" "${line#* # }" ;;
		EXIT)	[ "$line" = 0 ] || [ "$_failed" -gt "$failed" ] ||
				fail "$what ran to its end" "exit $line" ;;
		*)	echo "$status $line" ;;
		esac
	done < <("$@" 2>&1; echo "EXIT $?")
}

# expect NAME GOT WANT: one test case, passed when GOT is WANT.
expect() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "got '$2', want '$3'"
	fi
}

# reload [PARAMETER=VALUE]...: icmpx from $ko again, with these parameters.
reload() {
	rmmod icmpx 2> /dev/null
	insmod "$ko" "$@"
}

# pin_netstamp: hold the kernel's receive-timestamp static key on for as
# long as the guest runs.  Every ping (SO_TIMESTAMP) turns it on and,
# when it exits, off again, patching __netif_receive_skb_core() while the
# other vCPU may be receiving; under TCG a vCPU sometimes runs the
# patch's int3 after the patching is over (an "Oops: int3" in softirq on
# Debian's 6.12, seen in lifecycle.sh's namespace phase): an emulator
# race that real CPUs, which serialise on the patching's IPIs, do not
# have.  One socket with the option set keeps the count above zero.
# Python's socket module has no name for the option: 29 is
# SO_TIMESTAMP_OLD in asm-generic/socket.h, which x86 uses.  The pin is
# a result: one that never took hold would leave the race open unseen.
pin_netstamp() {
	local ready=/run/icmpx-netstamp i
	rm -f "$ready"
	/usr/bin/python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 29, 1)
if not s.getsockopt(socket.SOL_SOCKET, 29):
	sys.exit(1)
open(sys.argv[1], "w").close()
time.sleep(1 << 30)' "$ready" < /dev/null > /dev/null 2>&1 &
	for i in $(seq 50); do
		[ -e "$ready" ] && break
		sleep 0.1
	done
	if [ -e "$ready" ]; then
		pass "guest: the receive-timestamp key held on"
	else
		fail "guest: the receive-timestamp key held on"
	fi
}

# Namespaces made with netns_new go when the test exits, however it
# exits, with whatever still runs in them; at_exit COMMAND adds a step
# of the test's own, run before (the last added first).
_netns=()
_at_exit=()
netns_new() {
	local ns
	for ns; do
		ip netns del "$ns" 2> /dev/null
		ip netns add "$ns" || return 1
		_netns+=("$ns")
	done
}
at_exit() {
	_at_exit+=("$*")
}
_exit() {
	local status=$? i ns pids
	# The test's account for the plan (run_test): cases, failed,
	# skipped, and whether it reached end_test.
	if [ -n "${ICMPX_TEST_SUMMARY:-}" ]; then
		echo "$_n $_failed $_skipped $_ended" > "$ICMPX_TEST_SUMMARY"
	fi
	for ((i = ${#_at_exit[@]} - 1; i >= 0; i--)); do
		eval "${_at_exit[i]}"
	done > /dev/null 2>&1
	for ns in "${_netns[@]}"; do
		pids=$(ip netns pids "$ns" 2> /dev/null)
		[ -n "$pids" ] || continue
		kill $pids 2> /dev/null
		wait $pids 2> /dev/null
	done
	for ns in "${_netns[@]}"; do
		ip netns del "$ns" 2> /dev/null
	done
	return $status
}
trap _exit EXIT

# needs WHAT...: what a test cannot run without, each "icmpx" (loaded)
# or a file; when one is missing the test fails, naming it, and ends.
# (A test that cannot run on a kernel says so in its header instead.)
needs() {
	local w missing=
	for w; do
		case $w in
		icmpx)	[ -r /proc/net/icmpx ] || missing+=" icmpx loaded" ;;
		*)	[ -e "$w" ] || missing+=" $w" ;;
		esac
	done
	[ -z "$missing" ] && return 0
	fail "$(basename "$0" .sh): needs$missing"
	exit 1
}

# end_test: a guest test's last line.  Its exit status says whether any
# case failed; reaching it is what tells the plan the test ran to its end.
end_test() {
	_ended=1
	[ "$_failed" = 0 ]
}

# run_test FILE: one guest test, as its header asks (header_field), with
# a verdict of its own: "selftest NAME: ran to its end" fails when it
# stopped before end_test (an unbound variable, a command not found, a
# signal), exited non-zero with no failed case, or skipped itself whole
# on a kernel its header does not say it skips.
run_test() {
	local t=$1 name why need var env=() sum rc n failed skipped ended unnamed
	name=$(basename "$t")
	why=$(header_field "$t" "Skip on $ICMPX_KERNEL")
	if [ -n "$why" ]; then
		skip "selftest $name" "$why"
		return 0
	fi
	for need in $(header_field "$t" Needs); do
		if [ -z "${!need:-}" ]; then
			echo "# selftest $name: not run, $need is not set"
			return 0
		fi
	done
	# A setting given to the VM (vm.sh --env) wins over the header's.
	for var in $(header_field "$t" "Env on $ICMPX_KERNEL"); do
		need=${var%%=*}
		[ -n "${!need+set}" ] || env+=("$var")
	done
	echo "# selftest $name at $(cut -d' ' -f1 /proc/uptime) s${env[*]:+ (${env[*]})}"
	sum=$(mktemp)
	env ICMPX_TEST_SUMMARY="$sum" "${env[@]}" bash "$t"
	rc=$?
	read -r n failed skipped ended < "$sum"
	# A skip its header does not name for this kernel: the first of them.
	unnamed=$(header_field "$t" "May skip on $ICMPX_KERNEL" |
		awk -v RS='; *' 'FILENAME == "-" { sub(/\n$/, ""); ok[$0] = 1; next } !($0 in ok) { print; exit }' \
			- RS='\n' "$sum.skips" 2> /dev/null)
	rm -f "$sum" "$sum.skips"
	if [ -z "${ended:-}" ]; then
		fail "selftest $name: ran to its end" "no account of its cases (exit $rc)"
	elif [ "$n" -gt 0 ] && [ "$skipped" = "$n" ]; then
		fail "selftest $name: ran to its end" \
			"skipped whole on $ICMPX_KERNEL, which its header does not declare"
	elif [ "$ended" != 1 ]; then
		fail "selftest $name: ran to its end" "stopped after $n cases, exit $rc"
	elif [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
		fail "selftest $name: ran to its end" "exit $rc with no failed case"
	elif [ -n "$unnamed" ]; then
		fail "selftest $name: ran to its end" \
			"skipped '$unnamed' on $ICMPX_KERNEL, which its header does not name"
	else
		echo "# selftest $name: $n cases, $failed failed, $skipped skipped"
		pass "selftest $name: ran to its end"
	fi
}

# icmpx_json NS COMMAND...: icmpxctl -j COMMAND in namespace NS (""
# for the initial one): what users read, as JSON.
icmpx_json() {
	local ns=$1 ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
	shift
	if [ -n "$ns" ]; then
		ip netns exec "$ns" "$ctl" -j "$@"
	else
		"$ctl" -j "$@"
	fi
}

# within NAME GOT BURST RATE SECONDS [MAX]: a limiter's passes, GOT, are
# burst + rate x seconds (at most MAX, what was sent), within 15 % and 3.
within() {
	local lo hi
	read -r lo hi < <(awk -v b="$3" -v r="$4" -v s="$5" -v n="${6:-0}" 'BEGIN {
		w = b + r * s; if (n > 0 && w > n) w = n
		printf "%d %d\n", w * 0.85 - 3, w * 1.15 + 3 }')
	if [ "$2" -ge "$lo" ] && [ "$2" -le "$hi" ]; then
		pass "$1 ($2 in $lo..$hi)"
	else
		fail "$1" "$2 not in $lo..$hi (burst $3 + $4/s * $5 s)"
	fi
}

# icmpx_counts [NS]: every count icmpx shows in namespace NS (default the
# initial one), read as users read them (icmpxctl -j stats), one line
# "FAMILY KEY VALUE" each.  KEY is a total (received, valid, accepted,
# dropped, limit-passed, limit-dropped, malformed: what was validated and
# failed, so neither valid nor refused by a limiter), a malformed reason or
# an event by its name, drop/REASON for a drop reason, and TYPE/COUNTER
# for one type's (8/received, 128/malformed).
icmpx_counts() {
	icmpx_json "${1:-}" stats | jq -r 'to_entries[] | .key as $f | .value |
		(to_entries[] | select(.value | type == "number") |
			"\($f) \(.key | gsub("_"; "-")) \(.value)"),
		"\($f) malformed \(.received - .valid - .limit_dropped)",
		(.malformed, .events | to_entries[] | "\($f) \(.key) \(.value)"),
		(.drops | to_entries[] | "\($f) drop/\(.key) \(.value)"),
		(.types[] | . as $t | to_entries[] |
			select(.value | type == "number") | select(.key != "type") |
			"\($f) \($t.type)/\(.key | gsub("_"; "-")) \(.value)"),
		(.types[] | "\($f) \(.type)/malformed \(.received - .valid - .limit_dropped)")'
}

# icmpx_count NS FAMILY KEY: one of icmpx_counts' (0 when not shown).
icmpx_count() {
	icmpx_counts "$1" | awk -v f="$2" -v k="$3" \
		'$1 == f && $2 == k { v = $3 } END { print v + 0 }'
}

# icmpx_value NS WHAT...: one value icmpx shows in NS: "total FAMILY KEY",
# "drop FAMILY REASON", "type FAMILY TYPE COUNTER" (icmpx_count's),
# "config SETTING" (icmpxctl show) or "sources" (the per-source table's
# entries).
icmpx_value() {
	local ns=$1
	shift
	case $1 in
	total)		icmpx_count "$ns" "$2" "$3" ;;
	drop)		icmpx_count "$ns" "$2" "drop/$3" ;;
	type)		icmpx_count "$ns" "$2" "$3/$4" ;;
	config)		icmpx_json "$ns" show | jq -r ".${2//-/_}" ;;
	sources)	icmpx_json "$ns" show | jq .sources ;;
	esac
}

# snmp NS NAME: one of the kernel's own counters in NS (the initial one
# for ""), the truth icmpx's are held to: an ICMP one by its name in
# /proc/net/snmp ("InSrcQuenchs"), another as ROW:NAME ("Ip:ForwDatagrams",
# "IcmpMsg:InType8"), or an IPv6 one by its name in /proc/net/snmp6
# ("Icmp6InRedirects").
snmp() {
	local k=$2
	[[ $k == *:* || $k == Icmp6* || $k == Ip6* || $k == Udp6* ]] || k=Icmp:$k
	${1:+ip netns exec "$1"} awk -v k="$k" '
		FILENAME ~ /snmp6$/ { if ($1 == k) v = $2; next }
		!($1 in name) { name[$1] = $0; next }
		{ n = split(name[$1], h); for (i = 2; i <= n; i++) if ($1 h[i] == k) v = $i
		  delete name[$1] }
		END { print v + 0 }' /proc/net/snmp /proc/net/snmp6
}

# shellcheck source=topo.sh
. "$ICMPX_SRC/selftests/vm/topo.sh"
