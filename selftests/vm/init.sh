#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the test VM.  The root filesystem is the host's / over 9p,
# read-only, so the host's own tools run here; tmpfs covers what must be
# writable.  The host passes what to run in environment variables on the
# kernel command line:
#
#   ICMPX_PLAN     the script to run (selftests/vm/plan-*.sh)
#   ICMPX_SRC      the source tree
#   ICMPX_MODDIR   where icmpx.ko (and icmpx_test.ko) were built
#   ICMPX_MODROOT  for stock kernels: a folder with lib/modules/$(uname -r)
#   ICMPX_KERNEL   a short name of this kernel, used in test names
#
# Results go to the second serial port, KUnit's KTAP to the third; the
# console carries everything else.  Whatever happens, the VM powers off.

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp TERM=dumb LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1

poweroff() {
	/usr/bin/busybox sync
	/usr/bin/busybox reboot -f
	sleep 5
}
trap poweroff EXIT

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=755 tmpfs /run
# What udev would have made: bash's <(...) needs /dev/fd.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
mkdir -p /dev/shm /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t devpts devpts /dev/pts 2> /dev/null
mount -t debugfs debugfs /sys/kernel/debug 2> /dev/null
ip link set lo up

exec 3> /dev/ttyS1 4> /dev/ttyS2
export ICMPX_RESULT_FD=3 ICMPX_KTAP_FD=4

echo "icmpx-vm: $(uname -r) on $(nproc) CPUs, plan $ICMPX_PLAN"
cd "$ICMPX_SRC" || exit 1
bash "$ICMPX_PLAN"
rc=$?
echo "DONE $rc" >&3
exit $rc
