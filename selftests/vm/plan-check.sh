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

# Under KASAN everything is several times slower.  The debug kernel is
# there for the sanitizers: it sends the parser corpus once (the stock
# kernels three times), gets 2 % of the flood sender's 10^6 spoofed
# sources (it sends some 800 a second there), and leaves the documentation's tables, which no kernel
# changes, to the stock kernels.
# ctl.sh's settings, each shown to change what a message meets, are the
# policy's, which policy.sh runs everywhere: 6.12 runs them through
# icmpxctl, and the spec check of the kernel's YNL client, for all.
# The packages' purge (install.sh) is the same on every kernel and
# spends two minutes in dkms' depmod under TCG: 6.12 runs it.
case $ICMPX_KERNEL in
debug)	export ICMPX_CTL_SKIP=${ICMPX_CTL_SKIP-test_settings test_ynl} ;;
6.1)	export ICMPX_CTL_SKIP=${ICMPX_CTL_SKIP-test_settings}
	export ICMPX_PKG_PURGE=${ICMPX_PKG_PURGE-0} ;;
esac
if [ $debug = 1 ]; then
	export ICMPX_CORPUS_COUNT=${ICMPX_CORPUS_COUNT:-1}
	export ICMPX_FLOOD_SOURCES=${ICMPX_FLOOD_SOURCES:-20000}
	export ICMPX_SKIP_DOC=${ICMPX_SKIP_DOC:-1}
fi

# ICMPX_SELFTESTS narrows the run to some of them, for development,
# separated by commas (the kernel command line splits at spaces).
only=${ICMPX_SELFTESTS:+ ${ICMPX_SELFTESTS//,/ } }
# wanted NAME: whether NAME is in the run (all are, by default).
wanted() {
	[ -z "$only" ] || [[ $only == *" $1 "* ]]
}

for t in netns.sh corpus.sh sysfs.sh policy.sh limit.sh ctl.sh nlfuzz.sh pfuzz.sh; do
	wanted "$t" || continue
	t=$ICMPX_SRC/selftests/$t
	echo "# selftest $(basename "$t") at $(cut -d' ' -f1 /proc/uptime) s"
	bash "$t"
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

# The Debian packages, installed on the host for this kernel by
# selftests/package.sh: their module, unit and purge.
if wanted install.sh && [ -n "${ICMPX_PKG_LAYER:-}" ]; then
	echo "# selftest install.sh at $(cut -d' ' -f1 /proc/uptime) s"
	bash "$ICMPX_SRC/selftests/install.sh"
fi

if [ $leakcheck = 1 ]; then
	# kmemleak only reports objects older than 5 s, found by two scans.
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
	leaks=$(cat /sys/kernel/debug/kmemleak)
	if [ -z "$leaks" ]; then
		pass "kernel: kmemleak clean"
	else
		echo "$leaks"
		fail "kernel: kmemleak clean"
	fi
fi

bad='BUG:|WARNING:|KASAN|UBSAN|kmemleak:.*new suspected|circular locking|inconsistent lock|lock held|Call Trace|general protection|refcount_t:|list_(add|del) corruption'
if dmesg | grep -Eq "$bad"; then
	dmesg | grep -E -A20 "$bad" | head -60
	fail "kernel: log free of warnings"
else
	pass "kernel: log free of warnings"
fi
