// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_smoke.c - the shortest life of a shared line. */
#include "testutil.h"

static void shared_line_lives_until_last_dispose(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int a, b;

	(void)state;
	d = irq_domain_create_linear(NULL, 4, &tu_counting_ops, &c);
	assert_non_null(d);
	a = irq_create_mapping(d, 0);
	b = irq_create_mapping(d, 0);
	assert_int_not_equal(a, 0);
	assert_int_equal(a, b);
	assert_int_equal(c.map, 1);
	assert_int_equal(irq_mapping_refcount(a), 2);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(irq_find_mapping(d, 0), a);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(irq_find_mapping(d, 0), 0);
	assert_null(irq_to_desc(a));
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(shared_line_lives_until_last_dispose,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
