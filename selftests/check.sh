#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Everything `make check` runs, counted case by case:
#
#   1. static checks: W=1 and sparse builds against the debug kernel and
#      Debian's stock 6.1 and 6.12 headers, checkpatch --strict;
#   2. the debug kernel (KASAN, kmemleak, lockdep) in qemu: KUnit suites
#      and selftests;
#   3. the parser fuzzer for FUZZ_SECONDS (60); the pure parts (parser,
#      policy, buckets, per-source table) and their KUnit suites in
#      userspace, with the listed mutants and one in MUTANTS_SAMPLE (16)
#      of the mechanical ones (tools/fuzz/mutants.py);
#   4. the Debian packages, DKMS and make install, in sandboxes on the
#      host (selftests/host/package.sh);
#   5. Debian's stock 6.1 and 6.12 kernels in qemu: the selftests, and
#      the packages installed in 4 loaded, run and purged there; on 6.12
#      a smoke run of the benchmark (make bench), which times nothing.
#
# 2 runs beside 5 (below: the VMs' lanes).  Ends with one line "N passed,
# N failed" and exits non-zero on any failure.  KERNELS="debug 6.1 6.12"
# (the default) picks which VMs run; ICMPX_VM_LANES=1 runs them one after
# the other.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
# shellcheck source=vm/oopses.sh
. selftests/vm/oopses.sh
# shellcheck source=host/lib.sh
. selftests/host/lib.sh
KERNELS=${KERNELS:-debug 6.1 6.12}
logs=$top/build/check
mkdir -p "$logs"

passed=0 failed=0 skipped=0
result() {
	case $1 in
	pass)	passed=$((passed + 1)); echo "  ok    $2" ;;
	skip)	skipped=$((skipped + 1)); echo "  skip  $2" ;;
	*)	failed=$((failed + 1)); echo "  FAIL  $2" ;;
	esac
}
finish() {
	step_end
	printf '%6d s  %s\n' $(($(date +%s) - run_t0)) "in all" >> "$logs/timings"
	echo
	echo "== how long each part took (also in $logs/timings)"
	sed 's/^/  /' "$logs/timings"
	echo
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" = 0 ]
	exit
}
# step NAME: a part of the run, timed: the timings this prints at the end
# are the figures Documentation/testing.rst refers to.
step_name= step_t0= run_t0=$(date +%s)
: > "$logs/timings"
step_end() {
	[ -n "$step_name" ] || return 0
	printf '%6d s  %s\n' $(($(date +%s) - step_t0)) "$step_name" >> "$logs/timings"
}
step() {
	step_end
	step_name=$* step_t0=$(date +%s)
	echo
	echo "== $* ($(date +%T))"
}

# boot NAME [vm.sh arguments]: NAME's VM run to the end of its plan;
# what vm.sh printed in $logs/NAME.vm, its exit status, seconds and
# start in $logs/NAME.rc, for report.
boot() {
	local name=$1 t0 rc=0
	shift
	t0=$(date +%s)
	selftests/host/vm.sh --name "$name" --out "$logs/$name" \
		--plan "$top/selftests/vm/plan-check.sh" "$@" > "$logs/$name.vm" 2>&1 || rc=$?
	echo "$rc $(($(date +%s) - t0)) $(date -d "@$t0" +%T)" > "$logs/$name.rc"
	# Its cases come once every VM has ended: a line meanwhile.
	echo "  vm    $name ended at $(date +%T) (exit $rc)"
}

# report NAME: what boot NAME left, as cases, and a crash counted.
report() {
	local name=$1 rc=1 secs=0 at='?'
	[ -r "$logs/$name.rc" ] && read -r rc secs at < "$logs/$name.rc"
	echo
	echo "== VM: $name (from $at, $secs s)"
	printf '%6d s    VM: %s, from %s\n' "$secs" "$name" "$at" >> "$logs/vm-times"
	cat "$logs/$name.vm" 2> /dev/null
	if [ "$rc" = 0 ]; then
		result pass "$name: VM ran its plan to the end"
	else
		result fail "$name: VM ran its plan to the end (log: $logs/$name/console.log)"
	fi
	collect "$name" "$logs/$name"
	# The guest checks its own log; this catches what it could not see.
	if oopses < "$logs/$name/console.log"; then
		result fail "$name: console free of oopses and warnings"
	else
		result pass "$name: console free of oopses and warnings"
	fi
}

step "dependencies"
if ! selftests/host/deps.sh; then
	result fail "deps: install build and test dependencies"
	finish
fi

step "the harness's self-test"
suite "harness: selftest.sh" status "" selftests/host/selftest.sh

step "debug kernel (built once, cached in ${ICMPX_CACHE:-~/.cache/icmpx})"
if kbuild=$(selftests/host/kernel.sh); then
	kernel_src=$(readlink -f "$kbuild/source")
	result pass "debug kernel: build or reuse"
else
	result fail "debug kernel: build or reuse"
	finish
fi

