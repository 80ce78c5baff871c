// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim_churn.c - the random hot-plug soak: thousands of devices
 * plugged and unplugged with interrupts flowing, every line back to
 * unmapped and every counter balanced at the end; the same seed gives the
 * same plugs; under kernel semantics the devices that lost their line are
 * counted and nothing leaks either.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "simtest.h"

/* The text from "peak sharing per line:" on: depends on the plugs only. */
static char *peaks(const char *out)
{
	const char *p = strstr(out, "peak sharing per line:");

	assert_non_null(p);
	return strndup(p, strcspn(p, "\n"));
}

static void test_churn_builtin(void **state)
{
	struct st_run r;
	char *a, *b;

	(void)state;
	ST_RUN(&r, "sim", "--churn", "2000");
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "lines leaked); 2001 devices plugged");
	st_contains(r.out, "leaks found: 0\n");
	a = peaks(r.out);
	st_done(&r);
	ST_RUN(&r, "sim", "--churn", "2000", "--seed", "1", "--cpus", "1");
	st_status(&r, 0);
	b = peaks(r.out);
	assert_string_equal(a, b);	/* the same seed, the same plugs */
	st_done(&r);
	free(a);
	free(b);
}

static void test_churn_tree(void **state)
{
	char *tree = st_tree("pseries-2phb.dtb");
	struct st_run r;

	(void)state;
	if (!tree)
		skip();
	ST_RUN(&r, "sim", tree, "--churn", "2000", "--seed", "7", "--cpus", "3");
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "lines leaked); 2012 devices plugged");	/* 6 are platform devices */
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
	free(tree);
}

/* A script first, then the churn on what it left plugged. */
static void test_churn_after_script(void **state)
{
	char *script = st_script("device_add pci-bridge,bus=pci.1,addr=3,id=br1\n"
				 "device_add e1000,bus=br1,addr=1,id=nic2\n"
				 "raise nic2 10\n");
	json_object *sum = NULL;
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", script, "--churn", "1000", "--json");
	st_status(&r, 0);
	for (char *l = r.out; *l; l = strchr(l, '\n') + 1) {
		char *line = strndup(l, strcspn(l, "\n"));
		json_object *o = json_tokener_parse(line);

		assert_non_null(o);
		if (strstr(line, "\"event\":\"summary\""))
			sum = o;
		else
			json_object_put(o);
		free(line);
	}
	assert_non_null(sum);
	assert_int_equal(json_object_get_int(json_object_object_get(sum, "plugged")), 1003);
	assert_int_equal(json_object_get_int(json_object_object_get(sum, "leaks")), 0);
	json_object_put(sum);
	st_done(&r);
	st_unlink(script);
}

static void test_churn_no_refcount(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "--churn", "500", "--no-refcount");
	st_status(&r, 1);
	st_contains(r.out, "lost their interrupt when another device on their line was unplugged");
	st_contains(r.out, "leaks found: 0\n");
	st_lacks(r.err, "check:");
	st_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_churn_builtin),
		cmocka_unit_test(test_churn_tree),
		cmocka_unit_test(test_churn_after_script),
		cmocka_unit_test(test_churn_no_refcount),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
