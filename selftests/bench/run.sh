#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot Debian's stock 6.12 kernel (a production kernel: no
# KASAN or lockdep to distort the figures) with icmpx built against its
# headers, run selftests/bench/guest.sh there, and print the tables,
# also written to build/bench/table.rst.
#
# ICMPX_BENCH_REPS (9), ICMPX_BENCH_SECS (2), ICMPX_BENCH_ITERS (50000),
# ICMPX_BENCH_SEED (the order of the contenders; random when unset),
# ICMPX_BENCH_CONTENDERS and ICMPX_BENCH_SCENARIOS (comma-separated
# subsets), ICMPX_BENCH_PROFILE=1 (perf profiles on the console log)
# and ICMPX_BENCH_PARAMS (icmpx's module parameters, comma-separated)
# are handed to the guest.
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
	env+=(--env "$v=${!v}")
done
echo "bench: booting $KVER with 2 CPUs (TCG); about 50 minutes" >&2
selftests/host/vm.sh --name bench --out "$out" --kernel "$KERNEL" --initrd "$INITRD" \
	--modroot "$MODROOT" --moddir "$top/build/6.12" --cpus 2 --timeout 5400 \
	--plan "$top/selftests/bench/guest.sh" "${env[@]}"
if grep '^RESULT fail' "$out/results" >&2; then
	echo "bench: the run failed; see $out/console.log" >&2
	exit 1
fi
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
