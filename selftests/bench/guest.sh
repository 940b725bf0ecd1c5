#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark inside the VM (the plan of `make bench`; `make check` runs
# it with ICMPX_BENCH_SMOKE=1 on stock 6.12 to see that it still works).
#
#   btx: blast on veth0 ──────── veth0: brx (the contender)
#        10.9.0.2 fd09::2                  10.9.0.1 fd09::1
#        dummy0 (the sender alone)
#
# Each repetition runs the hook path micro-benchmark (icmpx_bench.ko)
# in brx, then each traffic scenario with 1 and 2 sender threads, each
# pinned to its CPU (a veth delivers in the sender's context: threads =
# CPUs receiving), and for each of these the contenders one after the
# other, in an order drawn at random for each repetition and scenario
# from ICMPX_BENCH_SEED (random when unset; printed), each in a fresh
# pair of namespaces: none (no filter), icmpx (host preset), nft
# (host.nft), nft-fallback (host.nft, its per-source sets falling back
# on a global limit when full: host-fallback.nft), iptables
# (host.iptables, host.ip6tables, x_tables with xt_hashlimit), and, to
# compare two builds of icmpx in one run, base: the icmpx.ko in the
# folder ICMPX_BENCH_BASE (ICMPX_BENCH_CONTENDERS=base,icmpx).
# Data lines go to the results port for selftests/bench/report.py:
#
#   BENCH seed SEED
#   BENCH order REP SCENARIOS CONTENDER,...    (the order they ran in)
#   BENCH run SCENARIO CPUS CONTENDER REP PPS SENT SECS BACKLOG_DROPS ANSWERS
#   BENCH sender SCENARIO CPUS REP PPS        (into dummy0: the sender alone)
#   BENCH micro CONTENDER REP NAME FAMILY NS ACCEPTED DROPPED
#   BENCH table SCENARIO CONTENDER REP ENTRIES SLAB_KB (after a spoofed flood)
#   BENCH netns CONTENDER REP N CREATE_MS DESTROY_MS MEMCG_B SLAB_B PERCPU_B
#   BENCH dump ENTRIES TOP DUMP_MS GENL_N GENL_MEDIAN_MS GENL_MAX_MS
#
# Then the cost of a namespace: netns.py makes ICMPX_BENCH_NETNS (1000)
# of them and drops them, from a memory cgroup of its own, without icmpx
# and with it; and a get-sources dump of the heaviest 65536 of a table
# of ICMPX_BENCH_TABLE (2^20) sources, filled through icmpx's hook by
# icmpx_bench.ko, while nlctrl's family list (what genl ctrl list asks:
# another generic netlink family) is timed in a loop beside it.
set -u
. "$ICMPX_SRC/selftests/vm/lib.sh"

here=$ICMPX_SRC/selftests/bench
blast=$ICMPX_SRC/tools/blast/blast
ko=$ICMPX_MODDIR/icmpx.ko
smoke=${ICMPX_BENCH_SMOKE:-0}
if [ "$smoke" = 1 ]; then
	reps=1 secs=0.3 iters=500
else
	reps=${ICMPX_BENCH_REPS:-9} secs=${ICMPX_BENCH_SECS:-2}
	iters=${ICMPX_BENCH_ITERS:-50000}
