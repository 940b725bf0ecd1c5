#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lifecycle under load, a flood running throughout each test:
#
#   reload   icmpx unloaded and loaded again, ICMPX_LIFE_RELOADS times
#            (5), under a ping flood of both families and a spoofed one;
#            afterwards a fresh load counts exactly in a namespace that
#            already existed;
#   netns    ICMPX_LIFE_NETNS times (5), a namespace made, flooded and
#            destroyed while the flood still runs into it;
#   churn    the whole policy replaced as fast as netlink goes for
#            ICMPX_LIFE_CHURN seconds (5) while a reader checks that
#            each read is one whole policy (selftests/guest/churn.py);
#   hotplug  a CPU taken offline and back ICMPX_LIFE_HOTPLUG times (5):
#            the counters it holds stay counted.
#
#   TX, flooding                     RX (topo_pair, vm/topo.sh)
#   +------------------------+      +------------------------+
#   | veth0  10.9.0.2/24     |----->| veth0  10.9.0.1/24     |
#   |        fd09::2/64      |      |        fd09::1/64      |
#   +------------------------+      +------------------------+
#
# ICMPX_LIFE_PHASES picks phases (all four by default); ICMPX_LIFE_PIN=0
# reloads without pin_hooks (below), on a host with no other hooks, as
# make check does in a VM of its own under single-threaded TCG.
#
# Needs icmpx loaded, tools/blast built and ICMPX_MODDIR for the reload.
# Exit status as kselftest.
#
# Ten seconds a reload or a namespace under a flood on the debug kernel.
# Env on debug: ICMPX_LIFE_RELOADS=3 ICMPX_LIFE_NETNS=3
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

blast=$here/../../tools/blast/blast
ko=${ICMPX_MODDIR:-}/icmpx.ko
tx=icmpx-ltx
rx=icmpx-lrx

needs icmpx "$blast" "$ko"

floods=()
# flood: ping floods of both families and a spoofed echo flood from tx
# into rx, in the background, until stop_floods.  The spoofed one goes
# through the qdisc layer (-q): test_netns destroys the veth pair under
# it, and the bypass then divides by zero in the sender (see blast.c).
flood() {
	ip netns exec "$tx" ping -q -f 10.9.0.1 > /dev/null 2>&1 &
	floods+=($!)
	ip netns exec "$tx" ping -6 -q -f fd09::1 > /dev/null 2>&1 &
	floods+=($!)
	ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m spoof -n 5000 -d 3600 -q \
		> /dev/null 2>&1 &
	floods+=($!)
}

