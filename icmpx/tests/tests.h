/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_TESTS_H
#define _ICMPX_TESTS_H

#include <kunit/test.h>

extern struct kunit_suite icmpx_parse_suite;
extern struct kunit_suite icmpx_stats_suite;
extern struct kunit_suite icmpx_policy_suite;
extern struct kunit_suite icmpx_config_suite;
extern struct kunit_suite icmpx_limit_suite;
extern struct kunit_suite icmpx_ratelimit_suite;
extern struct kunit_suite icmpx_hooks_suite;
extern struct kunit_suite icmpx_zone_suite;

#endif /* _ICMPX_TESTS_H */