fi
# Lists, separated by commas (the kernel command line splits at spaces).
contenders=${ICMPX_BENCH_CONTENDERS:-none,icmpx,nft,nft-fallback,iptables}
contenders=${contenders//,/ }
scenarios=${ICMPX_BENCH_SCENARIOS:-udp,echo,echo6,mix,spoof,spoof6}
scenarios=${scenarios//,/ }
# ICMPX_BENCH_SCENARIOS=micro: the hook path micro-benchmark alone, for
# each contender, and nothing of the scale part (a quick look while a
# change is being made).
micro_only=0
[ "$scenarios" = micro ] && micro_only=1
# ICMPX_BENCH_ZONES: how many zones (the default one among them) the
# micro-benchmark also times icmpx with, in each repetition after its
# single zone: the cost of finding the arrival interface's zone.
zone_counts=${ICMPX_BENCH_ZONES-2,64}
zone_counts=${zone_counts//,/ }
[[ " $contenders " == *" icmpx "* ]] || zone_counts=
cpus_list=1
[ "$(nproc)" -ge 2 ] && cpus_list="1 2"
bench=/sys/kernel/debug/icmpx_bench
mod=
# ICMPX_BENCH_PROFILE=1: perf profiles of the micro-benchmark and of each
# scenario on 1 CPU, in the first repetition, on the console.
profiling=${ICMPX_BENCH_PROFILE:-0}
profile_msgs=${ICMPX_BENCH_PROFILE_MSGS:-}

tmp=$(mktemp -d)
data() {
	echo "BENCH $*" >&"$ICMPX_RESULT_FD"
	echo "BENCH $*" | tee -a "$tmp/data"
}

pin_netstamp
for m in veth dummy nf_defrag_ipv6 nf_tables nft_limit x_tables ip_tables \
	 iptable_filter ip6_tables ip6table_filter xt_limit xt_hashlimit; do
	load_module $m 2> /dev/null
done
rmmod icmpx 2> /dev/null
if ! insmod "$ICMPX_MODDIR/icmpx_bench.ko"; then
	fail "bench: insmod icmpx_bench.ko"
	exit 1
fi

# Packets dropped on the way into a CPU's backlog, all CPUs: the sender
# outrunning the receiver would show here.
backlog_drops() {
	local sum=0 d
	while read -r _ d _; do
		sum=$((sum + 16#$d))
	done < /proc/net/softnet_stat
	echo $sum
}

# ICMP and ICMPv6 messages brx has sent: its answers (echo replies, and
# the port unreachables of the UDP scenario), what the filter let cost.
icmp_out() {
	ip netns exec brx awk '
		$1 == "Icmp:" && $2 !~ /^[0-9]+$/ {
			for (i = 2; i <= NF; i++) if ($i == "OutMsgs") col = i }
		$1 == "Icmp:" && $2 ~ /^[0-9]+$/ { n += $col }
		$1 == "Icmp6OutMsgs" { n += $2 }
		END { print n + 0 }' /proc/net/snmp /proc/net/snmp6
}

slab_kb() {
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}

# settle: wait for the kernel's slab to stop shrinking (a destroyed
# namespace's per-source state is freed by a worker, after an RCU grace
# period), a second at least and 10 at most.
settle() {
	local last now
	sleep 0.5
	last=$(slab_kb)
	for _ in $(seq 1 19); do
		sleep 0.5
		now=$(slab_kb)
		[ $((last - now)) -lt 64 ] && break
		last=$now
	done
}

netns_up() {
	topo_pair btx brx
	ip -n btx link add dummy0 type dummy
	ip -n btx link set dummy0 up
}

netns_down() {
	ip netns del btx
	ip netns del brx
}

# The rulesets, loaded in brx.
ruleset_on() {
	case $1 in
	nft)	ip netns exec brx nft -f "$here/host.nft" ;;
	nft-fallback)
		ip netns exec brx nft -f "$here/host.nft" &&
		ip netns exec brx nft -f "$here/host-fallback.nft" ;;
	iptables)
		ip netns exec brx iptables-legacy-restore < "$here/host.iptables" &&
		ip netns exec brx ip6tables-legacy-restore < "$here/host.ip6tables" ;;
	*)	true ;;
	esac
}

# For contender zonesN, N zones in brx (the default one among them):
# veth0, where the messages arrive, in z1, a dummy interface in each of
# the others; each zone's policy the module parameters'.
zones_on() {
	local n i ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
	[[ $1 == zones* ]] || return 0
	n=${1#zones}
	ip netns exec brx "$ctl" zone add z1 veth0 || return 1
	for i in $(seq 2 $((n - 1))); do
		ip -n brx link add "d$i" type dummy &&
		ip netns exec brx "$ctl" zone add "z$i" "d$i" || return 1
	done
	[ "$(ip netns exec brx "$ctl" zone | wc -l)" = "$n" ]
}

# What contender $1 keeps per source after the spoofed flood of family
# $2 (4 or 6).
table_entries() {
	case $1 in
	icmpx|base|defrag)
		ip netns exec brx awk '$1 == "sources" { print $2 }' /proc/net/icmpx ;;
	nft|nft-fallback)
		ip netns exec brx nft -j list set inet icmpx_bench "echo$2" |
			grep -o '"elem"' | wc -l ;;
	iptables)
		ip netns exec brx cat "/proc/net/ip${2#4}t_hashlimit/echo$2" | wc -l ;;
	*)	echo 0 ;;
	esac
}

