#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutation tests.  Parser: each length check listed below is disabled in
# turn (its condition replaced by 0) in a copy of parse.c, and the corpus
# must then fail, by a wrong verdict or by an ASan overread.  Policy: each
# rule of policy.c is removed in turn, and the policy cases must fail.  A
# mutant that survives names a check or a rule no test would miss.
#
#   tools/fuzz/mutate.sh
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../../icmpx/parse.c
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each line: a fixed string of parse.c, " => ", and what replaces it.
mutants=(
	'if (avail < min_t(u32, ICMPX_HDR_LEN, ti->min_len ?: ICMPX_HDR_LEN)) => if (0)'
	'min_t(u32, ICMPX_HDR_LEN, ti->min_len ?: ICMPX_HDR_LEN) => ICMPX_HDR_LEN'
	'if (avail < ti->min_len) => if (0)'
	'if (off + 20 > end) => if (0)'
	'if (off + need > end) => if (0)'
	'if (off + 40 > end) => if (0)'
	'if (off + 40 + min_t(u32, plen, 8) > end) => if (0)'
	'if (p + 4 > len) => if (0)'
	'if (olen < 4 || olen > len - p) => if (0)'
	'if (orig < 128 || => if (0 ||'
	'8 + orig + 4 > pkt->len) { => 0) {'
	'msg->notes |= ICMPX_N_EXT_INVALID;\n\t\treturn; => return;'
	'1|msg->notes |= ICMPX_N_MTU; => ;'
	'2|msg->notes |= ICMPX_N_MTU; => ;'
	'if (pkt->len < need) => if (0)'
	'if (pkt->len < 28) => if (0)'
	'if (pkt->avail >= 28 && pkt->len < 28 + get16(d + 26) * 16) => if (0)'
	'if (p + 20 > pkt->len) => if (0)'
	'if (p > pkt->len) => if (0)'
	'if (!olen || p + olen > len) => if (0)'
	'if (p < len && p + 2 > len) => if (0)'
	'FIX("timestamp-request", 20, 0) => FIX("timestamp-request", 8, 0)'
	'FIX("address-mask-request", 12, DEPR) => FIX("address-mask-request", 8, DEPR)'
	'NDP("nd-neighbor-solicit", 24, 24) => NDP("nd-neighbor-solicit", 8, 24)'
	'NDP("nd-router-advert", 16, 16) => NDP("nd-router-advert", 8, 16)'
	'NDP("nd-redirect", 40, 40) => NDP("nd-redirect", 8, 40)'
	'T("mld-listener-report", 24, ICMPX_F_MLD) => T("mld-listener-report", 8, ICMPX_F_MLD)'
	'T("router-renumbering", 16, 0) => T("router-renumbering", 8, 0)'
	'NDP("cert-path-advert", 12, 12) => NDP("cert-path-advert", 8, 12)'
	'NDP("cert-path-advert", 12, 12) => NDP("cert-path-advert", 12, 8)'
	'T("mrd-solicit", 4, 0) => T("mrd-solicit", 8, 0)'
)

