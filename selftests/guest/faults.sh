#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Allocation failures, from the kernel's fault injection (failslab,
# fail_page_alloc), where the kernel has it (the debug kernel):
#
#   packets  every other allocation of the per-source table fails during
#            a flood from spoofed sources: counted as source-nomem, the
#            packets fall to the global bucket, the counters add up,
#            the receiver still answers;
#   config   each netlink request, with its 1st, 2nd, ... allocation
#            failing: it fails whole or succeeds whole (faults.py); the
#            zone requests again in the initial namespace (sysfs);
#   netns    namespace creation likewise (all of its some 800): it fails
#            cleanly or the new namespace has icmpx;
#   load     the module's load likewise: nothing left or all there.
#
# A load makes some 20000 allocations, most of them sysfs files, at
# seconds a load under the debug kernel: the load sweep tries every
# ICMPX_FAULTS_STRIDE-th (5000) of them, and every
# ICMPX_FAULTS_INIT_STRIDE-th (20) of the first ICMPX_FAULTS_INIT (200)
# of icmpx's own init, where it sets up everything but sysfs.  Leaks and
# warnings are the plan's kmemleak and log checks.
#
#   TX, spoofing                     RX (topo_pair, vm/topo.sh)
#   +------------------------+      +------------------------+
#   | veth0  10.9.0.2/24     |----->| veth0  10.9.0.1/24     |
#   |        fd09::2/64      |      |        fd09::1/64      |
#   +------------------------+      +------------------------+
#
# Needs icmpx loaded and ICMPX_MODDIR; leaves it loaded.  Exit status as
# kselftest.
#
# Debian's kernels have no fault injection (failslab, fail_page_alloc).
# Skip on 6.1: Debian's kernel has no fault injection
# Skip on 6.12: Debian's kernel has no fault injection
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

blast=$here/../../tools/blast/blast
ko=${ICMPX_MODDIR:-}/icmpx.ko
dbg=/sys/kernel/debug
tx=icmpx-ftx
rx=icmpx-frx

needs icmpx "$dbg/failslab" /proc/self/fail-nth "$blast"

# set DIR KNOB VALUE
set_knob() {
	echo "$3" > "$dbg/$1/$2"
}

# no_faults: allocations fail no more.
no_faults() {
	set_knob failslab probability 0
	set_knob failslab cache-filter N
	[ -e /sys/kernel/slab/icmpx_src/failslab ] &&
		echo 0 > /sys/kernel/slab/icmpx_src/failslab
}
# mark WHAT: a line in the kernel log between which allocation failure
# reports are ours (selftests/vm/oopses.sh lets them through there only).
mark() {
	echo "<5>icmpx-faults: $1" > /dev/kmsg
}
at_exit mark end
at_exit no_faults
mark begin

# Quiet failures (no stack dump per injection), GFP_KERNEL ones too.
for f in failslab fail_page_alloc; do
	set_knob $f verbose 0
	set_knob $f ignore-gfp-wait N
	set_knob $f probability 0
	set_knob $f interval 1
	set_knob $f times -1
	set_knob $f space 0
	set_knob $f task-filter N
done
set_knob fail_page_alloc min-order 0

# total FAMILY KEY: rx's.
total() {
	icmpx_count "$rx" "$@"
}

