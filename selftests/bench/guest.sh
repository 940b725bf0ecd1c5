#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark inside the VM (the plan of `make bench`; `make check` runs
# it with ICMPX_BENCH_SMOKE=1 on stock 6.12 to see that it still works).
#
#   btx-P: blast on veth0 ─────── veth0: brx-P (the contender's pair P)
#          10.9.0.2 fd09::2                 10.9.0.1 fd09::1
#          dummy0 (the sender alone)
#
# Each repetition runs the hook path micro-benchmark (icmpx_bench.ko)
# in each contender's receiver, then each traffic scenario with 1 and 2
# sender threads, each pinned to its CPU (a veth delivers in the
# sender's context: threads = CPUs receiving), into each contender: none
# (no filter), icmpx (host preset), nft (host.nft), nft-fallback
# (host.nft, its per-source sets falling back on a global limit when
# full: host-fallback.nft), iptables (host.iptables, host.ip6tables,
# x_tables with xt_hashlimit), and, to compare two builds of icmpx in
# one run, base: the icmpx.ko in the folder ICMPX_BENCH_BASE
# (ICMPX_BENCH_CONTENDERS=base,icmpx).
#
# A contender's time is cut into windows, one in each of
# ICMPX_BENCH_TURNS (5) turns the contenders take, in an order drawn at
# random for each turn from ICMPX_BENCH_SEED (random when unset;
# printed): the machine's speed changes by tens of percent within
# seconds (a host's neighbours), and turns of a fraction of a second
# spread that over every contender alike where a block of seconds each
# would hand it to one of them.  Each ruleset has a pair of namespaces
# of its own, up for the whole scenario; the modules (icmpx, base,
# defrag) are loaded for their window into the pair of none, and
# unloaded after it: a module starts each window with an empty table
# where a ruleset keeps its sets from the turn before (what a flood from
# one source finds there is an entry drained by it, or, past 5 seconds,
# none).  A spoofed flood fills a per-source table: each contender's
# turn of one has fresh namespaces (and module), so that every table
# starts empty, before its warm-up.
#
# Data lines go to the results port for selftests/bench/report.py:
#
#   BENCH seed SEED
#   BENCH order REP SCENARIOS CONTENDER,... TURN  (the order they ran in)
#   BENCH run SCENARIO CPUS CONTENDER REP PPS SENT SECS BACKLOG_DROPS ANSWERS TURN
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
	reps=1 secs=0.4 iters=500 turns=2 warm_count=4096
else
	reps=${ICMPX_BENCH_REPS:-9} secs=${ICMPX_BENCH_SECS:-2}
	iters=${ICMPX_BENCH_ITERS:-50000} turns=${ICMPX_BENCH_TURNS:-5}
	warm_count=49152
fi
if ! [ "$turns" -ge 1 ] 2> /dev/null; then
	fail "bench: ICMPX_BENCH_TURNS=$turns: a whole number, 1 or more"
	exit 1
fi
# A window: each contender's share of a turn, in seconds.
window=$(awk -v s="$secs" -v t="$turns" 'BEGIN { print s / t }')
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

# ICMP and ICMPv6 messages the receiver has sent: its answers (echo
# replies, and the port unreachables of the UDP scenario), what the
# filter let cost.
icmp_out() {
	ip netns exec "$rx" awk '
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

# The pair of namespaces contender $1 is timed in: a ruleset's own, or
# for a module (or no filter at all), none's.
pair_of() {
	case $1 in
	nft|nft-fallback|iptables) echo "$1" ;;
	*) echo none ;;
	esac
}

# use C: what follows runs on contender C's pair ($tx, $rx, $rxmac).
declare -A rxmacs
use() {
	local p
	p=$(pair_of "$1")
	tx=btx-$p rx=brx-$p rxmac=${rxmacs[$p]:-}
}

# pair_up C: C's pair made, with its ruleset; pair_down C: gone.
pair_up() {
	use "$1"
	topo_pair "$tx" "$rx" || return 1
	rxmacs[$(pair_of "$1")]=$rxmac
	ip -n "$tx" link add dummy0 type dummy &&
	ip -n "$tx" link set dummy0 up &&
	ruleset_on "$1"
}