# Each line: a fixed string of policy.c, " => ", what replaces it; an
# optional "N|" in front picks its Nth occurrence.  Each removes one rule
# (or one part of one), so a surviving mutant names a rule without a case.
policy_mutants=(
	'if (parsed != ICMPX_OK) => if (0)'
	'if (pol->source_quench == ICMPX_ACTION_DROP) => if (0)'
	'goto validate; => return ICMPX_DROP_NONE;'
	'return ICMPX_DROP_REDIRECT; => return ICMPX_DROP_NONE;'
	'1|return ICMPX_DROP_ERROR_SOURCE; => return ICMPX_DROP_NONE;'
	'if (not_unicast4(gw)) => if (0)'
	'return a[0] == 0 || => return 0 ||'
	'a[0] == 127 || => 0 ||'
	'(a[0] & 0xf0) == 0xe0 || => 0 ||'
	'!memcmp(a, bcast, 4); => 0;'
	'1|return ICMPX_DROP_REDIRECT_ROUTE; => return ICMPX_DROP_NONE;'
	'2|return ICMPX_DROP_REDIRECT_ROUTE; => return ICMPX_DROP_NONE;'
	'!rt.gateway || memcmp(rt.gw, pkt->saddr, 4) => memcmp(rt.gw, pkt->saddr, 4)'
	'!rt.gateway || memcmp(rt.gw, pkt->saddr, 4) => !rt.gateway'
	'!rt.gateway || memcmp(rt.gw, pkt->saddr, 16) => memcmp(rt.gw, pkt->saddr, 16)'
	'!rt.gateway || memcmp(rt.gw, pkt->saddr, 16) => !rt.gateway'
	'1|return ICMPX_DROP_REDIRECT_OFFLINK; => return ICMPX_DROP_NONE;'
	'if (rt.type != ICMPX_RT_UNICAST) => if (0)'
	'if (rt.gateway || !rt.arrival) => if (rt.gateway)'
	'if (rt.gateway || !rt.arrival) => if (!rt.arrival)'
	'if (env->ops->local(env, ICMPX_FAMILY_IPV6, msg->target)) => if (0)'
	'return ICMPX_DROP_ROUTER_ADV; => return ICMPX_DROP_NONE;'
	'return ICMPX_DROP_ROUTER_UNLISTED; => return ICMPX_DROP_NONE;'
	'if (memcmp(r->addr, pkt->saddr, len)) => if (0)'
	'if (!r->link[0] || => if (1 ||'
	'if ((rule->flags & ICMPX_RULE_UNLESS_TRUSTED) &&\n\t\t    icmpx_trusted(pol, msg->family, pkt->saddr)) { => if (rule->flags & ICMPX_RULE_UNLESS_TRUSTED) {'
	'pkt->family == ICMPX_FAMILY_IPV6 ? 16 : 4 => 4'
	'if (rule->action == ICMPX_ACTION_DROP) => if (0)'
	'if (forced || !icmpx_guarded(msg, ICMPX_ACTION_DROP)) => if (1)'
	'if (forced || !icmpx_guarded(msg, ICMPX_ACTION_DROP)) => if (!icmpx_guarded(msg, ICMPX_ACTION_DROP))'
	'if (!(rule->flags & ICMPX_RULE_FORCE) &&\n\t    guarded(family, type, code, ICMPX_ACTION_LIMIT)) { => if (0) {'
	'if (!(rule->flags & ICMPX_RULE_FORCE) &&\n\t    guarded(family, type, code, ICMPX_ACTION_LIMIT)) { => if (guarded(family, type, code, ICMPX_ACTION_LIMIT)) {'
	'return g && (g->actions & BIT(action)); => return 0;'
	'(g[i].code == ANY || g[i].code == code) => (1)'
	'PMTUD(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED), => PMTUD(ICMP_DEST_UNREACH, 99),'
	't, c, G_DROP | G_LIMIT, ICMPX_REFUSE_PMTUD => t, c, G_DROP, ICMPX_REFUSE_PMTUD'
	'KEPT(ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT), => KEPT(ICMPV6_TIME_EXCEED, 99),'
	'KEPT(ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR), => KEPT(ICMPV6_PARAMPROB, 99),'
	'KEPT(ICMPV6_PARAMPROB, ICMPV6_UNK_OPTION), => KEPT(ICMPV6_PARAMPROB, 99),'
	'KEPT(ICMPV6_ECHO_REQUEST, ANY), => '
	'KEPT(ICMPV6_ECHO_REPLY, ANY), => '
	'LINK(NDISC_ROUTER_SOLICITATION), => '
	'LINK(NDISC_NEIGHBOUR_SOLICITATION), => '
	'LINK(ICMPV6_MLD2_REPORT), => '
	'LINK(ICMPX_CERT_PATH_ADVERT), => '
	'LINK(ICMPX_MRD_SOLICIT), => '
	't, ANY, G_DROP | G_LIMIT, ICMPX_REFUSE_RFC4890 => t, ANY, G_DROP, ICMPX_REFUSE_RFC4890'
	'for (i = 0; i < ARRAY_SIZE(guards6); i++) => for (i = 0; i < 0; i++)'
	'if (icmpx_own_setting(f, type))\n\t\treturn ICMPX_REFUSE_SETTING; => '
	'if (def->flags & ICMPX_RULE_FORCE)\n\t\treturn ICMPX_REFUSE_NONE; => '
	'if (g && (g->actions & BIT(def->action))) => if (g)'
	'return type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT || => return '
	'return type == NDISC_ROUTER_ADVERTISEMENT || type == NDISC_REDIRECT; => return type == NDISC_REDIRECT;'
	'if (icmpx_rule_refusal(f, type, code, def))\n\t\treturn -EINVAL; => '
	'if (!icmpx_own_setting(ICMPX_FAMILY_IPV4, t))\n\t\t\t\t => '
	'if (!(rule->flags & ICMPX_RULE_CODES)) => if (1)'
	'if (c->type == type && c->code == code) { => if (c->type == type) {'
	'*code_rule = c->slot + 1; => *code_rule = 0;'
	'd->code_rule = code_rule; => ;'
	'if (!pol->validate_errors || !(msg->flags & ICMPX_F_ERROR) || pkt->loopback) => if (1)'
	'if (!pol->validate_errors || !(msg->flags & ICMPX_F_ERROR) || pkt->loopback) => if (!pol->validate_errors || !(msg->flags & ICMPX_F_ERROR))'
	'if (icmpx_pmtud(msg) && !(rule->flags & ICMPX_RULE_FORCE)) { => if (0) {'
	'if (icmpx_pmtud(msg) && !(rule->flags & ICMPX_RULE_FORCE)) { => if (icmpx_pmtud(msg)) {'
	'return msg->type == ICMP_DEST_UNREACH && msg->code == ICMP_FRAG_NEEDED; => return 0;'
	'return msg->type == ICMPV6_PKT_TOOBIG; => return 0;'
	'if (never_sent(in)) => if (0)'
	'3|return ICMPX_DROP_ERROR_SOURCE; => return ICMPX_DROP_NONE;'
	'return in->family == ICMPX_FAMILY_IPV4 && error_type(ICMPX_FAMILY_IPV4, in->type); => return 0;'
	'return in->family == ICMPX_FAMILY_IPV6 && error_type(ICMPX_FAMILY_IPV6, in->type); => return 0;'
	'return multicast_or_broadcast(in) || => return 0 ||'
	'(in->ports && (!in->sport || !in->dport)) => 0'
	'!in->sport || => 0 ||'
	'return in->ports && !in->dport; => return 0;'
	'return (in->daddr[0] & 0xf0) == 0xe0 || => return 0 ||'
	'type == ICMP_TIME_EXCEEDED || => '
	'return type <= ICMPV6_ERRMSG_MAX; => return 0;'
	'pol->source_quench = ICMPX_ACTION_DROP; => pol->source_quench = ICMPX_ACTION_ACCEPT;'
	'pol->validate_errors = true; => pol->validate_errors = false;'
	'pol->validate_errors = false; => pol->validate_errors = true;'
	'pol->redirect = ICMPX_REDIRECT_VALIDATE; => pol->redirect = ICMPX_REDIRECT_ACCEPT;'
	'pol->router_adv = ICMPX_ROUTER_ADV_DROP; => pol->router_adv = ICMPX_ROUTER_ADV_ACCEPT;'
	'pol->router_adv = ICMPX_ROUTER_ADV_ALLOW; => pol->router_adv = ICMPX_ROUTER_ADV_ACCEPT;'
	'6, 13, 15, => 6, 15,'
	'ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_ECHO, => ICMP_DEST_UNREACH, ICMP_ECHO,'
	'pol->type[ICMPX_FAMILY_IPV4][t].action = ICMPX_ACTION_DROP; => ;'
	'pol->type[ICMPX_FAMILY_IPV6][t].action = ICMPX_ACTION_DROP; => ;'
	'h:return drop != ICMPX_DROP_NONE && pol->mode == ICMPX_MODE_ENFORCE; => return drop != ICMPX_DROP_NONE;'
	'} else if (rule->action == ICMPX_ACTION_LIMIT) { => } else if (0) {'
	'if (rule->limit >= pol->nlimiters || loopback)\n\t\treturn; => if (loopback)\n\t\treturn;'
	'if (rule->limit >= pol->nlimiters || loopback)\n\t\treturn; => if (rule->limit >= pol->nlimiters)\n\t\treturn;'
	'd->limiter = 0;\n\tif (icmpx_pmtud => if (icmpx_pmtud'
	'limit_types(pol, ICMPX_FAMILY_IPV4, echo4, 1, ICMPX_LIMITER_ECHO); => ;'
	'limit_types(pol, ICMPX_FAMILY_IPV6, echo6, 1, ICMPX_LIMITER_ECHO); => ;'
	'static const u8 errors4[] = {\n\tICMP_DEST_UNREACH, => static const u8 errors4[] = {\n\t'
	'static const u8 errors6[] = {\n\tICMPV6_DEST_UNREACH, => static const u8 errors6[] = {\n\t'
	'per_source(&pol->limiters[ICMPX_LIMITER_ERRORS], ERROR_RATE, ERROR_BURST); => per_source(&pol->limiters[ICMPX_LIMITER_ERRORS], ERROR_RATE, ERROR_BURST);\n\tpol->limiters[ICMPX_LIMITER_ERRORS].scope = ICMPX_SCOPE_GLOBAL;'
)

