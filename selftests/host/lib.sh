# SPDX-License-Identifier: GPL-2.0
#
# What check.sh, soak.sh and the harness's own self-test (selftest.sh)
# share: how what a test program or a VM reports becomes cases.  The
# caller defines result STATUS NAME (pass, fail or skip) and the counts
# passed and skipped, which KUnit's passes add to directly, and, for
# kunit.py, kernel_src.

# suite NAME FORMAT PREFIX COMMAND...: run COMMAND, turn what it prints
# into cases (their names after PREFIX), and add one of its own, "NAME:
# ran to its end", which fails when COMMAND exits non-zero (a crash, a
# signal, an error) even if every case it printed passed.  FORMAT is how
# it prints its cases:
#
#   status   "pass NAME" / "fail NAME" / "skip NAME" lines
#   summary  "PROGRAM: N passed, N failed" lines, and "FAIL ..." lines
suite() {
	local name=$1 format=$2 prefix=$3 out rc status line
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	while read -r status line; do
		case $format:$status in
		status:pass|status:fail|status:skip)
			result "$status" "$prefix$line" ;;
		summary:FAIL*)
			result fail "$prefix$status $line" ;;
		summary:*)
			case "$status $line" in
			*": "*" passed, 0 failed")	result pass "$prefix$status $line" ;;
			*" passed, "*" failed")		result fail "$prefix$status $line" ;;
			esac ;;
		esac
	done <<< "$out"
	if [ "$rc" = 0 ]; then
		result pass "$name: ran to its end"
	else
		tail -n 20 <<< "$out" | sed 's/^/    /'
		result fail "$name: ran to its end (exit $rc)"
	fi
}

# Results the guest reported, then KUnit's KTAP, case by case.
collect() {
	local name=$1 dir=$2 status case
	# Serial ports turn newlines into CR LF.
	sed -i 's/\r$//' "$dir/results" "$dir/ktap"
	while read -r _ status case; do
		result "$status" "$case"
	done < <(grep '^RESULT ' "$dir/results")
	collect_kunit "$name" "$dir"
}

# KUnit results, one count per case: a parameterised case counts each of
# its parameters.  Failures are printed one by one, passes per suite.
collect_kunit() {
	local name=$1 dir=$2 f suite status line n_pass n_fail n_skip
	[ -s "$dir/ktap" ] || return 0
	rm -f "$dir"/suite-*.ktap
	awk -v d="$dir" '/^### suite / { f = d "/suite-" $3 ".ktap"; next }
		f { print > f }' "$dir/ktap"
	for f in "$dir"/suite-*.ktap; do
		[ -e "$f" ] || continue
		suite=${f##*/suite-}
		suite=${suite%.ktap}
		n_pass=0 n_fail=0 n_skip=0
		# Cases are indented once, parameters twice.  A declared case
		# without a result line crashed and counts as a failure.
		while read -r status line; do
			case $status in
			pass)	n_pass=$((n_pass + 1)); passed=$((passed + 1)) ;;
			skip)	n_skip=$((n_skip + 1)); skipped=$((skipped + 1)) ;;
			*)	n_fail=$((n_fail + 1))
				result fail "$name/kunit/$suite: $line" ;;
			esac
		done < <(awk '
			function leaf(s, l) {
				sub(/^ +/, "", l)
				print (l ~ /^not ok/ ? "fail" : l ~ /# SKIP/ ? "skip" : "pass"), l
			}
			/^    1\.\./ { split($1, a, "\\.\\."); planned = a[2] }
			/^        (not )?ok / { leaf(0, $0); params++; next }
			/^    (not )?ok / {
				n++
				if (!params || $0 ~ /^    not ok/) leaf(0, $0)
				params = 0
			}
			END { for (; n < planned; n++) print "fail", "a declared case never reported (crash?)" }' "$f")
		echo "  ok    $name/kunit/$suite: $n_pass passed, $n_fail failed, $n_skip skipped"
		if ! python3 "$kernel_src/tools/testing/kunit/kunit.py" parse "$f" \
			> "$f.parsed" 2>&1; then
			result fail "$name/kunit/$suite: kunit.py parse (see $f.parsed)"
		fi
	done
}
