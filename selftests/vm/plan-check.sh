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

# Under KASAN everything is several times slower.  The debug kernel is
# there for the sanitizers: it sends the parser corpus once (the stock
# kernels three times), gets 2 % of the flood sender's 10^6 spoofed
# sources (it sends 500 to 800 a second there) at a table of 512, which
# they fill before its first entries go stale, and leaves the
# documentation's tables, which no kernel changes, to the stock kernels.
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
	export ICMPX_FLOOD_TABLE=${ICMPX_FLOOD_TABLE:-512}
	export ICMPX_SKIP_DOC=${ICMPX_SKIP_DOC:-1}
	# Ten seconds a reload or a namespace under a flood there.
	export ICMPX_LIFE_RELOADS=${ICMPX_LIFE_RELOADS:-3}
	export ICMPX_LIFE_NETNS=${ICMPX_LIFE_NETNS:-3}
	# policy.sh's seven minutes there would check again what KUnit's
	# icmpx-policy checks in the kernel (every preset and setting against
	# the same decisions); the paths its packets take are the corpus's,
	# the fuzzers' and the namespace tests', which run here.  The stock
	# kernels run it.
	export ICMPX_SELFTESTS_SKIP=${ICMPX_SELFTESTS_SKIP-policy.sh}
fi

# ICMPX_SELFTESTS narrows the run to some of them, for development,
# separated by commas (the kernel command line splits at spaces);
# ICMPX_SELFTESTS_SKIP leaves some out, unless ICMPX_SELFTESTS names them.
only=${ICMPX_SELFTESTS:+ ${ICMPX_SELFTESTS//,/ } }
left=${ICMPX_SELFTESTS_SKIP:+ ${ICMPX_SELFTESTS_SKIP//,/ } }
# wanted NAME: whether NAME is in the run (all are, by default).
wanted() {
	if [ -n "$only" ]; then
		[[ $only == *" $1 "* ]]
	else
		[[ $left != *" $1 "* ]]
	fi
}

for t in netns.sh corpus.sh sysfs.sh policy.sh limit.sh stack.sh ctl.sh nlfuzz.sh pfuzz.sh scale.sh \
	 lifecycle.sh faults.sh; do
	if ! wanted "$t"; then
		[ -z "$only" ] && skip "selftest $t" "left out on this kernel"
		continue
	fi
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