micro() {
	local c=$1 rep=$2 line
	if ! nsenter --net=/run/netns/brx sh -c "echo $iters > $bench"; then
		fail "bench: micro-benchmark ran ($c)"
		return
	fi
	while read -r line; do
		data micro "$c" "$rep" $line
	done < $bench
	[ "$rep" = 1 ] || return 0
	[ "$profiling" = 1 ] &&
		profile "$c micro" nsenter --net=/run/netns/brx sh -c "echo $iters > $bench"
	# ICMPX_BENCH_PROFILE_MSGS=echo4,...: one message at a time, ten
	# times the rounds, on the last CPU and sampled there alone, so that
	# the profile is the hook path's and not the idle CPU's.
	for m in ${profile_msgs//,/ }; do
		profile_cpu "$c $m" nsenter --net=/run/netns/brx \
			sh -c "echo $((iters * 10)) $m > $bench"
	done
}

# profile WHAT COMMAND...: where the time of COMMAND goes, sampled by
# perf on all CPUs (the guest has no PMU: cpu-clock), to the console.
profile() {
	local what=$1
	shift
	perf record -q -e cpu-clock -a -o "$tmp/perf.data" -- "$@" > /dev/null &&
	perf report -q -i "$tmp/perf.data" --stdio --sort sym \
		--percent-limit 0.7 2> /dev/null | sed "s/^/# profile $what: /"
}

# profile_cpu WHAT COMMAND...: the same for COMMAND run on the last CPU
# and sampled there only.
profile_cpu() {
	local what=$1 cpu=$(($(nproc) - 1))
	shift
	perf record -q -e cpu-clock -C "$cpu" -o "$tmp/perf.data" -- \
		taskset -c "$cpu" "$@" > /dev/null &&
	perf report -q -i "$tmp/perf.data" --stdio --sort sym \
		--percent-limit 1 2> /dev/null | sed "s/^/# profile $what: /"
}

# run SCENARIO CPUS CONTENDER REP
run() {
	local d0 d1 a0 a1 out
	d0=$(backlog_drops)
	a0=$(icmp_out)
	if ! out=$(ip netns exec btx "$blast" -i veth0 -M "$rxmac" -m "$1" -t "$2" -d "$secs"); then
		fail "bench: blast $1 -t $2 into $3"
		return
	fi
	d1=$(backlog_drops)
	a1=$(icmp_out)
	set -- "$@" $out
	# sent=N secs=S pps=R
	data run "$1" "$2" "$3" "$4" "${7#pps=}" "${5#sent=}" "${6#secs=}" \
		$((d1 - d0)) $((a1 - a0))
	[ "$profiling" = 1 ] && [ "$4" = 1 ] && [ "$2" = 1 ] && profile "$3 $1" \
		ip netns exec btx "$blast" -i veth0 -M "$rxmac" -m "$1" -t 1 -d "$secs"
}

sender() {
	local out
	if ! out=$(ip netns exec btx "$blast" -i dummy0 -M 02:00:00:00:00:01 \
		   -m "$1" -t "$2" -d "$secs"); then
		fail "bench: blast $1 -t $2 into dummy0"
		return
	fi
	set -- "$@" $out
	data sender "$1" "$2" "$3" "${6#pps=}"
}

# up C: contender C in a fresh pair of namespaces: icmpx is loaded
# before brx exists, the rulesets into it.  down C: all of it gone.
# ICMPX_BENCH_PARAMS: module parameters for icmpx and base, separated by
# commas (sources_max=1048576: a spoofed flood's profile all inserts).
up() {
	params=${ICMPX_BENCH_PARAMS:-}
	params=${params//,/ }
	case $1 in
	icmpx|zones*)	mod=$ko ;;
	# icmpx with nf_defrag_ipv6, as ipv6_defrag=1 asks.
	defrag)	mod=$ko params+=" ipv6_defrag=1" ;;
	base)	mod=$ICMPX_BENCH_BASE/icmpx.ko ;;
	*)	mod= ;;
	esac
	# shellcheck disable=SC2086
	if [ -n "$mod" ] && ! insmod "$mod" ${params:-}; then
		fail "bench: $1 set up"
		return 1
	fi
	netns_up
	if ! ruleset_on "$1" || ! zones_on "$1"; then
		fail "bench: $1 set up"
		down
		return 1
	fi
}

down() {
	netns_down
	[ -n "$mod" ] && rmmod icmpx
	mod=
}

