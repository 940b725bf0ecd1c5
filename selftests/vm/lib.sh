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
