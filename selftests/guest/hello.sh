#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A ping counted once by the receiver, as its kernel counts it.
#
# Needs icmpx loaded.  Exit status as kselftest.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib.sh
. "$here/../vm/lib.sh"

load_module veth
topo_pair icmpx-htx icmpx-hrx || { fail "hello: topology"; exit 1; }
check "hello: ping answered" \
	quiet ip netns exec icmpx-htx ping -c 1 -W 2 10.9.0.1
expect "hello: counted once, as the kernel did" \
	"$(icmpx_count icmpx-hrx ipv4 8/received)" \
	"$(snmp icmpx-hrx InEchos)"
end_test
