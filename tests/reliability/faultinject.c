// SPDX-License-Identifier: LGPL-2.1-or-later
/* faultinject.c - the allocation-failure sweep of faultinject.h. */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "faultinject.h"

static void quiet(int level, const char *msg, void *arg)
{
	(void)level;
	(void)msg;
	(void)arg;
}

static unsigned long run_once(fi_scenario_fn fn, unsigned long fail_at,
			      int *ret, int *hit)
{
	unsigned long before;

	assert_int_equal(irqmap_init(), 0);
	/* IRQMAP_FI_VERBOSE: the library's messages go to stderr */
	if (!getenv("IRQMAP_FI_VERBOSE"))
		irqmap_set_log_handler(quiet, NULL);
	before = irqm_alloc_count();
	irqm_fault_arm(fail_at);
	*ret = fn();
	*hit = irqm_fault_hit();
	irqm_fault_arm(0);
	if (irqmap_check(stderr))
		fail_msg("state inconsistent after failing allocation %lu",
			 fail_at);
	irqmap_set_log_handler(NULL, NULL);
	/* the scenario cleaned up: nothing may be left */
	if (irqmap_exit())
		fail_msg("allocation %lu: something was left behind", fail_at);
	return irqm_alloc_count() - before;
}

void fi_sweep(const char *name, fi_scenario_fn fn, struct fi_result *res)
{
	int ret, hit;
	unsigned long total;

	res->failed_runs = res->hit = res->silent = 0;
	total = run_once(fn, 0, &ret, &hit);
	assert_int_equal(ret, 0);
	res->points = total;
	for (unsigned long k = 1; k <= total; k++) {
		if (getenv("IRQMAP_FI_VERBOSE"))
			fprintf(stderr, "%s: failing allocation %lu\n", name, k);
		run_once(fn, k, &ret, &hit);
		if (getenv("IRQMAP_FI_VERBOSE"))
			fprintf(stderr, "%s: allocation %lu: %s, scenario returned %d\n",
				name, k, hit ? "failed" : "not reached", ret);
		res->hit += hit != 0;
		res->failed_runs += ret != 0;
		/* only optional bookkeeping may fail without an error */
		if (hit && ret == 0)
			res->silent++;
	}
	printf("%s: %lu injection points, %lu hit, %lu runs reported an error, "
	       "%lu absorbed\n", name, res->points, res->hit, res->failed_runs,
	       res->silent);
	assert_int_equal(res->hit, res->points);
}
