// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_lifecycle.c - irqmap_init/irqmap_exit: order, repetition, environment, leftovers. */
#include <errno.h>
#include <stdlib.h>

#include "testutil.h"

static void restore_nr_irqs(void)
{
	setenv("IRQMAP_NR_IRQS", "65536", 1);
}

static int teardown_restore_env(void **state)
{
	int ret = tu_teardown(state);

	restore_nr_irqs();
	return ret;
}

/* For tests that end with the library torn down already. */
static int teardown_uninitialised(void **state)
{
	(void)state;
	tu_log_capture_stop();
	restore_nr_irqs();
	return irqmap_exit() == -ENODEV ? 0 : -1;
}

/* No setup: the library is not initialised. */
static void calls_before_init_fail_cleanly(void **state)
{
	struct fwnode_handle fw;
	struct irq_fwspec f = { .param_count = 1 };
	FILE *null = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(null);
	fwnode_init(&fw, FWNODE_KIND_USER, "early", NULL);
	f.fwnode = &fw;
	tu_log_capture_start();

	errno = 0;
	assert_null(irq_domain_create_linear(&fw, 8, &tu_counting_ops, NULL));
	assert_int_equal(errno, ENODEV);
	errno = 0;
	assert_null(irq_domain_create_tree(&fw, &tu_counting_ops, NULL));
	assert_int_equal(errno, ENODEV);
	errno = 0;
	assert_null(irq_domain_create_legacy(&fw, 4, 10, 0, &tu_counting_ops,
					     NULL));
	assert_int_equal(errno, ENODEV);
	assert_true(tu_log_contains("irqmap_init() has not been called"));

	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	assert_int_equal(irq_dispose_mapping(1), -ENODEV);
	assert_int_equal(irq_dispose_mapping(0), 0);
	assert_int_equal(irq_alloc_descs(-1, 1, 1, 0), -ENODEV);
	assert_int_equal(irq_free_descs(1, 1), -ENODEV);
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
	assert_int_equal(irq_find_mapping(NULL, 0), 0);
	assert_null(irq_to_desc(1));
	assert_null(irq_get_irq_data(1));
	assert_int_equal(irq_mapping_refcount(1), 0);
	assert_int_equal(irq_get_nr_irqs(), 0);
	assert_int_equal(irq_domain_remove(NULL), -ENODEV);
	assert_int_equal(irqmap_check(null), -ENODEV);
	assert_int_equal(irqmap_show_interrupts(null), -ENODEV);
	assert_int_equal(irqmap_show_domains(null), -ENODEV);
	assert_int_equal(irqmap_show_refs(null, 0), -ENODEV);
	assert_int_equal(irqmap_exit(), -ENODEV);
	/* Every failure said why, on one line each. */
	assert_true(tu_log_count() >= 8);
	assert_int_equal(tu_log_count_matching("irqmap_init() has not been called"),
			 tu_log_count());
	tu_log_capture_stop();
	fclose(null);

	/* And the library can still be set up normally. */
	assert_int_equal(irqmap_init(), 0);
	assert_int_equal(irqmap_exit(), 0);
}

static void init_twice_is_ealready(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	v = irq_create_mapping(d, 3);
	assert_int_not_equal(v, 0);
	assert_int_equal(irqmap_init(), -EALREADY);
	/* The running library is untouched. */
	assert_int_equal(irq_find_mapping(d, 3), v);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(irq_get_nr_irqs(), 65536);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void init_after_exit_starts_afresh(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "cycle", NULL);
	for (int round = 0; round < 3; round++) {
		assert_int_equal(irqmap_init(), 0);
		assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
		assert_int_equal(tu_nr_allocated_virqs(), 0);
		d = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
		assert_non_null(d);
		v = irq_create_mapping(d, 1);
		/* The virq space starts over. */
		assert_int_equal(v, 1);
		assert_int_equal(irq_dispose_mapping(v), 0);
		assert_int_equal(irq_domain_remove(d), 0);
		assert_int_equal(irqmap_exit(), 0);
		assert_int_equal(irqmap_exit(), -ENODEV);
	}
	assert_int_equal(c.map, 3);
	assert_int_equal(c.unmap, 3);
}

static void bad_nr_irqs_is_einval(void **state)
{
	static const char *const bad[] = {
		"12", "63", "abc", "100x", "16777217", "-1", "99999999999999999999",
	};

	(void)state;
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("IRQMAP_NR_IRQS", bad[i], 1);
		tu_log_capture_start();
		assert_int_equal(irqmap_init(), -EINVAL);
		tu_assert_one_message("IRQMAP_NR_IRQS");
		assert_true(tu_log_contains(bad[i]));
		/* Not initialised. */
		assert_int_equal(irqmap_exit(), -ENODEV);
		assert_int_equal(irq_alloc_descs(-1, 1, 1, 0), -ENODEV);
	}
	restore_nr_irqs();
	assert_int_equal(irqmap_init(), 0);
	assert_int_equal(irq_get_nr_irqs(), 65536);
	assert_int_equal(irqmap_exit(), 0);
}

