# SPDX-License-Identifier: GPL-2.0
#
# What the host tests of icmpxctl share (cli_test.sh, completion_test.sh):
# a count of what passed and failed, and the last line make check reads.
# Sourced, from the test's own directory.
passed=0 failed=0

ok() {
	passed=$((passed + 1))
}

bad() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# summary NAME: "NAME: N passed, N failed"; the status is a failure's.
summary() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
