#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness tested on the host, in seconds: a test that crashes must
# fail the run, whatever it printed before.  Guest tests made to die in
# each way one can (an unbound variable, a command not found, a signal,
# an early exit, a whole skip no header declares, a Python traceback) go
# through vm/lib.sh's run_test, the plan's own; a segfaulting program
# and one that fails its last case go through host/lib.sh's suite, as
# check.sh runs icmpxctl's, the spec's and the packages' tests.  Each
# must come out as a failure named after it, and a test that does run
# to its end as a pass.
#
# Prints "pass NAME" and "fail NAME" lines; exits non-zero on a failure.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

ok() { echo "pass harness: $*"; }
no() { echo "fail harness: $*"; failed=1; }

# --- guest tests, through the plan's run_test -----------------------------

mkdir "$tmp/guest"
# fixture NAME BODY: a guest test that sources lib.sh, then runs BODY.
fixture() {
	{
		printf '#!/bin/bash\n#\n# A fixture of host/selftest.sh.\n'
		[ -n "${3:-}" ] && printf '# %s\n' "$3"
		printf 'set -u\n. "$ICMPX_SRC/selftests/vm/lib.sh"\n%s\n' "$2"
	} > "$tmp/guest/$1.sh"
}
fixture good 'pass "good: one"; pass "good: two"; end_test'
fixture failing 'pass "failing: one"; fail "failing: two"; end_test'
fixture unbound 'pass "unbound: one"; echo "$no_such_variable"; pass "unbound: two"; end_test'
fixture notfound 'pass "notfound: one"; set -e; no_such_command; end_test'
fixture signal 'pass "signal: one"; kill -KILL $$; end_test'
fixture early 'pass "early: one"; exit 0; pass "early: two"; end_test'
fixture skipper 'skip "skipper" "a reason of its own"; exit 4'
fixture declared 'fail "declared: ran although declared skipped"; end_test' \
	'Skip on selftest: a skip its header declares'
fixture inner 'pass "inner: one"; skip "inner: named" "a reason"; skip "inner: unnamed" "another"; end_test' \
	'May skip on selftest: inner: named'
fixture innerok 'pass "innerok: one"; skip "innerok: named" "a reason"; end_test' \
	'May skip on selftest: innerok: other; innerok: named'
fixture traceback 'py_results "traceback: python" /usr/bin/python3 -c "print(\"PASS traceback: one\"); 1 / 0"
end_test'

results=$tmp/results
(
	export ICMPX_SRC=$top ICMPX_KERNEL=selftest
	exec 3> "$results"
	export ICMPX_RESULT_FD=3
	# shellcheck source=../vm/lib.sh
	. "$top/selftests/vm/lib.sh"
	for t in "$tmp"/guest/*.sh; do
		run_test "$t"
	done
) > "$tmp/guest.log" 2>&1

# verdict STATUS CASE WHY: the run recorded CASE with STATUS.
verdict() {
	if grep -qxF "RESULT $1 selftest/$2" "$results"; then
		ok "$3"
	else
		no "$3 (no \"$1 $2\" in the results)"
		sed 's/^/    /' "$tmp/guest.log" >&2
	fi
}
verdict pass "selftest good.sh: ran to its end" "a guest test that ran to its end passes"
verdict fail "failing: two" "a guest test's failed case fails the run"
verdict pass "selftest failing.sh: ran to its end" "... though the test ran to its end"
verdict fail "selftest unbound.sh: ran to its end" "a guest test dying of an unbound variable fails"
verdict fail "selftest notfound.sh: ran to its end" "a guest test dying of a command not found fails"
verdict fail "selftest signal.sh: ran to its end" "a guest test killed by a signal fails"
verdict fail "selftest early.sh: ran to its end" "a guest test exiting 0 before its end fails"
verdict fail "selftest skipper.sh: ran to its end" "a guest test skipping itself undeclared fails"
verdict skip "selftest declared.sh" "a skip its header declares is a skip, and the test is not run"
verdict fail "selftest inner.sh: ran to its end" "a skipped case its header does not name fails the test"
verdict pass "selftest innerok.sh: ran to its end" "... and one it names is a skip"
verdict fail "traceback: python ran to its end" "a Python helper's traceback is a failed case"
verdict pass "traceback: one" "... and the cases it printed before are kept"

# --- host test programs, through check.sh's suite -------------------------

cat > "$tmp/segv.c" <<'EOF'
#include <signal.h>
#include <stdio.h>

int main(void)
{
	puts("segv: 1 passed, 0 failed");
	fflush(stdout);
	raise(SIGSEGV);
	return 0;
}
EOF
if ! gcc -o "$tmp/segv" "$tmp/segv.c"; then
	no "a segfaulting test program built"
	exit 1
fi

suite_results=$tmp/suite
result() { echo "$1 $2" >> "$suite_results"; }
# shellcheck source=lib.sh
. "$top/selftests/host/lib.sh"
suite "segv" summary "" "$tmp/segv" > /dev/null 2>&1
suite "clean" status "" printf 'pass clean: one\npass clean: two\n' > /dev/null
suite "lastfail" status "" sh -c 'echo "pass lastfail: one"; echo "fail lastfail: two"; exit 1' \
	> /dev/null 2>&1

host_verdict() {
	if grep -qE "^$1 $2\$" "$suite_results"; then
		ok "$3"
	else
		no "$3 (no \"$1 $2\" in: $(tr '\n' ';' < "$suite_results"))"
	fi
}
host_verdict pass "segv: 1 passed, 0 failed" "a segfaulting program's printed cases are kept"
host_verdict fail "segv: ran to its end \\(exit 139\\)" "... and its crash fails the run"
host_verdict pass "clean: ran to its end" "a host program that exits 0 passes"
host_verdict fail "lastfail: two" "a host program's failed case fails"
host_verdict fail "lastfail: ran to its end \\(exit 1\\)" "... and so does its exit status"

exit $failed