# A repetition runs the contenders one after the other on each scenario,
# each in namespaces of its own, so that the ratios between neighbours
# carry little of the machine's drift (report.py pairs them).  Their
# order is drawn anew for each repetition and scenario: the one before
# leaves its namespaces to be freed in the background, a cost that no
# contender should always be the one to meet, and that a rotation would
# not spread (it changes who goes first, not who follows whom).  The
# spoofed floods come last: the table they leave (32,768 sources, freed
# when the namespace goes, in the background) would otherwise weigh on
# whatever ran next, and after them the run waits for that to be over.
# The smoke run, which times nothing, runs all scenarios in one pair of
# namespaces per contender: the setups would be most of its time.
groups=$scenarios
[ "$smoke" = 1 ] && groups=${scenarios// /,}
seed=${ICMPX_BENCH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
data seed "$seed"
# order REP GROUP: the contenders in the order drawn for them, the same
# for the same seed (Python's shuffle, seeded with a string, is stable
# across its versions).
order() {
	/usr/bin/python3 -c 'import random, sys
r = random.Random("%s/%s/%s" % tuple(sys.argv[1:4]))
c = sys.argv[4:]
r.shuffle(c)
print(" ".join(c))' "$seed" "$1" "$2" $contenders
}
echo "# bench: $reps repetitions of $secs s, micro $iters rounds; contenders: $contenders; seed $seed"
# ICMPX_BENCH_BOOT: which boot of the run this is (run.sh's
# ICMPX_BENCH_BOOTS), so that its repetitions are numbered after the
# earlier boots' and draw orders of their own.
rep0=$(((${ICMPX_BENCH_BOOT:-1} - 1) * reps))
for rep in $(seq $((rep0 + 1)) $((rep0 + reps))); do
	echo "# bench: repetition $rep at $(cut -d' ' -f1 /proc/uptime) s"
	first=1
	for g in $groups; do
		list=$(order "$rep" "$g")
		data order "$rep" "$g" "${list// /,}"
		for c in $list; do
			up "$c" || continue
			[ $first = 1 ] && micro "$c" "$rep"
			[ $micro_only = 1 ] && { down; continue; }
			for s in ${g//,/ }; do
				for n in $cpus_list; do
					case $s in spoof) fam=4 ;; spoof6) fam=6 ;; *) fam= ;; esac
					[ -n "$fam" ] && [ "$n" = 1 ] && kb0=$(slab_kb)
					run "$s" "$n" "$c" "$rep"
					if [ -n "$fam" ] && [ "$n" = 1 ]; then
						data table "$s" "$c" "$rep" "$(table_entries "$c" $fam)" \
							$(($(slab_kb) - kb0))
					fi
					[ "$c" = none ] && sender "$s" "$n" "$rep"
				done
			done
			down
			[[ ,$g, == *,spoof* ]] && settle
		done
		first=0
	done
	for z in $zone_counts; do
		up "zones$z" || continue
		micro "zones$z" "$rep"
		down
	done
done
# ---- scale ----------------------------------------------------------------

# The scale figures are the first boot's: they do not depend on where
# the modules landed.
if [ $micro_only = 1 ] || [ "$rep0" != 0 ]; then
	rmmod icmpx_bench
	exit 0
fi

netns_n=${ICMPX_BENCH_NETNS:-1000}
table_n=${ICMPX_BENCH_TABLE:-1048576}
warm=100
if [ "$smoke" = 1 ]; then
	netns_n=20 table_n=16384 warm=20
fi
cg=/sys/fs/cgroup
mountpoint -q $cg || mount -t cgroup2 none $cg
echo +memory > $cg/cgroup.subtree_control
echo "# bench: $netns_n namespaces made and dropped, at $(cut -d' ' -f1 /proc/uptime) s"
# A first round of $warm, not counted: what the kernel allocates once,
# on the first namespaces a cgroup makes, stays charged to it.  The smoke
# run makes fewer: under TCG a namespace is made and freed in some 0.6 s.
mkdir $cg/icmpx-bench
python3 "$here/netns.py" $warm $cg/icmpx-bench > /dev/null
for _ in $(seq 100); do
	rmdir $cg/icmpx-bench 2> /dev/null && break
	sleep 0.1
done
for rep in $(seq 1 "$reps"); do
	for c in none icmpx; do
		[ "$c" = icmpx ] && insmod "$ko"
		mkdir $cg/icmpx-bench
		if out=$(python3 "$here/netns.py" "$netns_n" $cg/icmpx-bench); then
			data netns "$c" "$rep" $out
		else
			fail "bench: $netns_n namespaces made and dropped ($c)"
		fi
		# The cgroup goes once its last namespace has.
		for _ in $(seq 100); do
			rmdir $cg/icmpx-bench 2> /dev/null && break
			sleep 0.1
		done
		[ "$c" = icmpx ] && rmmod icmpx
	done
done

echo "# bench: a dump of $table_n sources, at $(cut -d' ' -f1 /proc/uptime) s"
insmod "$ko" sources_max="$table_n"
ip netns add bdump
ip -n bdump link add dummy0 type dummy
ip -n bdump link set dummy0 up
ip netns exec bdump "$ICMPX_SRC/tools/icmpxctl/icmpxctl" rule add -4 echo-request \
	limit 1000/s burst 10 per-source /32
