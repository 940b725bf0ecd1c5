#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under qemu with the host's / as a read-only 9p root and
# run one plan inside it.
#
#   selftests/host/vm.sh --kernel BZIMAGE --plan PLAN --moddir DIR --out DIR
#                   [--initrd FILE] [--modroot DIR] [--name NAME]
#                   [--timeout SECONDS] [--cpus N] [--mem MIB]
#                   [--accel ACCEL] [--env NAME=VALUE]...
#
# --accel is qemu's -accel, tcg by default (multi-threaded: a host thread
# per vCPU); tcg,thread=single runs every vCPU on one host thread, in turn.
#
# Leaves in --out: console.log (serial console: the kernel log and the
# plan's output), results ("RESULT ..." lines, then "DONE rc") and ktap
# (KUnit results).  Exits 0 when the guest finished its plan, 1 when it
# crashed, hung past the timeout or never reported: a missing result is a
# failure, never a pass.  Never hangs: qemu is killed at the timeout.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
kernel= initrd= plan= moddir= modroot= out= name=vm
timeout=900 cpus=2 mem=2048 extra_env= accel=tcg
while [ $# -gt 0 ]; do
	case $1 in
	--kernel)	kernel=$2; shift 2 ;;
	--initrd)	initrd=$2; shift 2 ;;
	--plan)		plan=$2; shift 2 ;;
	--moddir)	moddir=$2; shift 2 ;;
	--modroot)	modroot=$2; shift 2 ;;
	--out)		out=$2; shift 2 ;;
	--name)		name=$2; shift 2 ;;
	--timeout)	timeout=$2; shift 2 ;;
	--cpus)		cpus=$2; shift 2 ;;
	--mem)		mem=$2; shift 2 ;;
	--accel)	accel=$2; shift 2 ;;
	--env)		extra_env+=" $2"; shift 2 ;;
	*)		echo "vm.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
[ -n "$kernel" ] && [ -n "$plan" ] && [ -n "$out" ] ||
	{ echo "vm.sh: --kernel, --plan and --out are required" >&2; exit 2; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/console.log" "$out/results" "$out/ktap"
touch "$out/results" "$out/ktap"

init=$top/selftests/vm/init.sh
env="ICMPX_PLAN=$plan ICMPX_SRC=$top ICMPX_MODDIR=$moddir ICMPX_KERNEL=$name"
[ -n "$modroot" ] && env+=" ICMPX_MODROOT=$modroot"
env+=$extra_env
# panic_on_warn turns any WARN (and KASAN report) into a panic, which
# ends the run without a DONE line; panic=-1 reboots, -no-reboot exits.
cmdline="console=ttyS0,115200 panic=-1 oops=panic panic_on_warn=1 ro"
# allnoconfig leaves KUNIT_DEFAULT_ENABLED off; the stock kernels have no
# KUnit and ignore the parameter.
cmdline+=" loglevel=6 net.ifnames=0 kunit.enable=1 $env"
if [ -n "$initrd" ]; then
	cmdline+=" ICMPX_INIT=$init"
	initrd_args=(-initrd "$initrd")
else
	cmdline+=" root=/dev/root rootfstype=9p init=$init"
	# cache=loose keeps what the guest read in its page cache: without
	# it every exec, and every one of the thousand files python3 and
	# scapy open, goes to the host again, and the debug kernel's tests
	# ran 2.5 times slower (ctl.sh 222 s against 85).  The host's / does
	# not change while a VM runs; stock.sh's initramfs mounts the same.
	cmdline+=" rootflags=version=9p2000.L,trans=virtio,access=any,msize=524288,cache=loose"
	initrd_args=()
fi

start=$(date +%s)
rc=0
timeout --kill-after=10 "$timeout" \
	qemu-system-x86_64 -machine q35 -accel "$accel" -cpu max -smp "$cpus" -m "$mem" \
	-nodefaults -nographic -no-reboot -monitor none \
	-kernel "$kernel" "${initrd_args[@]}" -append "$cmdline" \
	-fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=root,mount_tag=/dev/root \
	-device virtio-rng-pci \
	-serial "file:$out/console.log" \
	-serial "file:$out/results" \
	-serial "file:$out/ktap" \
	< /dev/null > "$out/qemu.log" 2>&1 || rc=$?
elapsed=$(( $(date +%s) - start ))

if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "vm: $name timed out after ${timeout} s" >&2
	exit 1
fi
if ! grep -q '^DONE ' "$out/results"; then
	echo "vm: $name did not finish (crash?) after ${elapsed} s; console tail:" >&2
	tail -n 40 "$out/console.log" >&2
	exit 1
fi
echo "vm: $name finished in ${elapsed} s" >&2
