// SPDX-License-Identifier: GPL-2.0
/*
 * icmpx's KUnit suites that need nothing of the kernel but KUnit (the
 * parser, the policy, the token buckets and the per-source table), run
 * in userspace over the stand-ins of include/, under ASan and UBSan.
 * The same source files run in the debug kernel; here they run in a
 * second, which is what mutants.py needs to try thousands of mutants.
 *
 *   unit [-q] [SUITE...]
 *
 * Prints a line per case that failed and "N passed, N failed" (cases;
 * a parameterised case counts each parameter), and exits non-zero on
 * any failure.  -q prints only that last line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kunit/test.h>

#include "../../icmpx/sources.h"
#include "../../icmpx/tests/tests.h"

struct kunit_alloc {
	struct kunit_alloc *next;
	max_align_t data[];
};

void kunit_fail(struct kunit *test, const char *file, int line,
		const char *what, const char *fmt, ...)
{
	va_list ap;

	test->failed = 1;
	if (test->quiet)
		return;
	fprintf(stderr, "    %s: %s:%d: expected %s ", test->name, file, line, what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	struct kunit_alloc *a;

	if (size && n > (SIZE_MAX - sizeof(*a)) / size)
		return NULL;
	a = gfp & __GFP_ZERO ? calloc(1, sizeof(*a) + n * size) : malloc(sizeof(*a) + n * size);
	if (!a)
		return NULL;
	a->next = test->allocs;
	test->allocs = a;
	return a->data;
}

static void kunit_free_all(struct kunit *test)
{
	struct kunit_alloc *a;

	while ((a = test->allocs)) {
		test->allocs = a->next;
		free(a);
	}
}

/* One run of @c, with @param; returns whether it failed. */
static int run_one(const struct kunit_case *c, const void *param,
		   const char *desc, int quiet)
{
	struct kunit test = { .name = c->name, .param_value = param, .quiet = quiet };

	if (!setjmp(test.abort))
		c->run_case(&test);
	kunit_free_all(&test);
	if (test.failed && !quiet)
		fprintf(stderr, "not ok %s%s%s\n", c->name, desc ? " " : "", desc ?: "");
	return test.failed;
}

static struct kunit_suite *suites[] = {
	&icmpx_parse_suite, &icmpx_policy_suite, &icmpx_limit_suite,
};

int main(int argc, char **argv)
{
	int quiet = argc > 1 && !strcmp(argv[1], "-q");
	unsigned int i, passed = 0, failed = 0;
	char desc[KUNIT_PARAM_DESC_SIZE];
	const struct kunit_case *c;
	const void *param;
	int a, f;

	if (icmpx_sources_init())
		return 2;
	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		for (a = 1 + quiet; a < argc; a++)
			if (!strcmp(argv[a], suites[i]->name))
				break;
		if (argc > 1 + quiet && a == argc)
			continue;
		for (c = suites[i]->test_cases; c->run_case; c++) {
			if (!c->generate_params) {
				f = run_one(c, NULL, NULL, quiet);
				passed += !f;
				failed += f;
				continue;
			}
			for (param = c->generate_params(NULL, desc); param;
			     param = c->generate_params(param, desc)) {
				f = run_one(c, param, desc, quiet);
				passed += !f;
				failed += f;
			}
		}
	}
	rcu_barrier();
	icmpx_sources_exit();
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