test_packets() {
	local out nomem recv acc k0 rate burst p0 n0 r0 secs dp dn dr
	load_module veth
	if ! topo_pair "$tx" "$rx"; then
		fail "faults: packets: namespaces set up"
		return
	fi
	# Only the table's own cache fails: the rest of the kernel is spared.
	if ! echo 1 > /sys/kernel/slab/icmpx_src/failslab; then
		fail "faults: packets: failslab for the icmpx_src cache"
		return
	fi
	set_knob failslab cache-filter Y
	k0=$(snmp "$rx" InEchos)
	set_knob failslab probability 50
	out=$(ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m spoof -n 4000 -d 3)
	set_knob failslab probability 0
	echo "# faults: packets: $out"
	sleep 1
	nomem=$(total ipv4 source-nomem)
	recv=$(total ipv4 8/received)
	acc=$(total ipv4 8/accepted)
	echo "# faults: packets: echo requests received $recv, accepted $acc, source-nomem $nomem"
	check "faults: packets: failed table allocations counted as source-nomem" \
		test "$nomem" -gt 0
	expect "faults: packets: what icmpx let through is what the kernel counted (InEchos)" \
		"$(( $(snmp "$rx" InEchos) - k0 ))" "$acc"

	# Every allocation failing, from sources the table has never seen:
	# every message falls to its rule's one global bucket, so that no
	# more pass than its burst and rate allow over the flood.
	read -r rate burst < <(icmpx_json "$rx" show | jq -r \
		'.rules[] | select(.family == "ipv4" and .type == 8) | "\(.rate) \(.burst)"')
	p0=$(total ipv4 8/limit-passed) n0=$(total ipv4 source-nomem) r0=$(total ipv4 8/received)
	set_knob failslab probability 100
	out=$(ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m spoof -n 1000 \
		-s 10.65.0.0 -d 2)
	set_knob failslab probability 0
	secs=$(sed -n 's/.*secs=\([0-9.]*\).*/\1/p' <<< "$out")
	echo "# faults: packets: every allocation failing: $out; the rule: ${rate:-?}/s burst ${burst:-?}"
	sleep 1
	dp=$(($(total ipv4 8/limit-passed) - p0))
	dn=$(($(total ipv4 source-nomem) - n0))
	dr=$(($(total ipv4 8/received) - r0))
	expect "faults: packets: with no entry to be had, each message counted as source-nomem" \
		"$dn" "$dr"
	echo "# faults: packets: $dp of $dr passed"
	check "faults: packets: ... and limited by the rule's global bucket" \
		awk -v p="$dp" -v r="${rate:-0}" -v b="${burst:-0}" -v s="${secs:-0}" -v n="$dr" \
		'BEGIN { exit !(n > 2 * b && p <= b + r * (s + 0.5) + 2) }'
	check "faults: packets: the receiver still answers" \
		quiet ip netns exec "$tx" ping -q -c 2 -i 0.2 -W 2 10.9.0.1
}

t0=$(date +%s)
test_packets
no_faults
ip netns del "$tx"
ip netns del "$rx"
echo "# faults: packets $(($(date +%s) - t0)) s"

# In a namespace of its own: the initial one's policy stays as it is.
t0=$(date +%s)
netns_new icmpx-faults
py_results "faults: faults.py config" ip netns exec icmpx-faults /usr/bin/python3 "$here/faults.py" config
ip netns del icmpx-faults
# The zone requests again in the initial namespace, where a zone has its
# directory in sysfs: there, or not, as the zone is.
py_results "faults: faults.py config --zones" /usr/bin/python3 "$here/faults.py" config --zones
echo "# faults: config $(($(date +%s) - t0)) s"

t0=$(date +%s)
py_results "faults: faults.py netns" /usr/bin/python3 "$here/faults.py" netns
echo "# faults: netns $(($(date +%s) - t0)) s"

if [ -f "$ko" ]; then
	t0=$(date +%s)
	rmmod icmpx
	# Read from tmpfs: 9p's read path (netfs) does not survive a failed
	# allocation in 6.12 (a refcount underflow in netfs_put_request()).
	cp "$ko" /tmp/icmpx-faults.ko
	py_results "faults: faults.py load" /usr/bin/python3 "$here/faults.py" load /tmp/icmpx-faults.ko \
		--stride "${ICMPX_FAULTS_STRIDE:-5000}" --init "${ICMPX_FAULTS_INIT:-200}" \
		--init-stride "${ICMPX_FAULTS_INIT_STRIDE:-20}"
	rm -f /tmp/icmpx-faults.ko
	lsmod | grep -q '^icmpx ' || insmod "$ko"
	check "faults: icmpx loads again afterwards" test -r /proc/net/icmpx
	echo "# faults: load $(($(date +%s) - t0)) s"
else
	skip "faults: module load" "ICMPX_MODDIR not set"
fi

end_test
