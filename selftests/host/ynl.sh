#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The netlink spec and the code agree: the spec passes the kernel's YNL
# schema, the uapi header is what the kernel's generator makes of it, and
# the module's attribute policies, operations and group are the spec's
# (selftests/host/ynl_check.py).  Prints "pass|fail NAME" lines.
#
#   selftests/host/ynl.sh KERNEL_SOURCE
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
src=${1:?kernel source}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ynl-gen-c.py finds the schema and names the spec relative to a kernel
# tree: give it one.
mkdir -p "$tmp/Documentation/netlink/specs"
touch "$tmp/MAINTAINERS"
cp "$top/Documentation/netlink/specs/icmpx.yaml" "$tmp/Documentation/netlink/specs/"
cp "$src/Documentation/netlink/genetlink.yaml" "$tmp/Documentation/netlink/"
if python3 "$src/tools/net/ynl/ynl-gen-c.py" --mode uapi --header \
	--spec "$tmp/Documentation/netlink/specs/icmpx.yaml" -o "$tmp/icmpx.h" \
	> "$tmp/gen.log" 2>&1; then
	echo "pass the spec passes the kernel's genetlink schema"
	if diff -u "$top/include/uapi/linux/icmpx.h" "$tmp/icmpx.h" >&2; then
		echo "pass include/uapi/linux/icmpx.h is generated from the spec"
	else
		echo "fail include/uapi/linux/icmpx.h is generated from the spec (regenerate it)"
	fi
else
	cat "$tmp/gen.log" >&2
	echo "fail the spec passes the kernel's genetlink schema"
fi
python3 "$top/selftests/host/ynl_check.py" "$top/Documentation/netlink/specs/icmpx.yaml" \
	"$top/icmpx/netlink.c" "$top/include/uapi/linux/icmpx.h"