stop_floods() {
	[ ${#floods[@]} -gt 0 ] || return 0
	kill "${floods[@]}" 2> /dev/null
	wait "${floods[@]}" 2> /dev/null
	floods=()
}

# Whatever a test left behind: its floods, CPU 1 offline, the hooks.
at_exit unpin_hooks
at_exit '[ -w /sys/devices/system/cpu/cpu1/online ] && echo 1 > /sys/devices/system/cpu/cpu1/online'
at_exit stop_floods

# total FAMILY KEY: rx's.
total() {
	icmpx_count "$rx" "$@"
}

# let_through FAMILY: what icmpx let rx's kernel have, as its counts say:
# what it accepted, what it dropped in name only (monitored) and what it
# could not read.
let_through() {
	icmpx_counts "$rx" | awk -v f="$1" '$1 == f && $2 ~ /^(accepted|monitored|no-header)$/ { n += $3 }
		END { print n + 0 }'
}

# truth_mark: rx's kernel's and icmpx's counts now, for adds_up.
truth_mark() {
	t_k4=$(snmp "$rx" InMsgs) t_k6=$(snmp "$rx" Icmp6InMsgs)
	t_i4=$(let_through ipv4) t_i6=$(let_through ipv6)
}

# adds_up WHAT: since truth_mark, what icmpx let through is what rx's
# kernel's ICMP code counted (InMsgs), in both families; read once the
# floods are over, so that nothing arrives between the two.
adds_up() {
	expect "$1: ipv4 let through by icmpx = the kernel's InMsgs" \
		$(($(let_through ipv4) - t_i4)) $(($(snmp "$rx" InMsgs) - t_k4))
	expect "$1: ipv6 let through by icmpx = the kernel's Icmp6InMsgs" \
		$(($(let_through ipv6) - t_i6)) $(($(snmp "$rx" Icmp6InMsgs) - t_k6))
}

# pin_hooks: netfilter's static keys held on while icmpx comes and goes.
# The last hook of a kind going away turns its key off, which patches the
# code the other vCPU is running: ip_local_deliver() and ip6_input() for
# LOCAL_IN, and for the PRE_ROUTING and LOCAL_OUT hooks of nf_defrag_ipv6,
# which icmpx enables, ipv6_rcv() and ip6_local_out().  Under TCG a vCPU
# sometimes runs the patch's int3 after the patching is over: an oops in
# softirq ("int3: 0000", Debian's 6.12), an emulator race that real
# CPUs, which serialise on the patching's IPIs, do not have.  Unloaded
# alone under a flood, icmpx oopsed such a guest at the second reload;
# with a LOCAL_IN chain alone, once in CI within five.  Hence a chain on
# each of the three hooks, in the initial namespace.
pin_hooks() {
	[ "${ICMPX_LIFE_PIN:-1}" = 0 ] && return
	load_module nf_tables
	nft -f - <<-EOF
	table inet icmpx_keep {
		chain pre { type filter hook prerouting priority 0; policy accept; }
		chain in { type filter hook input priority 0; policy accept; }
		chain out { type filter hook output priority 0; policy accept; }
	}
	EOF
}

unpin_hooks() {
	nft delete table inet icmpx_keep 2> /dev/null
}

test_reload() {
	local i ok=1 loops=${ICMPX_LIFE_RELOADS:-5} t0 hooks="netfilter's hooks held by nftables"
	if [ ! -f "$ko" ]; then
		skip "reload: under flood" "ICMPX_MODDIR not set"
		return
	fi
	[ "${ICMPX_LIFE_PIN:-1}" = 0 ] && hooks="no other hooks"
	pin_hooks
	flood
	sleep 1
	t0=$(date +%s)
	for i in $(seq 1 "$loops"); do
		rmmod icmpx || { ok=0; break; }
		insmod "$ko" || { ok=0; break; }
		sleep 0.2
	done
	stop_floods
	echo "# lifecycle: $loops reloads under flood in $(($(date +%s) - t0)) s"
	unpin_hooks
	if [ $ok = 1 ]; then
		pass "reload: $loops unloads and loads under a flood ($hooks)"
	else
		fail "reload: $loops unloads and loads under a flood ($hooks)" "failed at $i"
	fi
	# Once the flood is over, a fresh load counts exactly again.
	rmmod icmpx && insmod "$ko"
	check "reload: a namespace made before the load is flooded and answers" \
		quiet ip netns exec "$tx" ping -q -c 2 -i 0.2 -W 2 10.9.0.1
	expect "reload: it counts exactly after the load" "$(total ipv4 received)" 2
}

# rx_up: rx made again and joined to tx, with the least of topo_pair
# (IPv4 only): namespace setup is slow under the debug kernel.
rx_up() {
	# The rx before goes away in the background, and tx's end of its
	# veth pair with it: until then the name is taken.
	for _ in $(seq 1 100); do
		ip -n "$tx" link show veth0 > /dev/null 2>&1 || break
		sleep 0.1
	done
	ip netns add "$rx" &&
		ip link add veth0 netns "$tx" type veth peer name veth0 netns "$rx" || return 1
	ip -n "$tx" link set veth0 up
	ip -n "$rx" link set veth0 up
	ip -n "$tx" addr add 10.9.0.2/24 dev veth0
	ip -n "$rx" addr add 10.9.0.1/24 dev veth0
	rxmac=$(ip -n "$rx" -br link show veth0 | awk '{ print $3 }')
}

test_netns() {
	local i loops=${ICMPX_LIFE_NETNS:-5} ok=0 t0 p
	t0=$(date +%s)
	ip netns del "$rx"
	for i in $(seq 1 "$loops"); do
		rx_up || break
		flood
		sleep 0.3
		p=$(total ipv4 received)
		# Gone with the flood still running into it.
		ip netns del "$rx" || break
		stop_floods
		[ "$p" -gt 0 ] && ok=$((ok + 1))
	done
	echo "# lifecycle: $loops namespaces flooded and destroyed in $(($(date +%s) - t0)) s"
	expect "netns: $loops namespaces flooded, then destroyed during the flood" "$ok" "$loops"
	topo_pair "$tx" "$rx"
	check "netns: a new namespace answers afterwards" \
		quiet ip netns exec "$tx" ping -q -c 2 -i 0.2 -W 2 10.9.0.1
	expect "netns: and counts exactly" "$(total ipv4 received)" 2
}

test_churn() {
	truth_mark
	flood
	py_results "churn: churn.py" ip netns exec "$rx" /usr/bin/python3 "$here/churn.py" \
		--seconds "${ICMPX_LIFE_CHURN:-5}"
	stop_floods
	sleep 1
	adds_up "churn"
}

test_hotplug() {
	local cpu=/sys/devices/system/cpu/cpu1/online i ok=1 c0 a b c
	local loops=${ICMPX_LIFE_HOTPLUG:-5}
	if [ ! -w $cpu ]; then
		skip "hotplug: CPU 1 offline and back" "no CPU 1 to take offline"
		return
	fi
	truth_mark
	# Counts only CPU 1 holds: a reason and a drop reason are counted per
	# CPU, and a veth receiver runs in its sender's context.
	c0=$(total ipv4 checksum)
	# Echo replies: no limiter refuses them before their checksum is read.
	ip netns exec "$tx" taskset -c 1 /usr/bin/python3 "$here/icmpsend.py" --bad-csum \
		--count 20 --interval 0.01 10.9.0.1 0000000000010001 > /dev/null
	expect "hotplug: 20 bad checksums counted on CPU 1" $(($(total ipv4 checksum) - c0)) 20
	flood
	for i in $(seq 1 "$loops"); do
		echo 0 > $cpu || { ok=0; break; }
		sleep 0.3
		echo 1 > $cpu || { ok=0; break; }
		sleep 0.3
	done
	stop_floods
	[ "$(cat $cpu)" = 1 ] || echo 1 > $cpu
	check "hotplug: CPU 1 offline and back $loops times under a flood" test $ok = 1
	sleep 1
	adds_up "hotplug"
	# Quiet now: every count the same with CPU 1 offline, and back.
	a=$(icmpx_counts "$rx")
	echo 0 > $cpu
	b=$(icmpx_counts "$rx")
	echo 1 > $cpu
	c=$(icmpx_counts "$rx")
	expect "hotplug: every count the same with CPU 1 offline" "$(diff <(echo "$a") <(echo "$b"))" ""
	expect "hotplug: ... and online again" "$(diff <(echo "$a") <(echo "$c"))" ""
}

load_module veth
if ! topo_pair "$tx" "$rx"; then
	fail "lifecycle: namespaces set up"
	exit 1
fi
for phase in ${ICMPX_LIFE_PHASES:-reload netns churn hotplug}; do
	case $phase in
	reload|netns|churn|hotplug) "test_$phase" ;;
	*) fail "lifecycle: phase '$phase'" "unknown (reload, netns, churn, hotplug)" ;;
	esac
done

end_test