pair_down() {
	use "$1"
	ip netns del "$tx"
	ip netns del "$rx"
}

# The rulesets, loaded in the receiver.
ruleset_on() {
	case $1 in
	nft)	ip netns exec "$rx" nft -f "$here/host.nft" ;;
	nft-fallback)
		ip netns exec "$rx" nft -f "$here/host.nft" &&
		ip netns exec "$rx" nft -f "$here/host-fallback.nft" ;;
	iptables)
		ip netns exec "$rx" iptables-legacy-restore < "$here/host.iptables" &&
		ip netns exec "$rx" ip6tables-legacy-restore < "$here/host.ip6tables" ;;
	*)	true ;;
	esac
}

# For contender zonesN, N zones in its receiver (the default one among them):
# veth0, where the messages arrive, in z1, a dummy interface in each of
# the others; each zone's policy the module parameters'.
zones_on() {
	local n i ctl=$ICMPX_SRC/tools/icmpxctl/icmpxctl
	[[ $1 == zones* ]] || return 0
	n=${1#zones}
	ip netns exec "$rx" "$ctl" zone add z1 veth0 || return 1
	for i in $(seq 2 $((n - 1))); do
		ip -n "$rx" link add "d$i" type dummy &&
		ip netns exec "$rx" "$ctl" zone add "z$i" "d$i" || return 1
	done
	[ "$(ip netns exec "$rx" "$ctl" zone | wc -l)" = "$n" ]
}

# What contender $1 keeps per source after the spoofed flood of family
# $2 (4 or 6).
table_entries() {
	case $1 in
	icmpx|base|defrag)
		ip netns exec "$rx" awk '$1 == "sources" { print $2 }' /proc/net/icmpx ;;
	nft|nft-fallback)
		ip netns exec "$rx" nft -j list set inet icmpx_bench "echo$2" |
			grep -o '"elem"' | wc -l ;;
	iptables)
		ip netns exec "$rx" cat "/proc/net/ip${2#4}t_hashlimit/echo$2" | wc -l ;;
	*)	echo 0 ;;
	esac
}