cflags=(-g -O1 -I"$here/include" -I"$here/../../include/uapi" -Wno-gnu-conditional-omitted-operand
	-fsanitize=address,undefined -fno-sanitize-recover=all)
cpus=$(nproc)
: > "$work/report"

# mutate SRC OUT LINE: write SRC with one mutant applied to OUT.
mutate() {
	python3 - "$1" "$3" "$2" <<'PY'
import re
import sys
src, m, out = sys.argv[1:]
m = m.replace("\\n", "\n").replace("\\t", "\t")
nth = 1
if re.match(r"\d+\|", m):
    n, m = m.split("|", 1)
    nth = int(n)
old, new = m.split(" => ", 1)
s = open(src).read()
i = -1
for _ in range(nth):
    i = s.find(old, i + 1)
    if i < 0:
        sys.exit(1)
open(out, "w").write(s[:i] + new + s[i + len(old):])
PY
}

# one DIR NAME SRC CHECKER OBJ MUTANT: one mutant of SRC, built with
# CHECKER in DIR, a folder of its own; its line of the report on stdout.
one() {
	local d=$1 name=$2 src=$3 checker=$4 obj=$5 m=$6 inc=$work out
	out=$d/$obj
	mkdir -p "$d"
	# "h:" marks a mutant of SRC's header (an inline function): the
	# checker and SRC built from a copy of the work folder that has it.
	if [[ $m == h:* ]]; then
		m=${m#h:} inc=$d name=${obj%.c}.h
		cp "$work"/*.h "$d/" && cp -r "$work/tests" "$d/" && cp "$src" "$d/$obj"
		checker=$d/tests/${checker##*/}
		src=${src%.c}.h out=$d/$name
	fi
	if ! mutate "$src" "$out" "$m"; then
		echo "mutate: '${m%% => *}' is not in $name" >&2
		echo "SURVIVED  $name: ${m%% => *} (not found)"
		return
	fi
	# The mutant's own folder first: its headers are the work folder's.
	if ! clang "${cflags[@]}" -I"$inc" -o "$d/check" "$checker" \
		"$d/$obj" "${extra[@]}" 2> "$d/cc.log"; then
		cat "$d/cc.log" >&2
		echo "SURVIVED  $name: ${m%% => *} (does not build)"
		return
	fi
	# A mutant that loops forever is caught too: by the timeout.
	if timeout 20 "$d/check" -q > /dev/null 2>&1; then
		echo "SURVIVED  $name: ${m%% => *}"
	else
		echo "killed    $name: ${m%% => *}"
	fi
}
# run NAME SRC CHECKER OBJ MUTANTS...: each mutant of SRC, compiled with
# CHECKER into a program that must fail, as many at once as there are
# CPUs; the report in the mutants' order.  $cflags and $extra apply.
run() {
	local name=$1 src=$2 checker=$3 obj=$4 i=0 j m
	shift 4
	for m in "$@"; do
		i=$((i + 1))
		while [ "$(jobs -rp | wc -l)" -ge "$cpus" ]; do
			wait -n
		done
		one "$work/$name.$i" "$name" "$src" "$checker" "$obj" "$m" \
			> "$work/$name.$i.out" &
	done
	wait
	for ((j = 1; j <= i; j++)); do
		cat "$work/$name.$j.out"
	done >> "$work/report"
}
mkdir -p "$work/tests"
cp "$here/../../icmpx/parse.h" "$here/../../icmpx/policy.h" "$here/../../icmpx/counters.h" "$work/"
cp "$here/../../icmpx/tests/corpus.h" "$here/../../icmpx/tests/policy_cases.h" "$work/tests/"
sed 's|\.\./\.\./icmpx/|../|' "$here/corpus_check.c" > "$work/tests/check.c"
sed 's|\.\./\.\./icmpx/|../|' "$here/policy_check.c" > "$work/tests/policy_check.c"

extra=()
run parse.c "$src" "$work/tests/check.c" parse.c "${mutants[@]}"
# The policy reads no buffer a mutant could overrun: no sanitizers, and
# each build takes a fraction of the time.
cflags=(-O0 -I"$here/include" -I"$here/../../include/uapi" -Wno-gnu-conditional-omitted-operand)
cp "$here/../../icmpx/limit.h" "$work/"
extra=("$here/../../icmpx/limit.c")
run policy.c "$here/../../icmpx/policy.c" "$work/tests/policy_check.c" policy.c \
	"${policy_mutants[@]}"
cat "$work/report"
killed=$(grep -c '^killed' "$work/report")
survived=$(grep -c '^SURVIVED' "$work/report")
echo "$killed passed, $survived failed"
[ "$survived" = 0 ]
