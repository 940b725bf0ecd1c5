// SPDX-License-Identifier: GPL-2.0
/*
 * icmpx_test.ko: the KUnit suites of icmpx, in a module of their own so
 * that icmpx.ko carries no test code.  Internal functions are reached
 * through EXPORT_SYMBOL_IF_KUNIT().
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "tests.h"

kunit_test_suites(&icmpx_parse_suite, &icmpx_stats_suite, &icmpx_policy_suite,
		  &icmpx_config_suite, &icmpx_limit_suite, &icmpx_ratelimit_suite,
		  &icmpx_hooks_suite, &icmpx_zone_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for icmpx");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
