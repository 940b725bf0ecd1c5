# SPDX-License-Identifier: GPL-2.0
#
# The topologies guest tests are built on, one function each, sourced
# with lib.sh.  Their namespaces are made with netns_new, so they go when
# the test exits; their links are veth pairs, up, with addresses set
# without DAD and no router solicitations, so that nothing but what a
# test sends is counted.

# topo_quiet NS...: namespaces that send nothing of their own accord.
topo_quiet() {
	local ns
	for ns; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.default.router_solicitations=0 || return 1
		ip -n "$ns" link set lo up
	done
}

# topo_link A IFA B IFB: a veth pair, IFA in namespace A and IFB in B, up.
topo_link() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" || return 1
	ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

# topo_pair TX RX: a sender and a receiver.  RX routes everything back
# through TX, which drops the answers to forged sources, and has TX's
# address resolved for good.  Sets $txmac and $rxmac.
#
#   TX                              RX
#   +------------------------+      +------------------------+
#   | veth0  10.9.0.2/24     |------| veth0  10.9.0.1/24     |
#   |        fd09::2/64      |      |        fd09::1/64      |
#   +------------------------+      +------------------------+
#                                     default via 10.9.0.2, fd09::2
topo_pair() {
	netns_new "$1" "$2" && topo_quiet "$1" "$2" || return 1
	topo_link "$1" veth0 "$2" veth0 || return 1
	ip -n "$1" addr add 10.9.0.2/24 dev veth0
	ip -n "$1" addr add fd09::2/64 dev veth0 nodad
	ip -n "$2" addr add 10.9.0.1/24 dev veth0
	ip -n "$2" addr add fd09::1/64 dev veth0 nodad
	ip -n "$2" route add default via 10.9.0.2
	ip -n "$2" -6 route add default via fd09::2
	txmac=$(ip -n "$1" -br link show veth0 | awk '{ print $3 }')
	rxmac=$(ip -n "$2" -br link show veth0 | awk '{ print $3 }')
	ip -n "$2" neigh add 10.9.0.2 lladdr "$txmac" dev veth0 nud permanent &&
		ip -n "$2" neigh add fd09::2 lladdr "$txmac" dev veth0 nud permanent
}

# topo_router [--vrf VRF] H1 R H2: two hosts on two links of a router
# that forwards between them; with --vrf, R's two links are enslaved to
# the VRF device VRF (table 10), as on a router that keeps its transit
# routes apart from its own.
#
#   H1                   R                                    H2
#   +----------------+   +--------------------------------+   +----------------+
#   | eth0           |   | eth1               eth2        |   | eth0           |
#   |  10.9.1.2/24   |---|  10.9.1.1/24        10.9.2.1/24 |---|  10.9.2.2/24   |
#   |  fd09:1::2/64  |   |  fd09:1::1/64       fd09:2::1/64|   |  fd09:2::2/64  |
#   +----------------+   |  forwarding on, [VRF: table 10]|   +----------------+
#    default via R       +--------------------------------+    default via R
topo_router() {
	local vrf=
	if [ "$1" = --vrf ]; then
		vrf=$2
		shift 2
	fi
	netns_new "$1" "$2" "$3" && topo_quiet "$1" "$2" "$3" || return 1
	topo_link "$1" eth0 "$2" eth1 && topo_link "$3" eth0 "$2" eth2 || return 1
	if [ -n "$vrf" ]; then
		ip -n "$2" link add "$vrf" type vrf table 10 &&
			ip -n "$2" link set "$vrf" up &&
			ip -n "$2" link set eth1 master "$vrf" &&
			ip -n "$2" link set eth2 master "$vrf" || return 1
	fi
	ip netns exec "$2" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ip -n "$1" addr add 10.9.1.2/24 dev eth0
	ip -n "$1" addr add fd09:1::2/64 dev eth0 nodad
	ip -n "$2" addr add 10.9.1.1/24 dev eth1
	ip -n "$2" addr add fd09:1::1/64 dev eth1 nodad
	ip -n "$2" addr add 10.9.2.1/24 dev eth2
	ip -n "$2" addr add fd09:2::1/64 dev eth2 nodad
	ip -n "$3" addr add 10.9.2.2/24 dev eth0
	ip -n "$3" addr add fd09:2::2/64 dev eth0 nodad
	ip -n "$1" route add default via 10.9.1.1
	ip -n "$1" -6 route add default via fd09:1::1
	ip -n "$3" route add default via 10.9.2.1
	ip -n "$3" -6 route add default via fd09:2::1
}