micro() {
	local c=$1 rep=$2 line
	if ! nsenter --net="/run/netns/$rx" sh -c "echo $iters > $bench"; then
		fail "bench: micro-benchmark ran ($c)"
		return
	fi
	while read -r line; do
		data micro "$c" "$rep" $line
	done < $bench
	[ "$rep" = 1 ] || return 0
	[ "$profiling" = 1 ] &&
		profile "$c micro" nsenter --net="/run/netns/$rx" sh -c "echo $iters > $bench"
	# ICMPX_BENCH_PROFILE_MSGS=echo4,...: one message at a time, ten
	# times the rounds, on the last CPU and sampled there alone, so that
	# the profile is the hook path's and not the idle CPU's.
	for m in ${profile_msgs//,/ }; do
		profile_cpu "$c $m" nsenter --net="/run/netns/$rx" \
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

# A spoofed flood's window meets a full table, as a flood does after its
# first moments: warm SCENARIO sends 49,152 sources (the tables hold
# 32,768; the smoke run, which times nothing, fewer) before the first,
# and each window sends sources of its own (-o), which no table has an
# entry for.  icmpx makes its table at the first message that needs it,
# in a worker, and enters none before: 64 messages and a moment first.
spoof_skip=250000
warm() {
	ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m "$1" -t 1 -c 64 > /dev/null &&
	sleep 0.2 &&
	ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m "$1" -t 1 -c "$warm_count" > /dev/null ||
		fail "bench: $1 warmed up"
}

# run SCENARIO CPUS CONTENDER REP TURN: one window.
run() {
	local d0 d1 a0 a1 out skip=()
	[[ $1 == spoof* ]] && skip=(-o $(($2 * spoof_skip)))
	d0=$(backlog_drops)
	a0=$(icmp_out)
	if ! out=$(ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" -m "$1" -t "$2" \
		   -d "$window" "${skip[@]}"); then
		fail "bench: blast $1 -t $2 into $3"
		return
	fi
	d1=$(backlog_drops)
	a1=$(icmp_out)
	set -- "$@" $out
	# sent=N secs=S pps=R
	data run "$1" "$2" "$3" "$4" "${8#pps=}" "${6#sent=}" "${7#secs=}" \
		$((d1 - d0)) $((a1 - a0)) "$5"
	# A longer window would send the next one's sources, or the warm-up's.
	[ ${#skip[@]} != 0 ] && [ "${6#sent=}" -gt $spoof_skip ] &&
		fail "bench: a window of $1 sent ${6#sent=} sources, more than $spoof_skip apart (ICMPX_BENCH_SECS / ICMPX_BENCH_TURNS too long)"
	[ "$profiling" = 1 ] && [ "$4" = 1 ] && [ "$5" = 1 ] && [ "$2" = 1 ] &&
		profile "$3 $1" ip netns exec "$tx" "$blast" -i veth0 -M "$rxmac" \
			-m "$1" -t 1 -d "$secs" "${skip[@]}"
}

sender() {
	local out
	if ! out=$(ip netns exec "$tx" "$blast" -i dummy0 -M 02:00:00:00:00:01 \
		   -m "$1" -t "$2" -d "$window"); then
		fail "bench: blast $1 -t $2 into dummy0"
		return
	fi
	set -- "$@" $out
	data sender "$1" "$2" "$3" "${6#pps=}"
}

# load C: contender C's module, if it has one, into what is up (a
# module's pernet init makes its state in the namespaces there are, as
# in those made later), and its zones.  unload: the module gone.
# ICMPX_BENCH_PARAMS: module parameters for icmpx and base, separated by
# commas (sources_max=1048576: a spoofed flood's profile all inserts).
load() {
	params=${ICMPX_BENCH_PARAMS:-}
	params=${params//,/ }
	case $1 in
	icmpx|zones*)	mod=$ko ;;
	# icmpx with nf_defrag_ipv6, as ipv6_defrag=1 asks.
	defrag)	mod=$ko params+=" ipv6_defrag=1" ;;
	base)	mod=$ICMPX_BENCH_BASE/icmpx.ko ;;
	*)	mod= ;;
	esac
	use "$1"
	# shellcheck disable=SC2086
	if [ -n "$mod" ] && ! insmod "$mod" ${params:-}; then
		fail "bench: $1 set up"
		mod=
		return 1
	fi
	if ! zones_on "$1"; then
		fail "bench: $1 set up"
		unload
		return 1
	fi
}

unload() {
	[ -n "$mod" ] && rmmod icmpx
	mod=
}

# A contender of each pair, the first in $contenders to use it.
pair_heads() {
	local c seen=" "
	for c in $contenders; do
		[[ $seen == *" $(pair_of "$c") "* ]] && continue
		seen+="$(pair_of "$c") "
		echo "$c"
	done
}

# The pairs of the contenders, each once.
pairs_up() {
	local c
	for c in $(pair_heads); do
		pair_up "$c" || { fail "bench: $c set up"; return 1; }
	done
}

pairs_down() {
	local c
	for c in $(pair_heads); do
		pair_down "$c"
	done
}

# A repetition runs each scenario in turns: in each turn every contender
# has a window on it, in an order drawn anew for each repetition,
# scenario and turn, so that what one leaves behind (a module being
# unloaded, namespaces being freed) falls on no contender more than on
# another; a rotation would not spread it (it changes who goes first,
# not who follows whom).  report.py takes a contender's median window of
# a repetition, and pairs the repetitions' figures.  The spoofed floods
# come last: the table they leave (32,768 sources, freed when the
# namespace goes, in the background) would otherwise weigh on whatever
# ran next, and after each contender's turn of them the run waits for
# that to be over.  The smoke run, which times nothing, runs the scenarios that
# are not spoofed floods in one group: the setups would be most of its
# time.
groups=$scenarios
if [ "$smoke" = 1 ]; then
	groups=
	for s in $scenarios; do
		[[ $s == spoof* ]] || groups+="${groups:+,}$s"
	done
	for s in $scenarios; do
		[[ $s == spoof* ]] && groups+=" $s"
	done
fi
seed=${ICMPX_BENCH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
data seed "$seed"
# order REP GROUP TURN: the contenders in the order drawn for them, the
# same for the same seed (Python's shuffle, seeded with a string, is
# stable across its versions).
order() {
	/usr/bin/python3 -c 'import random, sys
r = random.Random("%s/%s/%s/%s" % tuple(sys.argv[1:5]))
c = sys.argv[5:]
r.shuffle(c)
print(" ".join(c))' "$seed" "$1" "$2" "$3" $contenders
}
echo "# bench: $reps repetitions of $secs s in $turns turns, micro $iters rounds; contenders: $contenders; seed $seed"
# ICMPX_BENCH_BOOT: which boot of the run this is (run.sh's
# ICMPX_BENCH_BOOTS), so that its repetitions are numbered after the
# earlier boots' and draw orders of their own.
rep0=$(((${ICMPX_BENCH_BOOT:-1} - 1) * reps))
for rep in $(seq $((rep0 + 1)) $((rep0 + reps))); do
	echo "# bench: repetition $rep at $(cut -d' ' -f1 /proc/uptime) s"
	# The hook path first, each contender loaded for it alone: what it
	# leaves (the spoofed sources' entries) is gone before any window.
	if pairs_up; then
		for c in $(order "$rep" micro 0); do
			load "$c" && { micro "$c" "$rep"; unload; }
		done
	fi
	pairs_down
	for g in $groups; do
		[ $micro_only = 1 ] && break
		spoofed=0
		[[ ,$g, == *,spoof* ]] && spoofed=1
		[ $spoofed = 0 ] && ! pairs_up && { pairs_down; continue; }
		for turn in $(seq 1 "$turns"); do
			list=$(order "$rep" "$g" "$turn")
			data order "$rep" "$g" "${list// /,}" "$turn"
			for c in $list; do
				if [ $spoofed = 1 ] && ! pair_up "$c"; then
					fail "bench: $c set up"
					pair_down "$c"
					continue
				fi
				if load "$c"; then
					for s in ${g//,/ }; do
						for n in $cpus_list; do
							case $s in spoof) fam=4 ;; spoof6) fam=6 ;; *) fam= ;; esac
							if [ -n "$fam" ] && [ "$n" = 1 ]; then
								kb0=$(slab_kb)
								warm "$s"
							fi
							run "$s" "$n" "$c" "$rep" "$turn"
							if [ -n "$fam" ] && [ "$n" = 1 ]; then
								data table "$s" "$c" "$rep" \
									"$(table_entries "$c" $fam)" \
									$(($(slab_kb) - kb0))
							fi
							[ "$c" = none ] && [ "$turn" = 1 ] &&
								sender "$s" "$n" "$rep"
						done
					done
					unload
				fi
				[ $spoofed = 1 ] && { pair_down "$c"; settle; }
			done
		done
		[ $spoofed = 0 ] && pairs_down
	done
	for z in $zone_counts; do
		c=zones$z
		pair_up "$c" || { fail "bench: $c set up"; pair_down "$c"; continue; }
		load "$c" && { micro "$c" "$rep"; unload; }
		pair_down "$c"
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
			got=$(awk -v s="$s" -v n="$n" -v c="$c" \
				'$2 == "run" && $3 == s && $4 == n && $5 == c && $7 > 0 {
					t[$12] = 1 } END { print length(t) }' "$d")
			expect "bench: $s with $n CPU(s) into $c measured in each turn" \
				"$got" "$turns"
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
	# Each turn's table: the warm-up's sources and those its 1-CPU
	# window sent (-o: none of them the warm-up's), up to the cap.
	got=$(awk -v s=$s -v w="$warm_count" '
		$2 == "run" && $3 == s && $4 == 1 && $5 == "icmpx" { sent = $8 }
		$2 == "table" && $3 == s && $4 == "icmpx" {
			want = w + sent > 32768 ? 32768 : w + sent
			n += $6 >= want } END { print n + 0 }' "$d")
	expect "bench: icmpx's table holds the warm-up's and each window's new sources of $s" \
		"$got" "$turns"
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