static void nr_irqs_limits_the_space(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v[63];

	(void)state;
	setenv("IRQMAP_NR_IRQS", "0x40", 1);
	assert_int_equal(irqmap_init(), 0);
	assert_int_equal(irq_get_nr_irqs(), 64);
	d = irq_domain_create_linear(NULL, 64, &tu_counting_ops, &c);
	assert_non_null(d);
	for (unsigned int i = 0; i < 63; i++) {
		v[i] = irq_create_mapping(d, i);
		assert_int_equal(v[i], i + 1);
	}
	/* virqs 1..63 are all there is. */
	tu_log_capture_start();
	assert_int_equal(irq_create_mapping(d, 63), 0);
	tu_assert_one_message("no 1 free contiguous virqs");
	assert_int_equal(c.map, 63);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_dispose_mapping(v[10]), 0);
	assert_int_equal(irq_create_mapping(d, 63), v[10]);
	v[10] = irq_find_mapping(d, 63);
	for (unsigned int i = 0; i < 63; i++)
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void exit_with_leftovers_reports_and_frees(void **state)
{
	struct tu_counts c = { 0 }, cl = { 0 };
	struct fwnode_handle fw;
	struct irq_domain *d, *legacy;
	unsigned int v;
	int bare;

	(void)state;
	assert_int_equal(irqmap_init(), 0);
	fwnode_init(&fw, FWNODE_KIND_USER, "leaky", NULL);
	d = irq_domain_create_tree(&fw, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 1ul << 33);
	assert_int_equal(irq_create_mapping(d, 1ul << 33), v);
	assert_int_not_equal(irq_create_mapping(d, 5), 0);
	legacy = irq_domain_create_legacy(NULL, 2, 300, 0, &tu_counting_ops, &cl);
	assert_non_null(legacy);
	bare = irq_alloc_descs(-1, 1, 3, 0);
	assert_true(bare > 0);

	tu_log_capture_start();
	assert_int_equal(irqmap_exit(), -EBUSY);
	assert_true(tu_log_contains("left: domain leaky (2 mappings)"));
	assert_true(tu_log_contains("left: domain leaky hwirq 8589934592 -> virq"));
	assert_true(tu_log_contains(", 2 references"));
	assert_true(tu_log_contains("left: domain leaky hwirq 5 -> virq"));
	assert_true(tu_log_contains("hwirq 0 -> virq 300, 1 reference"));
	assert_true(tu_log_contains("allocated without a mapping"));
	assert_true(tu_log_contains("2 domains, 4 mappings and 3 bare virqs were still alive; freed"));
	/* No callback runs at exit. */
	assert_int_equal(c.unmap, 0);
	assert_int_equal(cl.unmap, 0);
	tu_log_capture_stop();
	/* Everything is gone (LeakSanitizer checks the memory). */
	assert_int_equal(irqmap_exit(), -ENODEV);
	assert_int_equal(irqmap_init(), 0);
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
	assert_int_equal(tu_nr_allocated_virqs(), 0);
	assert_int_equal(irqmap_exit(), 0);
}

static void clean_exit_returns_zero(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;

	(void)state;
	assert_int_equal(irqmap_init(), 0);
	d = irq_domain_create_linear(NULL, 2, &tu_counting_ops, &c);
	assert_int_equal(irq_dispose_mapping(irq_create_mapping(d, 0)), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tu_log_capture_start();
	assert_int_equal(irqmap_exit(), 0);
	assert_int_equal(tu_log_count(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(calls_before_init_fail_cleanly,
					  teardown_uninitialised),
		cmocka_unit_test_setup_teardown(init_twice_is_ealready,
						tu_setup, tu_teardown),
		cmocka_unit_test_teardown(init_after_exit_starts_afresh,
					  teardown_uninitialised),
		cmocka_unit_test_teardown(bad_nr_irqs_is_einval,
					  teardown_uninitialised),
		cmocka_unit_test_teardown(nr_irqs_limits_the_space,
					  teardown_restore_env),
		cmocka_unit_test_teardown(exit_with_leftovers_reports_and_frees,
					  teardown_uninitialised),
		cmocka_unit_test_teardown(clean_exit_returns_zero,
					  teardown_uninitialised),
	};

	/* Not inherited from a caller: the tests set the size themselves. */
	restore_nr_irqs();
	unsetenv("IRQMAP_DEBUG_REFS");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
