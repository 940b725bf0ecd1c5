#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot Debian's stock 6.12 kernel (a production kernel: no
# KASAN or lockdep to distort the figures) with icmpx built against its
# headers, run selftests/bench/guest.sh there, and print the tables,
# also written to build/bench/table.rst.
#
# ICMPX_BENCH_REPS (9), ICMPX_BENCH_SECS (2), ICMPX_BENCH_TURNS (5),
# ICMPX_BENCH_ITERS (50000),
# ICMPX_BENCH_SEED (the order of the contenders; random when unset),
# ICMPX_BENCH_CONTENDERS and ICMPX_BENCH_SCENARIOS (comma-separated
# subsets), ICMPX_BENCH_PROFILE=1 (perf profiles on the console log)
# and ICMPX_BENCH_PARAMS (icmpx's module parameters, comma-separated)
# are handed to the guest.
#
# ICMPX_BENCH_BOOTS=N (1): the repetitions in N boots of the guest, each
# ICMPX_BENCH_REPS long, pooled.  Under TCG the hook path's cost depends
# on where a module's code lands (the emulator finds translated code by
# a hash of its address), and KASLR draws that anew at each boot only: a
# single boot times every build at one placement, which can favour one
# build over another by as much as a change is worth.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
selftests/host/deps.sh
eval "$(selftests/host/stock.sh 6.12)"
echo "bench: building icmpx against $KVER" >&2
selftests/host/build.sh 6.12 "$KDIR"
make -s -C tools/blast
out=$top/build/bench
mkdir -p "$out"

env=()
for v in ${!ICMPX_BENCH_@}; do
	[ "$v" = ICMPX_BENCH_BOOT ] || env+=(--env "$v=${!v}")
done
boots=${ICMPX_BENCH_BOOTS:-1}
: > "$out/results.all"
for b in $(seq 1 "$boots"); do
	dir=$out
	[ "$boots" = 1 ] || dir=$out/boot$b
	echo "bench: booting $KVER with 2 CPUs (TCG), boot $b of $boots; about 100 minutes for the defaults" >&2
	selftests/host/vm.sh --name bench --out "$dir" --kernel "$KERNEL" --initrd "$INITRD" \
		--modroot "$MODROOT" --moddir "$top/build/6.12" --cpus 2 --timeout 10800 \
		--plan "$top/selftests/bench/guest.sh" "${env[@]}" \
		--env "ICMPX_BENCH_BOOT=$b"
	if grep '^RESULT fail' "$dir/results" >&2; then
		echo "bench: the run failed; see $dir/console.log" >&2
		exit 1
	fi
	cat "$dir/results" >> "$out/results.all"
done
[ "$boots" = 1 ] || cp "$out/results.all" "$out/results"
rm -f "$out/results.all"
{
	echo "Kernel $KVER (Debian stock), 2 vCPUs under qemu $(qemu-system-x86_64 --version |
		sed -n '1s/.*version \([^ ]*\).*/\1/p') (TCG) on" \
		"$(lscpu | sed -n 's/^Model name: *//p' | head -n1)," \
		"$(nproc) host CPUs; icmpx $(cat VERSION) ($(git describe --always --dirty 2> /dev/null || echo unknown))," \
		"$(date -u +%Y-%m-%d)."
	echo
	python3 selftests/bench/report.py "$out/results"
} > "$out/table.rst"
cat "$out/table.rst"
echo "bench: tables in $out/table.rst, raw figures in $out/results" >&2
