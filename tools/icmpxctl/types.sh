#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The ICMP and ICMPv6 type names of icmpx/parse.c, the module's own
# tables, as C arrays for icmpxctl: one list of names, not two.
#
#   types.sh ../../icmpx/parse.c > types.h
set -e
awk '
/^static const struct type_info icmp_types\[256\]/ { t = "types4"; print "static const char *const types4[256] = {"; next }
/^static const struct type_info icmp6_types\[256\]/ { t = "types6"; print "static const char *const types6[256] = {"; next }
t && /^};/ { print "};"; t = ""; next }
t && match($0, /^[ \t]*\[ *[0-9]+ *\]/) {
	n = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", n)
	if (match($0, /"[^"]+"/))
		printf "\t[%d] = %s,\n", n, substr($0, RSTART, RLENGTH)
}
' "$1"
