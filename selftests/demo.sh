#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: boot Debian's stock 6.12 kernel in qemu (no kernel build:
# minutes, not a quarter of an hour), load icmpx built against its
# headers, send real ICMP and show what icmpx saw.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
selftests/host/deps.sh
eval "$(selftests/host/stock.sh 6.12)"
echo "demo: building icmpx against $KVER" >&2
selftests/host/build.sh 6.12 "$KDIR"
make -s -C tools/icmpxctl
out=$top/build/demo
mkdir -p "$out"
: > "$out/results"
color=0
[ -t 1 ] && [ -z "${NO_COLOR:-}" ] && color=1
echo "demo: booting $KVER under qemu (TCG: about a minute)" >&2
selftests/host/vm.sh --name demo --out "$out" --kernel "$KERNEL" --initrd "$INITRD" \
	--modroot "$MODROOT" --moddir "$top/build/6.12" \
	--plan "$top/selftests/vm/plan-demo.sh" --timeout 600 \
	--env ICMPX_COLOR=$color &
vm=$!
# Show the guest's output as it arrives; the DONE line is the harness's.
tail -n +1 -F --pid=$vm "$out/results" 2> /dev/null | grep -v '^DONE ' || true
wait $vm
