// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_refcount.c - saturating counts, counts at the maximum, and domains
 * without reference counting.
 */
#include <errno.h>

#include "testutil.h"
#include "core.h"

/* Put the count of @virq's mapping at @v, as if taken that many times. */
static void set_count(unsigned int virq, unsigned int v)
{
	struct irq_mapping *m;

	irqmap_read_lock();
	m = irqm_virq_to_mapping(virq);
	assert_non_null(m);
	irqm_ref_init(&m->ref, v);
	irqmap_read_unlock();
}

static void count_saturates_instead_of_wrapping(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct irq_fwspec f = { .param_count = 1, .param = { 3 } };
	struct fwnode_handle fw;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "sat", NULL);
	d = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 3);
	assert_int_not_equal(v, 0);
	set_count(v, IRQMAP_REFCOUNT_MAX - 1);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_MAX - 1);

	tu_log_capture_start();
	assert_int_equal(irq_create_mapping(d, 3), v);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_MAX);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(irq_create_mapping(d, 3), v);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_SATURATED);
	tu_assert_one_message("saturated");
	assert_int_equal(tu_log_level_of("saturated"), IRQMAP_LOG_WARN);
	/* Stuck: more creates (both paths) and disposes do not move it. */
	assert_int_equal(irq_create_mapping(d, 3), v);
	f.fwnode = &fw;
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_SATURATED);
	for (int i = 0; i < 10; i++)
		assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_SATURATED);
	/* Never freed. */
	assert_int_equal(c.unmap, 0);
	assert_int_equal(irq_find_mapping(d, 3), v);
	assert_non_null(irq_to_desc(v));
	assert_int_equal(irq_domain_mapcount(d), 1);
	assert_int_equal(irqmap_check(stderr), 0);

	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_true(tu_log_contains("still has 1 mapping"));
	assert_int_equal(irq_find_mapping(d, 3), v);
	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY), d);
	assert_int_equal(c.unmap, 0);
	/* irqmap_exit() frees it: see tu_teardown_expect_busy. */
}

/* The maximum is still a count: it drops, and climbs back without sticking. */
static void count_at_the_maximum_still_counts(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 1);
	assert_int_not_equal(v, 0);
	set_count(v, IRQMAP_REFCOUNT_MAX);
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_MAX - 1);
	assert_int_equal(irq_create_mapping(d, 1), v);
	assert_int_equal(irq_mapping_refcount(v), IRQMAP_REFCOUNT_MAX);
	assert_int_equal(tu_log_count(), 0);
	/* back to one reference: the next dispose is the last */
	set_count(v, 1);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_dispose_mapping(v), -ENOENT);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static int sat_root_alloc(struct irq_domain *d, unsigned int virq,
			  unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &dummy_irq_chip, NULL);
	return 0;
}

static const struct irq_domain_ops sat_root_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = sat_root_alloc,
	.free = irq_domain_free_irqs_common,
};

/*
 * A saturated vector of a multi-vector allocation pins the allocation:
 * irq_domain_free_irqs() refuses it (-EBUSY) and changes nothing, the
 * other vectors included; the domain cannot be removed.
 */
static void saturated_vector_pins_its_allocation(void **state)
{
	struct fwnode_handle fw;
	struct irq_fwspec spec = { .param_count = 1, .param = { 8 } };
	struct irq_domain *d;
	struct tu_state st;
	int base;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "sat-msi", NULL);
	d = irq_domain_create_linear(&fw, 64, &sat_root_ops, NULL);
	assert_non_null(d);
	spec.fwnode = &fw;
	base = irq_domain_alloc_irqs(d, 4, -1, &spec);
	assert_true(base > 0);
	set_count((unsigned int)base + 2, IRQMAP_REFCOUNT_MAX);
	tu_log_capture_start();
	assert_int_equal(irq_create_mapping(d, 10), (unsigned int)base + 2);
	tu_assert_one_message("saturated");
	assert_int_equal(irq_mapping_refcount((unsigned int)base + 2),
			 IRQMAP_REFCOUNT_SATURATED);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_domain_free_irqs((unsigned int)base, 4), -EBUSY);
	assert_true(tu_log_contains("is shared"));
	tu_state_assert_unchanged(&st);
	for (unsigned int i = 0; i < 4; i++)
		assert_int_equal(irq_mapping_refcount((unsigned int)base + i),
				 i == 2 ? IRQMAP_REFCOUNT_SATURATED : 1);
	assert_int_equal(irq_dispose_mapping((unsigned int)base + 2), 0);
	assert_int_equal(irq_mapping_refcount((unsigned int)base + 2),
			 IRQMAP_REFCOUNT_SATURATED);
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_int_equal(irqmap_check(stderr), 0);
	/* irqmap_exit() frees it: see tu_teardown_expect_busy. */
}

static void norefcount_create_is_idempotent(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(irq_domain_set_refcounting(d, false), 0);
	assert_true(d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT);
	v = irq_create_mapping(d, 2);
	assert_int_not_equal(v, 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(irq_create_mapping(d, 2), v);
		assert_int_equal(irq_mapping_refcount(v), 1);
	}
	assert_int_equal(c.map, 1);
	/* One dispose tears it down. */
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_find_mapping(d, 2), 0);
	assert_null(irq_to_desc(v));
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), -ENOENT);
	tu_assert_one_message("has no mapping");
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void norefcount_fwspec_follows_type_rules(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_domain *d;
	struct irq_fwspec f = { .param_count = 2,
				.param = { 4, IRQ_TYPE_EDGE_RISING } };
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "kernel-style", NULL);
	d = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(irq_domain_set_refcounting(d, false), 0);
	f.fwnode = &fw;
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), 1);
	tu_log_capture_start();
	f.param[1] = IRQ_TYPE_LEVEL_LOW;
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	tu_assert_one_message("type mismatch");
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_RISING);
	assert_int_equal(c.map, 1);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(d, 4), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void refcounting_switch_only_while_empty(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int v;

	(void)state;
	d = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 9);
	assert_int_not_equal(v, 0);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_domain_set_refcounting(d, false), -EBUSY);
	tu_assert_one_message("has mappings");
	tu_state_assert_unchanged(&st);
	assert_false(d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT);
	/* Still counting. */
	assert_int_equal(irq_create_mapping(d, 9), v);
	assert_int_equal(irq_mapping_refcount(v), 2);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(d, 9), 0);

	/* Empty again: both ways work, and counting comes back. */
	assert_int_equal(irq_domain_set_refcounting(d, false), 0);
	v = irq_create_mapping(d, 9);
	assert_int_equal(irq_create_mapping(d, 9), v);
	assert_int_equal(irq_mapping_refcount(v), 1);
	tu_log_capture_start();
	assert_int_equal(irq_domain_set_refcounting(d, true), -EBUSY);
	tu_assert_one_message("has mappings");
	assert_true(d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_set_refcounting(d, true), 0);
	assert_false(d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT);
	v = irq_create_mapping(d, 9);
	assert_int_equal(irq_create_mapping(d, 9), v);
	assert_int_equal(irq_mapping_refcount(v), 2);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(d, 9), v);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.map, c.unmap);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(count_saturates_instead_of_wrapping,
						tu_setup, tu_teardown_expect_busy),
		cmocka_unit_test_setup_teardown(count_at_the_maximum_still_counts,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(saturated_vector_pins_its_allocation,
						tu_setup, tu_teardown_expect_busy),
		cmocka_unit_test_setup_teardown(norefcount_create_is_idempotent,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(norefcount_fwspec_follows_type_rules,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(refcounting_switch_only_while_empty,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
