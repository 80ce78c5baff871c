// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_legacy.c - legacy domains: a fixed virq range pinned by the domain. */
#include <errno.h>

#include "testutil.h"

#define FIRST_IRQ	100
#define FIRST_HW	8
#define SIZE		4

static int info_legacy(const struct irqmap_mapping_info *info, void *arg)
{
	unsigned int *n = arg;

	if (info->legacy && info->virq == FIRST_IRQ + info->hwirq - FIRST_HW)
		++*n;
	return 0;
}

static void legacy_maps_whole_range_with_a_pin(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int legacy = 0;

	(void)state;
	d = irq_domain_create_legacy(NULL, SIZE, FIRST_IRQ, FIRST_HW,
				     &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(c.map, SIZE);
	assert_int_equal(d->hwirq_max, FIRST_HW + SIZE);
	assert_int_equal(irq_domain_mapcount(d), SIZE);
	for (unsigned int i = 0; i < SIZE; i++) {
		assert_int_equal(irq_find_mapping(d, FIRST_HW + i), FIRST_IRQ + i);
		assert_int_equal(irq_mapping_refcount(FIRST_IRQ + i), 1);
		assert_int_equal(irq_get_irq_data(FIRST_IRQ + i)->hwirq,
				 FIRST_HW + i);
	}
	assert_int_equal(irq_domain_for_each_mapping(d, info_legacy, &legacy), 0);
	assert_int_equal(legacy, SIZE);
	assert_null(irq_to_desc(FIRST_IRQ - 1));
	assert_null(irq_to_desc(FIRST_IRQ + SIZE));
	assert_int_equal(irqmap_check(stderr), 0);

	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(c.unmap, SIZE);
	for (unsigned int i = 0; i < SIZE; i++) {
		assert_null(irq_to_desc(FIRST_IRQ + i));
		assert_int_equal(irq_mapping_refcount(FIRST_IRQ + i), 0);
	}
	/* The range is free again. */
	assert_int_equal(irq_alloc_descs(FIRST_IRQ, FIRST_IRQ, SIZE, 0), FIRST_IRQ);
	assert_int_equal(irq_free_descs(FIRST_IRQ, SIZE), 0);
}

static void users_count_above_the_pin(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_fwspec f = { .param_count = 2,
				.param = { FIRST_HW + 1, IRQ_TYPE_LEVEL_HIGH } };
	struct irq_domain *d;
	struct tu_state st;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "pic", NULL);
	d = irq_domain_create_legacy(&fw, SIZE, FIRST_IRQ, FIRST_HW,
				     &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(irq_create_mapping(d, FIRST_HW + 1), FIRST_IRQ + 1);
	assert_int_equal(irq_mapping_refcount(FIRST_IRQ + 1), 2);
	f.fwnode = &fw;
	assert_int_equal(irq_create_fwspec_mapping(&f), FIRST_IRQ + 1);
	assert_int_equal(irq_mapping_refcount(FIRST_IRQ + 1), 3);
	assert_int_equal(irq_get_trigger_type(FIRST_IRQ + 1), IRQ_TYPE_LEVEL_HIGH);
	assert_int_equal(c.map, SIZE);

	assert_int_equal(irq_dispose_mapping(FIRST_IRQ + 1), 0);
	assert_int_equal(irq_dispose_mapping(FIRST_IRQ + 1), 0);
	assert_int_equal(irq_mapping_refcount(FIRST_IRQ + 1), 1);
	assert_int_equal(c.unmap, 0);

	/* Only the domain's own reference is left: a dispose is refused. */
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(FIRST_IRQ + 1), -ENOENT);
	tu_assert_one_message("holds only its legacy domain's reference");
	assert_int_equal(tu_log_level_of("legacy"), IRQMAP_LOG_ERR);
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_mapping_refcount(FIRST_IRQ + 1), 1);
	assert_int_equal(irq_find_mapping(d, FIRST_HW + 1), FIRST_IRQ + 1);
	assert_int_equal(c.unmap, 0);

	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(c.unmap, SIZE);
}

