#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make soak: the long versions of the reliability tests, on the debug
# kernel (KASAN, kmemleak, lockdep): ICMPX_PFUZZ_COUNT fuzzed frames
# (2000000) and ICMPX_NLFUZZ_COUNT netlink requests (20000), where make
# check sends 100000 and 1000; lifecycle.sh's 50 reloads and 50
# namespaces under a flood, 60 s of policy churn, 50 CPU hotplugs (make
# check: 5, 5, 5 s, 5); faults.sh's load sweep failing every 50th
# allocation of a load and each of the first 600 of icmpx's init (make
# check: every 5000th, every 20th of 200).  Each of those variables set
# in the environment overrides its soak value.  Prints "N passed, N failed"
# and exits non-zero on a failure, as make check does; the guest's log
# is in build/soak/console.log.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
# shellcheck source=vm/oopses.sh
. selftests/vm/oopses.sh
# shellcheck source=host/lib.sh
. selftests/host/lib.sh
passed=0 failed=0 skipped=0
result() {
	case $1 in
	pass)	passed=$((passed + 1)) ;;
	skip)	skipped=$((skipped + 1)) ;;
	*)	failed=$((failed + 1)); echo "  FAIL  $2" ;;
	esac
}
selftests/host/deps.sh || exit 1
kbuild=$(selftests/host/kernel.sh) || exit 1
kernel_src=$(readlink -f "$kbuild/source")
selftests/host/build.sh debug "$kbuild" > /dev/null || exit 1
make -s -C tools/icmpxctl && make -s -C tools/blast || exit 1
out=$top/build/soak
pfuzz=${ICMPX_PFUZZ_COUNT:-2000000}
nlfuzz=${ICMPX_NLFUZZ_COUNT:-20000}
echo "soak: $pfuzz fuzzed frames, $nlfuzz netlink requests, on the debug kernel" >&2
t0=$(date +%s)
selftests/host/vm.sh --name debug --out "$out" --plan "$top/selftests/vm/plan-check.sh" \
	--kernel "$kbuild/arch/x86/boot/bzImage" --moddir "$top/build/debug" \
	--timeout 7200 --env "ICMPX_KERNEL_SRC=$(readlink -f "$kbuild/source")" \
	--env ICMPX_SELFTESTS=nlfuzz.sh,pfuzz.sh,lifecycle.sh,faults.sh \
	--env "ICMPX_PFUZZ_COUNT=$pfuzz" --env "ICMPX_NLFUZZ_COUNT=$nlfuzz" \
	--env "ICMPX_LIFE_RELOADS=${ICMPX_LIFE_RELOADS:-50}" \
	--env "ICMPX_LIFE_NETNS=${ICMPX_LIFE_NETNS:-50}" \
	--env "ICMPX_LIFE_CHURN=${ICMPX_LIFE_CHURN:-60}" \
	--env "ICMPX_LIFE_HOTPLUG=${ICMPX_LIFE_HOTPLUG:-50}" \
	--env "ICMPX_FAULTS_STRIDE=${ICMPX_FAULTS_STRIDE:-50}" \
	--env "ICMPX_FAULTS_INIT=${ICMPX_FAULTS_INIT:-600}" \
	--env "ICMPX_FAULTS_INIT_STRIDE=${ICMPX_FAULTS_INIT_STRIDE:-1}" \
	${ICMPX_PFUZZ_SEED:+--env ICMPX_PFUZZ_SEED=$ICMPX_PFUZZ_SEED}
vm=$?
grep -a '^# \(pfuzz\|nlfuzz\|ipv4\|ipv6\|[0-9]* requests\|lifecycle\|churn\|faults\|config\|netns\|load\)' "$out/console.log"
# The guest's results and KUnit's, counted as make check counts them.
collect debug "$out"
if [ $vm != 0 ] || ! grep -q '^DONE 0' "$out/results"; then
	echo "soak: the VM did not finish its plan" >&2
	failed=$((failed + 1))
fi
if oopses < "$out/console.log"; then
	failed=$((failed + 1))
fi
echo "soak: $(($(date +%s) - t0)) s"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
