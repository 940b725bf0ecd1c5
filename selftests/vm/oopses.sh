# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# oopses: succeeds when the kernel log on stdin reports a crash, a
# warning, a sanitizer's finding or a lock problem, and prints those
# reports (60 lines at most).  One list for the guest's check of its own
# log (plan-check.sh) and the host's check of the serial console
# (check.sh, soak.sh), so that the two agree.
#
# faults.sh makes allocations fail on purpose, and the kernel reports
# some of them (a vmalloc or page allocation failure) with a stack dump:
# those reports, and nothing else, are left out.  One ends at its
# </TASK>, or at the next report's first line should the console have
# lost that.

oops_re='Kernel panic|BUG:|WARNING:|KASAN|UBSAN|kmemleak:.*new suspected|circular locking|inconsistent lock|lock held|Call Trace|general protection|Oops:|refcount_t:|list_(add|del) corruption'

oopses() {
	local found
	# Collected first: the pipeline's status (head stops reading, grep
	# gets SIGPIPE) says nothing; what it printed does.
	found=$(awk -v re="Kernel panic|BUG:|WARNING:|KASAN|Oops:|general protection" '
		skip && $0 ~ re { skip = 0 }
		/(page allocation failure|vmalloc error): / { skip = 1 }
		!skip { print }
		skip && /<\/TASK>/ { skip = 0 }' | grep -aE -A20 "$oops_re" | head -60)
	[ -n "$found" ] || return 1
	printf '%s\n' "$found"
}