step "static checks"
declare -A stock
for k in 6.1 6.12; do
	if out=$(selftests/host/stock.sh "$k"); then
		eval "$out"
		stock[$k]="$KERNEL|$INITRD|$MODROOT"
		if selftests/host/build.sh "$k" "$KDIR" sparse; then
			result pass "build: $KVER headers, W=1 and sparse clean"
		else
			result fail "build: $KVER headers, W=1 and sparse clean"
		fi
	else
		result fail "stock kernel $k: prepare"
	fi
done
if selftests/host/build.sh debug "$kbuild" sparse; then
	result pass "build: debug kernel, W=1 and sparse clean"
else
	result fail "build: debug kernel, W=1 and sparse clean"
fi
if selftests/host/checkpatch.sh --log "$logs/checkpatch.log"; then
	result pass "style: checkpatch --strict clean"
else
	grep -v '^total: 0 errors, 0 warnings, 0 checks' "$logs/checkpatch.log"
	result fail "style: checkpatch --strict clean"
fi
for f in Documentation/*.rst; do
	# As the kernel's docs build would: a warning is an error.
	if /usr/bin/python3 -c 'import sys, docutils.core
docutils.core.publish_string(open(sys.argv[1]).read(), writer_name="null",
	settings_overrides={"report_level": 2, "halt_level": 2})' "$f" \
		> "$logs/docs.log" 2>&1; then
		result pass "docs: $f is well-formed reStructuredText"
	else
		tail -5 "$logs/docs.log"
		result fail "docs: $f is well-formed reStructuredText"
	fi
done

# The benchmark's published tables come from its raw results, unedited.
if python3 selftests/bench/report.py Documentation/bench/results.txt > "$logs/perf-tables.rst" &&
   python3 -c 'import sys
sys.exit(open(sys.argv[1]).read().strip() not in open(sys.argv[2]).read())' \
	"$logs/perf-tables.rst" Documentation/performance.rst; then
	result pass "docs: performance.rst's tables are report.py's of Documentation/bench/results.txt"
else
	result fail "docs: performance.rst's tables are report.py's of Documentation/bench/results.txt"
fi

step "parser fuzzer (libFuzzer + ASan + UBSan, ${FUZZ_SECONDS:-60} s)"
if make -s -C tools/fuzz run SECONDS="${FUZZ_SECONDS:-60}" > "$logs/fuzz.log" 2>&1; then
	grep -E '^(Done|stat::number_of_executed_units)' "$logs/fuzz.log" | sed 's/^/  /'
	result pass "fuzz: parser, ${FUZZ_SECONDS:-60} s without a finding"
else
	tail -n 30 "$logs/fuzz.log"
	result fail "fuzz: parser (log: $logs/fuzz.log; crash inputs in tools/fuzz)"
fi

step "the pure parts in userspace (ASan + UBSan), and their mutants"
if make -s -C tools/fuzz corpus_check policy_check unit > "$logs/userspace.log" 2>&1; then
	# Each program's verdict is its exit status; its last line says why.
	for t in "corpus_check:the parser corpus, every case and every prefix" \
		"policy_check:the policy cases, presets and refusals" \
		"unit:the KUnit suites of parse, policy, limit and sources" \
		"mutate.sh:the listed rule and length-check mutants, each killed" \
		"mutants.py --sample ${MUTANTS_SAMPLE:-16}:mechanical mutants, one in ${MUTANTS_SAMPLE:-16}, each killed or argued"; do
		cmd=${t%%:*}
		if (cd tools/fuzz && ./$cmd) > "$logs/userspace.log" 2>&1; then
			tail -n 3 "$logs/userspace.log" | sed 's/^/  /'
			result pass "userspace: $cmd: ${t#*:}"
		else
			tail -n 30 "$logs/userspace.log"
			cp "$logs/userspace.log" "$logs/${cmd%% *}.log"
			result fail "userspace: $cmd: ${t#*:} (log: $logs/${cmd%% *}.log)"
		fi
	done
else
	tail -n 30 "$logs/userspace.log"
	result fail "userspace: the checks build (log: $logs/userspace.log)"
fi

# The corpus as packets for selftests/guest/corpus.sh inside the VMs.
if make -s -C tools/fuzz cases > "$logs/cases.log" 2>&1; then
	result pass "corpus: written for the VM selftest ($(wc -l < tools/fuzz/cases/manifest) cases)"
else
	cat "$logs/cases.log"
	result fail "corpus: written for the VM selftest"
fi

# The flood sender of selftests/guest/limit.sh and the benchmark's sender,
# run inside the VMs.
for t in flood blast; do
	if make -s -C tools/$t > "$logs/$t.log" 2>&1 &&
	   ! grep -q warning "$logs/$t.log"; then
		result pass "tools: $t built without a warning"
	else
		cat "$logs/$t.log"
		result fail "tools: $t built without a warning"
	fi
done

step "icmpxctl: build, unit tests on the host; the netlink spec"
if make -s -C tools/icmpxctl > "$logs/icmpxctl.log" 2>&1 &&
   ! grep -q warning "$logs/icmpxctl.log"; then
	result pass "icmpxctl: builds without a warning"
else
	cat "$logs/icmpxctl.log"
	result fail "icmpxctl: builds without a warning"
fi
suite "icmpxctl: make check" summary "icmpxctl: " make -s -C tools/icmpxctl check
suite "ynl: ynl.sh" status "ynl: " selftests/host/ynl.sh "$kernel_src"

step "packages: Debian source and binary packages, DKMS, make install (sandboxed)"
suite "packages: package.sh" status "" selftests/host/package.sh check
# The installed system the stock VMs boot on, to load and purge.
pkg_env=()
[ -d build/deb/layer ] && pkg_env=(--env "ICMPX_PKG_LAYER=$top/build/deb/layer")

# The VMs, in two lanes side by side: the debug kernel in one, the stock
# kernels one after the other in the other.  Each VM runs its vCPUs on
# one host thread (tcg,thread=single), so two VMs hold the two host CPUs
# and no more: a guest keeps about one CPU busy on average, and two
# multi-threaded guests side by side, four threads on two CPUs, ran each
# several times slower than alone (Documentation/testing.rst).
# ICMPX_VM_LANES=1 runs them one after the other, multi-threaded, as
# does a run of one lane alone (KERNELS).
lanes=${ICMPX_VM_LANES:-2}
case $lanes in
1|2)	;;
*)	result fail "ICMPX_VM_LANES is 1 or 2, not '$lanes'"; lanes=1 ;;
esac

lane_debug() {
	boot debug --kernel "$kbuild/arch/x86/boot/bzImage" --accel "$accel" \
		--moddir "$top/build/debug" --timeout 3000 \
		--env "ICMPX_KERNEL_SRC=$kernel_src"
}

lane_stock() {
	local k kernel initrd modroot
	for k in $KERNELS; do
		[ -n "${stock[$k]:-}" ] || continue
		IFS='|' read -r kernel initrd modroot <<< "${stock[$k]}"
		boot "$k" --kernel "$kernel" --initrd "$initrd" --accel "$accel" \
			--modroot "$modroot" --moddir "$top/build/$k" --timeout 1800 \
			--env "ICMPX_KERNEL_SRC=$kernel_src" "${pkg_env[@]}"
		# Reloads under a flood on a host with no other netfilter
		# hooks, whose static keys then flip at each load and unload:
		# under multi-threaded TCG a vCPU sometimes runs the patch's
		# int3 after the patching is over (reliability.rst), so the
		# other VMs hold the hooks with nftables (ICMPX_LIFE_PIN) and
		# this one, single-threaded whatever the lanes, does not.
		[ "$k" = 6.12 ] || continue
		boot 6.12-unpinned --kernel "$kernel" --initrd "$initrd" \
			--modroot "$modroot" --moddir "$top/build/$k" --timeout 900 \
			--accel tcg,thread=single --env ICMPX_SELFTESTS=lifecycle.sh \
			--env ICMPX_LIFE_PHASES=reload --env ICMPX_LIFE_PIN=0 \
			--env ICMPX_LIFE_RELOADS=25
	done
}

vms=() debug=0 stocks=0
for k in $KERNELS; do
	case $k in
	debug)	vms+=(debug); debug=1 ;;
	6.1)	[ -n "${stock[$k]:-}" ] && vms+=("$k") && stocks=1 ;;
	6.12)	[ -n "${stock[$k]:-}" ] && vms+=("$k" 6.12-unpinned) && stocks=1 ;;
	*)	result fail "unknown kernel '$k' in KERNELS" ;;
	esac
done
[ $debug = 1 ] && [ $stocks = 1 ] || lanes=1
accel=tcg,thread=single
[ "$lanes" = 1 ] && accel=tcg
if [ ${#vms[@]} -gt 0 ]; then
	if [ "$lanes" = 1 ]; then
		step "VMs: ${vms[*]}, one after the other"
	else
		step "VMs: ${vms[*]}, debug beside the stock kernels"
	fi
	# Nothing of an earlier run's may pass for this one's.
	for name in "${vms[@]}"; do
		rm -rf "$logs/$name.rc" "$logs/$name.vm" "${logs:?}/$name"
	done
	: > "$logs/vm-times"
	if [ "$lanes" = 1 ]; then
		[ $debug = 0 ] || lane_debug
		[ $stocks = 0 ] || lane_stock
	else
		# An interrupted run takes its VMs with it: the lanes first, so
		# that none boots another, then their qemus.
		trap 'kill $(jobs -p) 2> /dev/null; pkill -f "^qemu-system-x86_64 .*file:$logs/"; exit 130' INT TERM HUP
		[ $debug = 0 ] || lane_debug &
		[ $stocks = 0 ] || lane_stock &
		wait
		trap - INT TERM HUP
	fi
	for name in "${vms[@]}"; do
		report "$name"
		# The benchmark's tables, from the smoke run's figures.
		[ "$name" = 6.12 ] || continue
		if python3 selftests/bench/report.py "$logs/$name/results" --check \
			> "$logs/bench-table.rst"; then
			result pass "bench: report of the smoke run has every table and figure"
		else
			result fail "bench: report of the smoke run has every table and figure"
		fi
	done
	# Each VM's own time under the lanes' (wall clock) time.
	step_end
	step_name=
	cat "$logs/vm-times" >> "$logs/timings"
fi

finish