nsenter --net=/run/netns/bdump sh -c "echo $table_n spoof4 > $bench"
entries=$(ip netns exec bdump awk '$1 == "sources" { print $2 }' /proc/net/icmpx)
# nlctrl's family list (what genl ctrl list asks) and the initial
# namespace's icmpx get-config, timed from one process.
touch "$tmp/looping"
/usr/bin/python3 "$ICMPX_SRC/selftests/guest/genl_timer.py" "$tmp/looping" "$tmp/t" &
looper=$!
sleep 0.5
t0=$(date +%s%N)
ip netns exec bdump "$ICMPX_SRC/tools/icmpxctl/icmpxctl" sources --top 65536 > /dev/null
t1=$(date +%s%N)
rm -f "$tmp/looping"
wait "$looper"
data dump "$entries" 65536 $(((t1 - t0) / 1000000)) "$(wc -l < "$tmp/t.genl")" \
	"$(sort -n "$tmp/t.genl" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 0 }')" \
	"$(sort -n "$tmp/t.genl" | tail -1 | cut -d' ' -f1)"
ip netns del bdump
rmmod icmpx
rmmod icmpx_bench

[ "$smoke" = 1 ] || exit 0
echo "# bench: smoke checks at $(cut -d' ' -f1 /proc/uptime) s"
# The smoke run (make check): not how fast, but that every figure is
# there and that each contender really was in the path it was timed on.
d=$tmp/data
for c in $contenders; do
	for s in $scenarios; do
		for n in $cpus_list; do
			pps=$(awk -v s="$s" -v n="$n" -v c="$c" \
				'$2 == "run" && $3 == s && $4 == n && $5 == c { print $7 }' "$d")
			check "bench: $s with $n CPU(s) into $c measured (${pps:-no} pps)" \
				awk -v p="${pps:-0}" 'BEGIN { exit !(p > 0) }'
		done
	done
	got=$(awk -v c="$c" -v i="$iters" '$2 == "micro" && $3 == c &&
		$8 + $9 == i { n++ } END { print n + 0 }' "$d")
	expect "bench: micro-benchmark of $c: every message, every round" "$got" 18
	for z in $([ "$c" = icmpx ] && echo "$zone_counts"); do
		got=$(awk -v c="zones$z" -v i="$iters" '$2 == "micro" && $3 == c &&
			$8 + $9 == i { n++ } END { print n + 0 }' "$d")
		expect "bench: micro-benchmark of icmpx with $z zones: every message, every round" \
			"$got" 18
	done
	# A source quench meets every filter but none.
	quench=$(awk -v c="$c" '$2 == "micro" && $3 == c && $5 == "quench4" {
		print $8 == 0 ? "dropped" : "accepted" }' "$d")
	want=dropped
	[ "$c" = none ] && want=accepted
	expect "bench: micro-benchmark of $c: source quench $want" "$quench" $want
done
for s in spoof spoof6; do
	[[ " $scenarios " == *" $s "* ]] || continue
	entries=$(awk -v s=$s '$2 == "table" && $3 == s && $4 == "icmpx" { print $6 }' "$d")
	check "bench: icmpx's table holds the sources of $s (${entries:-none})" \
		test "${entries:-0}" -gt 0
done
# Every scenario's messages are ones the stack answers: with no filter,
# the receiver answered some of each (a frame built wrong, a bad
# checksum, would be answered by nothing).
for s in $scenarios; do
	[ "$s" = mix ] && continue
	answers=$(awk -v s=$s '$2 == "run" && $3 == s && $5 == "none" { n += $11 }
		END { print n + 0 }' "$d")
	check "bench: $s answered by the receiver without a filter ($answers)" \
		test "$answers" -gt 0
done
# A namespace's cost, against the memory cgroup's own count: icmpx's
# share at most 64 KiB with 2 CPUs (Documentation/performance.rst).
cost=$(awk '$2 == "netns" { m[$3] = $8 / $5 } END { if ("none" in m && "icmpx" in m) printf "%d", (m["icmpx"] - m["none"]) / 1024 }' "$d")
check "bench: a namespace's icmpx costs its cgroup at most 64 KiB (${cost:-no figure} KiB)" \
	test -n "$cost" -a "${cost:-99999}" -le 64
dumped=$(awk '$2 == "dump" { print $3 }' "$d")
check "bench: a dump of a table of ${dumped:-no} sources timed beside genl" \
	test "${dumped:-0}" -gt 0
sent=$(awk '$2 == "sender" { n++ } END { print n + 0 }' "$d")
expect "bench: the sender measured alone for every scenario" "$sent" \
	$(($(echo $scenarios | wc -w) * $(echo $cpus_list | wc -w)))
