/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for KUnit, enough of it to run icmpx's parser,
 * policy, bucket and per-source table suites as they are (tools/fuzz/unit.c
 * runs them).  An EXPECT that fails marks the case failed and goes on;
 * an ASSERT ends the case.  Memory from kunit_kzalloc() and friends is
 * freed when the case ends, as KUnit frees it.
 */
#ifndef _FUZZ_KUNIT_TEST_H
#define _FUZZ_KUNIT_TEST_H
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/slab.h>

#define KUNIT_PARAM_DESC_SIZE	128

struct kunit_alloc;

struct kunit {
	const char *name;
	const void *param_value;
	int failed;
	int quiet;
	jmp_buf abort;
	struct kunit_alloc *allocs;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
};

struct kunit_suite {
	const char *name;
	struct kunit_case *test_cases;
};

#define KUNIT_CASE(fn)		{ .run_case = fn, .name = #fn }
#define KUNIT_CASE_SLOW(fn)	KUNIT_CASE(fn)
#define KUNIT_CASE_PARAM(fn, gen) \
	{ .run_case = fn, .name = #fn, .generate_params = gen }

#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(const void *prev, char *desc)	\
	{									\
		typeof((array)[0]) *__next = prev ?				\
			((typeof(__next))prev) + 1 : (array);			\
		if (__next - (array) < ARRAY_SIZE((array))) {			\
			void (*__get_desc)(typeof(__next), char *) = get_desc;	\
			if (__get_desc)						\
				__get_desc(__next, desc);			\
			return __next;						\
		}								\
		return NULL;							\
	}

void kunit_fail(struct kunit *test, const char *file, int line,
		const char *what, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp);

static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp);
}

static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp | __GFP_ZERO);
}

static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}

#define kunit_info(test, fmt, ...) \
	do { if (!(test)->quiet) printf("    # %s: " fmt, (test)->name, ##__VA_ARGS__); } while (0)

/* The check itself; @fatal: an ASSERT, which ends the case. */
#define KUNIT_CHECK(test, fatal, cond, what, fmt, ...)				\
	do {									\
		if (!(cond)) {							\
			kunit_fail(test, __FILE__, __LINE__, what, fmt, ##__VA_ARGS__); \
			if (fatal)						\
				longjmp((test)->abort, 1);			\
		}								\
	} while (0)

#define KUNIT_BINARY(test, fatal, l, op, r, fmt, ...)				\
	do {									\
		const typeof(l) __l = (l);					\
		const typeof(r) __r = (r);					\
		KUNIT_CHECK(test, fatal, __l op __r, #l " " #op " " #r,	\
			    "" fmt, ##__VA_ARGS__);				\
	} while (0)

#define KUNIT_EXPECT_EQ_MSG(t, l, r, ...)	KUNIT_BINARY(t, 0, l, ==, r, __VA_ARGS__)
#define KUNIT_EXPECT_NE_MSG(t, l, r, ...)	KUNIT_BINARY(t, 0, l, !=, r, __VA_ARGS__)
#define KUNIT_EXPECT_LE_MSG(t, l, r, ...)	KUNIT_BINARY(t, 0, l, <=, r, __VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, l, r, ...)	KUNIT_BINARY(t, 0, l, >=, r, __VA_ARGS__)
#define KUNIT_ASSERT_EQ_MSG(t, l, r, ...)	KUNIT_BINARY(t, 1, l, ==, r, __VA_ARGS__)
#define KUNIT_ASSERT_GE_MSG(t, l, r, ...)	KUNIT_BINARY(t, 1, l, >=, r, __VA_ARGS__)
#define KUNIT_EXPECT_EQ(t, l, r)		KUNIT_EXPECT_EQ_MSG(t, l, r, "")
#define KUNIT_EXPECT_NE(t, l, r)		KUNIT_EXPECT_NE_MSG(t, l, r, "")
#define KUNIT_EXPECT_LE(t, l, r)		KUNIT_EXPECT_LE_MSG(t, l, r, "")
#define KUNIT_EXPECT_GE(t, l, r)		KUNIT_EXPECT_GE_MSG(t, l, r, "")
#define KUNIT_ASSERT_EQ(t, l, r)		KUNIT_ASSERT_EQ_MSG(t, l, r, "")
#define KUNIT_EXPECT_TRUE_MSG(t, c, ...)	KUNIT_CHECK(t, 0, (c), #c, __VA_ARGS__)
#define KUNIT_EXPECT_TRUE(t, c)			KUNIT_CHECK(t, 0, (c), #c, "")
#define KUNIT_EXPECT_FALSE(t, c)		KUNIT_CHECK(t, 0, !(c), "!(" #c ")", "")
#define KUNIT_EXPECT_FALSE_MSG(t, c, ...)	KUNIT_CHECK(t, 0, !(c), "!(" #c ")", __VA_ARGS__)
#define KUNIT_ASSERT_TRUE(t, c)			KUNIT_CHECK(t, 1, (c), #c, "")
#define KUNIT_EXPECT_NULL_MSG(t, p, ...)	KUNIT_CHECK(t, 0, !(p), #p " == NULL", __VA_ARGS__)
#define KUNIT_EXPECT_NULL(t, p)			KUNIT_CHECK(t, 0, !(p), #p " == NULL", "")
#define KUNIT_ASSERT_NOT_NULL(t, p)		KUNIT_CHECK(t, 1, (p), #p " != NULL", "")
#define KUNIT_EXPECT_MEMEQ(t, a, b, n)		KUNIT_CHECK(t, 0, !memcmp(a, b, n), #a " == " #b, "")
#define KUNIT_EXPECT_MEMEQ_MSG(t, a, b, n, ...) \
	KUNIT_CHECK(t, 0, !memcmp(a, b, n), #a " == " #b, __VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ(t, a, b, n)		KUNIT_CHECK(t, 0, memcmp(a, b, n), #a " != " #b, "")
#define KUNIT_EXPECT_STREQ(t, a, b)		KUNIT_CHECK(t, 0, !strcmp(a, b), #a " == " #b, "")
#define KUNIT_EXPECT_STRNEQ(t, a, b)		KUNIT_CHECK(t, 0, strcmp(a, b), #a " != " #b, "")

#endif
