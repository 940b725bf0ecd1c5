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
# some of them (a vmalloc or page allocation failure, a slab cache that
# could not be made) with a stack dump.
# Those reports are left out, and only between the marks faults.sh
# writes to the kernel log while it injects failures: anywhere else an
# allocation failure is a finding.  One report ends at its </TASK>, or
# at the next line that starts a report of another kind, should the
# console have lost the </TASK>.

oops_re='Kernel panic|BUG:|kernel BUG at|invalid opcode|WARNING:|KASAN|UBSAN|kmemleak:.*new suspected|circular locking|inconsistent lock|lock held|Call Trace|general protection|Oops:|refcount_t:|list_(add|del) corruption|page allocation failure|vmalloc error'

oopses() {
	local found
	# Collected first: the pipeline's status (head stops reading, grep
	# gets SIGPIPE) says nothing; what it printed does.
	found=$(awk -v re="$oops_re" '
		/icmpx-faults: begin/ { faults = 1 }
		/icmpx-faults: end/ { faults = 0 }
		skip && $0 ~ re && $0 !~ /Call Trace/ { skip = 0 }
		faults && /(page allocation failure|vmalloc error): |kmem_cache_create.*failed with error/ {
			skip = 1; next
		}
		!skip { print }
		skip && /<\/TASK>/ { skip = 0 }' | grep -aE -A20 "$oops_re" | head -60)
	[ -n "$found" ] || return 1
	printf '%s\n' "$found"
}

# Leaks of the kernel's own that the tests provoke, each named by
# functions of its backtrace in kmemleak's report:
#
# - sysfs_slab_add: when a new slab cache's sysfs registration fails,
#   SLUB frees the cache without kobject_put() and leaks the kobject's
#   name (CVE-2024-25740; fixed upstream by 2420baa8e046 "mm/slab: Allow
#   cache creation to proceed even if sysfs registration fails", not in
#   Debian's 6.12.118).  faults.sh's load sweep provokes it when the
#   allocation it fails is one of that registration's, for icmpx's
#   cache of per-source entries.
known_leaks='sysfs_slab_add'

# leaks: kmemleak's report on stdin, less the records of known_leaks,
# which are counted on stderr.  Prints nothing when nothing else leaked.
leaks() {
	awk -v known="$known_leaks" '
		function flush() {
			if (rec == "")
				return
			if (rec ~ known && rec ~ /kobject_set_name_vargs/)
				n++
			else
				printf "%s", rec
			rec = ""
		}
		/^unreferenced object/ { flush() }
		{ rec = rec $0 "\n" }
		END {
			flush()
			if (n)
				printf "kmemleak: %d of the kernel'"'"'s own (%s), not counted\n", n, known > "/dev/stderr"
		}'
}
