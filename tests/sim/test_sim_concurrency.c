// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim_concurrency.c - hot unplug racing interrupt delivery, for
 * ThreadSanitizer: a short churn on two CPUs, and a script that floods
 * shared lines while their users come and go. The program must end
 * clean: status 0, every check passed, nothing leaked, no report.
 */
#include <stdlib.h>
#include <string.h>

#include "simtest.h"

static void test_short_churn(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "--churn", "300", "--cpus", "2");
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

static void test_flood_while_unplugging(void **state)
{
	char *text = NULL, *script;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct st_run r;

	(void)state;
	assert_non_null(f);
	/* Slots 1, 5, 9, 13 and 17 of pci.0 all share line 0x1201. */
	fprintf(f, "device_add e1000,bus=pci.0,addr=5,id=a\n"
		   "device_add e1000,bus=pci.0,addr=9,id=b\n");
	for (int i = 0; i < 20; i++)
		fprintf(f, "device_add e1000,bus=pci.0,addr=d,id=c%d\n"
			   "raise a 50\nraise b 50\nraise c%d 50\nraise usb@1 20\n"
			   "device_del c%d\n%s", i, i, i, i % 5 ? "" : "check\n");
	fprintf(f, "device_del a\nraise b 100\nsync\ncheck\n");
	fclose(f);
	script = st_script(text);
	ST_RUN(&r, "sim", script, "--cpus", "2");
	st_status(&r, 0);
	st_lacks(r.err, "check:");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
	st_unlink(script);
	free(text);
}

static void test_kernel_semantics_race(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "--churn", "200", "--cpus", "2", "--no-refcount");
	st_status(&r, 1);	/* devices lost their line; nothing else */
	st_lacks(r.err, "ThreadSanitizer");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_churn),
		cmocka_unit_test(test_flood_while_unplugging),
		cmocka_unit_test(test_kernel_semantics_race),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
