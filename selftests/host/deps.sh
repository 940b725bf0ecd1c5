#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building and testing icmpx needs on Debian 12, and nothing
# when it is all there already.  Run as root (make deps).
set -euo pipefail

pkgs=(
	# building the module, the test kernel and the tools
	gcc make bc bison flex libelf-dev libssl-dev dwarves cpio xz-utils
	zstd kmod ccache sparse perl libmnl-dev pkg-config
	linux-source-6.12 linux-headers-amd64 linux-headers-6.12-amd64
	# the VM and what runs inside it (the guest uses the host's /)
	qemu-system-x86 busybox-static iproute2 iputils-ping procps
	python3 python3-scapy tcpdump nftables jq
	# the benchmark's contenders and its profiles (make bench)
	iptables linux-perf
	# the parser fuzzer
	clang libclang-rt-14-dev
	# the netlink spec check (the kernel's YNL tools); the docs check
	python3-yaml python3-jsonschema python3-docutils
	# icmpxctl's Prometheus output, checked by the Python client's parser
	python3-prometheus-client
	# the packages: building, checking, installing them in a sandbox
	dpkg-dev debhelper dh-dkms dkms lintian systemd
)

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2> /dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages: ${missing[*]}" >&2
	echo "deps: run 'make deps' as root" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists on a fresh machine may be empty or stale.
apt-get update -q > /dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null
