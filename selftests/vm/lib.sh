# SPDX-License-Identifier: GPL-2.0
#
# Helpers for scripts that run inside the test VM.  Results are KTAP-like
# lines on stdout for people and "RESULT <pass|fail|skip> <name>" lines on
# the results port for the host.

: "${ICMPX_KERNEL:=unknown}"
_result_fd=${ICMPX_RESULT_FD:-}
_n=0
_failed=0

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
	echo "ok $_n $1 # SKIP ${2:-}"
	_result skip "$1"
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

# pair_up TX RX: two fresh namespaces joined by veth0, TX 10.9.0.2/24
# fd09::2/64 and RX 10.9.0.1/24 fd09::1/64, RX routing everything back
# through TX (which drops the answers to forged sources) with TX's
# address resolved for good; $txmac and $rxmac are set.
pair_up() {
	local ns
	ip netns del "$1" 2> /dev/null
	ip netns del "$2" 2> /dev/null
	ip netns add "$1" && ip netns add "$2" || return 1
	for ns in "$1" "$2"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.router_solicitations=0
	done
	ip link add veth0 netns "$1" type veth peer name veth0 netns "$2" || return 1
	for ns in "$1" "$2"; do
		ip -n "$ns" link set lo up
		ip -n "$ns" link set veth0 up
	done
	ip -n "$1" addr add 10.9.0.2/24 dev veth0
	ip -n "$1" addr add fd09::2/64 dev veth0 nodad
	ip -n "$2" addr add 10.9.0.1/24 dev veth0
	ip -n "$2" addr add fd09::1/64 dev veth0 nodad
	ip -n "$2" route add default via 10.9.0.2
	ip -n "$2" -6 route add default via fd09::2
	txmac=$(ip -n "$1" -br link show veth0 | awk '{ print $3 }')
	rxmac=$(ip -n "$2" -br link show veth0 | awk '{ print $3 }')
	ip -n "$2" neigh add 10.9.0.2 lladdr "$txmac" dev veth0 nud permanent &&
		ip -n "$2" neigh add fd09::2 lladdr "$txmac" dev veth0 nud permanent
}

# icmpx_total NS FAMILY KEY: one of the totals of /proc/net/icmpx (a
# count's or a reason's name) in namespace NS.
icmpx_total() {
	ip netns exec "$1" awk -v f="$2" -v k="$3" \
		'$1 == "total" && $2 == f && $3 == k { v = $4 } END { print v + 0 }' /proc/net/icmpx
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
