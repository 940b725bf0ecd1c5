#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generic netlink family under malformed and random requests
# (selftests/guest/nlfuzz.py) in a namespace of its own: every bad request
# refused with an extack message and the policy unchanged, abandoned
# dumps, then the initial namespace's policy untouched by it all.  The
# kernel log checks of the plan (KASAN, kmemleak, lockdep) follow.
# ICMPX_NLFUZZ_COUNT requests (1000; make soak sends more), the seed in
# ICMPX_NLFUZZ_SEED to replay a run.
#
#   initial namespace                icmpx-nlfuzz (no links)
#   +------------------------+      +------------------------+
#   | its policy, saved      |      | nlfuzz.py: requests to |
#   | before and compared    |      | the icmpx family       |
#   | after                  |      |                        |
#   +------------------------+      +------------------------+
#
# Needs icmpx loaded.  Exit status as kselftest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

ctl=$here/../../tools/icmpxctl/icmpxctl
ns=icmpx-nlfuzz

needs icmpx "$ctl"

before=$("$ctl" save)
netns_new "$ns"
t0=$(date +%s)
py_results "netlink fuzz: nlfuzz.py" ip netns exec "$ns" /usr/bin/python3 "$here/nlfuzz.py" \
	--count "${ICMPX_NLFUZZ_COUNT:-1000}" --dumps "${ICMPX_NLFUZZ_DUMPS:-200}" \
	${ICMPX_NLFUZZ_SEED:+--seed "$ICMPX_NLFUZZ_SEED"}
echo "# nlfuzz: $(($(date +%s) - t0)) s"
ip netns del "$ns"
expect "netlink fuzz: the initial namespace's policy untouched" "$("$ctl" save)" "$before"

end_test