static void remove_refused_while_users_hold_lines(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int extra;

	(void)state;
	d = irq_domain_create_legacy(NULL, SIZE, FIRST_IRQ, FIRST_HW,
				     &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(irq_create_mapping(d, FIRST_HW + 3), FIRST_IRQ + 3);
	/* Below the range: an ordinary mapping of the domain. */
	extra = irq_create_mapping(d, 2);
	assert_int_not_equal(extra, 0);
	assert_true(extra < FIRST_IRQ || extra >= FIRST_IRQ + SIZE);
	assert_int_equal(irq_mapping_refcount(extra), 1);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_true(tu_log_contains("still has 2 mappings"));
	assert_true(tu_log_contains("hwirq 11 to virq 103 (2 references)"));
	assert_true(tu_log_contains("hwirq 2 to virq"));
	/* Lines held by the domain alone are not reported. */
	assert_false(tu_log_contains("virq 100 "));
	tu_state_assert_unchanged(&st);
	assert_int_equal(c.unmap, 0);

	assert_int_equal(irq_dispose_mapping(extra), 0);
	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_true(tu_log_contains("still has 1 mapping"));
	assert_int_equal(irq_dispose_mapping(FIRST_IRQ + 3), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(c.map, SIZE + 1);
	assert_int_equal(c.unmap, SIZE + 1);
	assert_int_equal(irqmap_check(stderr), 0);
}

static void taken_range_is_eexist(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct tu_state st;
	int taken;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "late-pic", NULL);
	taken = irq_alloc_descs(FIRST_IRQ + 2, FIRST_IRQ + 2, 1, 0);
	assert_int_equal(taken, FIRST_IRQ + 2);

	tu_state_save(&st);
	tu_log_capture_start();
	errno = 0;
	assert_null(irq_domain_create_legacy(&fw, SIZE, FIRST_IRQ, FIRST_HW,
					     &tu_counting_ops, &c));
	assert_int_equal(errno, EEXIST);
	tu_assert_one_message("taken");
	tu_state_assert_unchanged(&st);
	assert_int_equal(c.map, 0);
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
	assert_null(irq_to_desc(FIRST_IRQ));

	/* Past the end of the virq space. */
	tu_state_save(&st);
	tu_log_capture_start();
	errno = 0;
	assert_null(irq_domain_create_legacy(&fw, SIZE, irq_get_nr_irqs() - 2,
					     0, &tu_counting_ops, &c));
	assert_int_equal(errno, EINVAL);
	tu_assert_one_message("past the virq space");
	tu_state_assert_unchanged(&st);

	assert_int_equal(irq_free_descs(FIRST_IRQ + 2, 1), 0);
	assert_non_null(irq_domain_create_legacy(&fw, SIZE, FIRST_IRQ, FIRST_HW,
						 &tu_counting_ops, &c));
	assert_int_equal(irq_domain_remove(irq_find_matching_fwnode(&fw,
						DOMAIN_BUS_ANY)), 0);
}

/* ->map fails for one hwirq of the range. */
struct failing {
	irq_hw_number_t bad;
	unsigned int map, unmap;
};

static int failing_map(struct irq_domain *d, unsigned int virq,
		       irq_hw_number_t hw)
{
	struct failing *f = d->host_data;

	f->map++;
	return hw == f->bad ? -EIO : 0;
}

static void failing_unmap(struct irq_domain *d, unsigned int virq)
{
	struct failing *f = d->host_data;

	f->unmap++;
}

static const struct irq_domain_ops failing_ops = {
	.map = failing_map,
	.unmap = failing_unmap,
};

static void map_failure_undoes_the_range(void **state)
{
	struct failing f = { .bad = FIRST_HW + 2 };
	struct tu_state st;

	(void)state;
	tu_state_save(&st);
	tu_log_capture_start();
	errno = 0;
	assert_null(irq_domain_create_legacy(NULL, SIZE, FIRST_IRQ, FIRST_HW,
					     &failing_ops, &f));
	assert_int_not_equal(errno, 0);
	assert_true(tu_log_contains("->map of hwirq 10"));
	tu_state_assert_unchanged(&st);
	/* The two lines mapped before the failure were unmapped again. */
	assert_int_equal(f.map, 3);
	assert_int_equal(f.unmap, 2);
	for (unsigned int i = 0; i < SIZE; i++)
		assert_null(irq_to_desc(FIRST_IRQ + i));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(legacy_maps_whole_range_with_a_pin,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(users_count_above_the_pin,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(remove_refused_while_users_hold_lines,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(taken_range_is_eexist,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(map_failure_undoes_the_range,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
