#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test plan run inside the VM by `make check`: load icmpx, run the
# KUnit suites where the kernel has KUnit, run the selftests, unload, and
# look for leaks and kernel warnings.
set -u
. "$ICMPX_SRC/selftests/vm/lib.sh"

debug=0
[ -d /sys/kernel/debug/kunit ] && debug=1
leakcheck=0
[ -w /sys/kernel/debug/kmemleak ] && leakcheck=1

# Leaks that predate icmpx are not ours: mark them as seen.
[ $leakcheck = 1 ] && echo clear > /sys/kernel/debug/kmemleak

pin_netstamp

# icmpx asks for nf_defrag_ipv6 itself, but a stock kernel's modprobe
# finds no modules for it on the host's /: load it from the package.
load_module nf_defrag_ipv6
if ! insmod "$ICMPX_MODDIR/icmpx.ko"; then
	fail "module: insmod icmpx.ko"
	exit 1
fi
pass "module: insmod icmpx.ko"
check "module: /proc/net/icmpx readable" test -r /proc/net/icmpx

if [ $debug = 1 ]; then
	if [ -f "$ICMPX_MODDIR/icmpx_test.ko" ] &&
	   insmod "$ICMPX_MODDIR/icmpx_test.ko"; then
		pass "kunit: insmod icmpx_test.ko"
		suites=0
		for suite in /sys/kernel/debug/kunit/icmpx-*/; do
			[ -r "$suite/results" ] || continue
			suites=$((suites + 1))
			echo "### suite $(basename "$suite")" >&"$ICMPX_KTAP_FD"
			cat "$suite/results" >&"$ICMPX_KTAP_FD"
			cat "$suite/results"
		done
		# Loading succeeds even when KUnit is disabled and runs nothing.
		check "kunit: suites ran" test "$suites" -gt 0
		check "kunit: rmmod icmpx_test" rmmod icmpx_test
	else
		fail "kunit: insmod icmpx_test.ko"
	fi
fi

# ICMPX_SELFTESTS narrows the run to some tests, for development,
# separated by commas (the kernel command line splits at spaces).
only=${ICMPX_SELFTESTS:+ ${ICMPX_SELFTESTS//,/ } }
# wanted NAME: whether NAME is in the run (all are, by default).
wanted() {
	[ -z "$only" ] || [[ $only == *" $1 "* ]]
}

# Every guest/*.sh, in the order of their names.  What one needs of the
# plan it says in its header (see header_field in lib.sh): the kernels
# it leaves out and why, the settings it runs with on a kernel, and
# whether it runs once icmpx is unloaded.  Adding a test is adding a
# file.
tests_loaded=() tests_unloaded=()
for t in "$ICMPX_SRC"/selftests/guest/*.sh; do
	case $(header_field "$t" Phase) in
	unloaded)	tests_unloaded+=("$t") ;;
	*)		tests_loaded+=("$t") ;;
	esac
done

for t in "${tests_loaded[@]}"; do
	wanted "$(basename "$t")" && run_test "$t"
done

check "module: rmmod icmpx" rmmod icmpx
check "module: /sys/kernel/icmpx gone with it" test ! -e /sys/kernel/icmpx

# The benchmark's smoke run (make bench times things; this only sees
# that every part of it still works), on the kernel make bench boots.
if [ "$ICMPX_KERNEL" = 6.12 ]; then
	if wanted bench; then
		echo "# selftest bench at $(cut -d' ' -f1 /proc/uptime) s"
		ICMPX_BENCH_SMOKE=1 bash "$ICMPX_SRC/selftests/bench/guest.sh" ||
			fail "bench: the smoke run ran to its end"
	fi
fi

# What runs without icmpx: the Debian packages' own module (install.sh).
for t in "${tests_unloaded[@]}"; do
	wanted "$(basename "$t")" && run_test "$t"
done

# shellcheck source=oopses.sh
. "$ICMPX_SRC/selftests/vm/oopses.sh"

# kmemleak's own line in the kernel log when it finds leaks: left out of
# the log check when every leak it found is a known one of the kernel's.
leakline='kmemleak: [0-9]+ new suspected memory leaks'
if [ $leakcheck = 1 ]; then
	# kmemleak only reports objects older than 5 s, found by two scans.
	sleep 6
	# A scan refused means kmemleak turned itself off (it does when it
	# runs out of memory for its own records): no verdict then.
	if ! { echo scan > /sys/kernel/debug/kmemleak &&
	       echo scan > /sys/kernel/debug/kmemleak; } 2> /dev/null; then
		leaks="kmemleak is off: $(dmesg | grep -m1 'kmemleak:.*disabl')"
	else
		leaks=$(leaks < /sys/kernel/debug/kmemleak)
	fi
	if [ -z "$leaks" ]; then
		pass "kernel: kmemleak clean"
	else
		echo "$leaks"
		fail "kernel: kmemleak clean"
		leakline='^$.'	# nothing
	fi
fi

if dmesg | grep -Ev "$leakline" | oopses; then
	fail "kernel: log free of warnings"
else
	pass "kernel: log free of warnings"
fi
