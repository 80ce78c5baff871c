// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_hierarchy.c - reference-counted mappings across hierarchical
 * domains: sharing, multi-vector allocations, failure at every level,
 * removal, lookups at every level, trimming and activation.
 */
#include <errno.h>

#include "hiertest.h"

static struct ht h;

static int setup(void **state)
{
	if (tu_setup(state))
		return -1;
	ht_create(&h);
	return 0;
}

static int teardown(void **state)
{
	ht_remove(&h);
	ht_assert_balanced(&h);
	assert_int_equal(irqmap_check(stderr), 0);
	return tu_teardown(state);
}

/* Several devices on INTA share one mapping: one alloc per level. */
static void intx_shared_through_hierarchy(void **state)
{
	unsigned int a = ht_map_intx(&h, 0), b = ht_map_intx(&h, 0);
	unsigned int c = ht_map_intx(&h, 0), other = ht_map_intx(&h, 1);
	struct irq_data *top;

	assert_int_not_equal(a, 0);
	assert_int_equal(a, b);
	assert_int_equal(a, c);
	assert_int_not_equal(a, other);
	assert_int_equal(irq_mapping_refcount(a), 3);
	assert_int_equal(h.intx.alloc, 2);
	assert_int_equal(h.gic.alloc, 2);

	top = irq_get_irq_data(a);
	assert_ptr_equal(top->domain, h.intx.d);
	assert_int_equal(top->hwirq, 0);
	assert_non_null(top->parent_data);
	assert_ptr_equal(top->parent_data->domain, h.gic.d);
	assert_int_equal(top->parent_data->hwirq, 32);
	assert_null(top->parent_data->parent_data);

	/* every level finds the same virq for its own hwirq */
	assert_int_equal(irq_find_mapping(h.intx.d, 0), a);
	assert_int_equal(irq_find_mapping(h.gic.d, 32), a);
	assert_int_equal(irq_find_mapping(h.gic.d, 33), other);
	assert_int_equal(irq_domain_mapcount(h.gic.d), 2);

	/* the first two unplugs leave the line, the last frees every level */
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(h.intx.free, 0);
	assert_int_equal(irq_find_mapping(h.gic.d, 32), a);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(h.intx.free, 1);
	assert_int_equal(h.gic.free, 1);
	assert_int_equal(irq_find_mapping(h.intx.d, 0), 0);
	assert_int_equal(irq_find_mapping(h.gic.d, 32), 0);
	assert_null(irq_to_desc(a));
	assert_int_equal(irq_dispose_mapping(other), 0);
}

/* A device wired straight to the root shares the line the bridge uses. */
static void root_create_shares_child_mapping(void **state)
{
	struct irq_fwspec spec = {
		.fwnode = &h.gic.fwnode, .param_count = 2,
		.param = { 32, IRQ_TYPE_NONE },
	};
	unsigned int a = ht_map_intx(&h, 0);
	unsigned int r = irq_create_fwspec_mapping(&spec);

	assert_int_equal(a, r);
	assert_int_equal(irq_mapping_refcount(a), 2);
	assert_int_equal(h.gic.alloc, 1);
	assert_int_equal(irq_dispose_mapping(r), 0);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(h.gic.free, 1);
}

static void msi_vectors(void **state)
{
	static const unsigned int sizes[] = { 1, 4, 32 };
	struct ht_msi_arg arg = { 0 };
	int base[3];

	for (unsigned int s = 0; s < 3; s++) {
		base[s] = irq_domain_alloc_irqs(h.msi.d, sizes[s], -1, &arg);
		assert_true(base[s] > 0);
		for (unsigned int i = 0; i < sizes[s]; i++) {
			unsigned int v = (unsigned int)base[s] + i;
			struct irq_data *d = irq_get_irq_data(v);

			assert_int_equal(irq_find_mapping(h.msi.d, arg.hwirq + i), v);
			assert_int_equal(irq_find_mapping(h.its.d, arg.hwirq + i), v);
			assert_int_equal(irq_find_mapping(h.gic.d, 512 + arg.hwirq + i), v);
			assert_int_equal(irq_mapping_refcount(v), 1);
			assert_ptr_equal(d->parent_data->parent_data->domain, h.gic.d);
		}
		arg.hwirq += sizes[s];
	}
	assert_int_equal(h.msi.alloc, 37);
	assert_int_equal(h.its.alloc, 37);
	assert_int_equal(h.gic.alloc, 37);
	assert_int_equal(irq_domain_mapcount(h.gic.d), 37);

	/* the range must be exactly one allocation */
	assert_int_equal(irq_domain_free_irqs((unsigned int)base[2], 31), -EBUSY);
	assert_int_equal(irq_domain_free_irqs((unsigned int)base[2] + 1, 31), -EBUSY);
	/* a shared vector blocks the free, and nothing changes */
	assert_int_equal(irq_create_mapping(h.msi.d, 4 + 3), (unsigned int)base[2] + 2);
	assert_int_equal(irq_domain_free_irqs((unsigned int)base[2], 32), -EBUSY);
	assert_int_equal(irq_mapping_refcount((unsigned int)base[2]), 1);
	assert_int_equal(irq_mapping_refcount((unsigned int)base[2] + 2), 2);
	assert_int_equal(h.msi.free, 0);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_dispose_mapping((unsigned int)base[2] + 2), 0);

	for (unsigned int s = 0; s < 3; s++)
		assert_int_equal(irq_domain_free_irqs((unsigned int)base[s],
						      sizes[s]), 0);
	assert_int_equal(h.msi.free, 37);
	assert_int_equal(irq_domain_mapcount(h.gic.d), 0);
	assert_int_equal(irq_domain_free_irqs((unsigned int)base[0], 1), -ENOENT);
}

/* Failure at every level leaves no trace, even with a careless driver. */
static void failure_at_each_level(void **state)
{
	struct ht_level *levels[] = { &h.gic, &h.its, &h.msi };
	struct ht_msi_arg arg = { 7 };

	tu_log_capture_start();
	for (unsigned int i = 0; i < 3; i++) {
		unsigned long before[3] = { h.gic.alloc - h.gic.free,
					    h.its.alloc - h.its.free,
					    h.msi.alloc - h.msi.free };

		levels[i]->fail_alloc = -ENOSPC;
		assert_int_equal(irq_domain_alloc_irqs(h.msi.d, 4, -1, &arg),
				 -ENOSPC);
		levels[i]->fail_alloc = 0;
		assert_int_equal(h.gic.alloc - h.gic.free, before[0]);
		assert_int_equal(h.its.alloc - h.its.free, before[1]);
		assert_int_equal(h.msi.alloc - h.msi.free, before[2]);
		assert_int_equal(irq_domain_mapcount(h.gic.d), 0);
		assert_int_equal(irq_find_mapping(h.msi.d, 7), 0);
		assert_int_equal(irqmap_check(stderr), 0);
	}
	/* the msi level fails after its parents succeeded and leaks them */
	h.msi.fail_after_parent = -EIO;
	h.msi.leak_parent = 1;
	assert_int_equal(irq_domain_alloc_irqs(h.msi.d, 4, -1, &arg), -EIO);
	assert_int_equal(h.its.alloc, h.its.free);
	/* a careful driver frees them itself: still exactly once */
	h.msi.leak_parent = 0;
	assert_int_equal(irq_domain_alloc_irqs(h.msi.d, 4, -1, &arg), -EIO);
	h.msi.fail_after_parent = 0;
	assert_int_equal(h.its.alloc, 8);
	assert_int_equal(h.its.free, 8);
	assert_int_equal(h.gic.free, 8);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_true(tu_log_contains("allocation of 4 interrupts failed"));
}

/* A hwirq already used at some level makes the allocation fail cleanly. */
static void conflicting_parent_line(void **state)
{
	struct ht_msi_arg arg = { 0 };
	struct irq_fwspec spec = {
		.fwnode = &h.gic.fwnode, .param_count = 2, .param = { 514, 4 },
	};
	unsigned int direct = irq_create_fwspec_mapping(&spec);

	tu_log_capture_start();
	assert_int_not_equal(direct, 0);
	assert_int_equal(irq_domain_alloc_irqs(h.msi.d, 4, -1, &arg), -EEXIST);
	assert_true(tu_log_contains("already mapped"));
	assert_int_equal(irq_domain_mapcount(h.msi.d), 0);
	assert_int_equal(irq_mapping_refcount(direct), 1);
	assert_int_equal(irq_dispose_mapping(direct), 0);
	ht_assert_balanced(&h);
}

static void remove_refused_while_used(void **state)
{
	unsigned int a = ht_map_intx(&h, 2);

	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(h.gic.d), -EBUSY);
	assert_true(tu_log_contains("child domain"));
	assert_int_equal(irq_domain_remove(h.intx.d), -EBUSY);
	assert_true(tu_log_contains("still maps hwirq 2"));
	assert_int_equal(irq_dispose_mapping(a), 0);
}

/* A level that disconnects its parent trims the hierarchy there. */
static void disconnected_levels_are_trimmed(void **state)
{
	struct ht_msi_arg arg = { 3 };
	int v;

	h.its.disconnect_parent = 1;
	v = irq_domain_alloc_irqs(h.msi.d, 2, -1, &arg);
	h.its.disconnect_parent = 0;
	assert_true(v > 0);
	assert_null(irq_get_irq_data((unsigned int)v)->parent_data->parent_data);
	assert_int_equal(irq_find_mapping(h.its.d, 3), (unsigned int)v);
	assert_int_equal(irq_domain_mapcount(h.gic.d), 0);
	assert_int_equal(h.gic.alloc, 0);
	assert_int_equal(irq_domain_free_irqs((unsigned int)v, 2), 0);
	assert_int_equal(h.gic.free, 0);
	assert_int_equal(h.its.free, 2);
}

static void activation_order(void **state)
{
	unsigned int a = ht_map_intx(&h, 3);
	struct irq_data *d = irq_get_irq_data(a);

	assert_int_equal(irq_domain_activate_irq(d, false), 0);
	assert_int_equal(h.gic.activate, 1);
	assert_int_equal(h.intx.activate, 1);
	assert_int_equal(irq_domain_activate_irq(d, false), 0);
	assert_int_equal(h.gic.activate, 1);
	/* the last dispose deactivates before it frees */
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(h.intx.deactivate, 1);
	assert_int_equal(h.gic.deactivate, 1);
}

static void bad_input(void **state)
{
	struct ht_msi_arg arg = { 0 };
	struct irq_fwspec bad = {
		.fwnode = &h.intx.fwnode, .param_count = 0,
	};

	tu_log_capture_start();
	assert_null(irq_domain_create_hierarchy(NULL, 0, 4, NULL, &tu_counting_ops,
						NULL));
	assert_true(tu_log_contains("NULL parent"));
	assert_int_equal(irq_domain_alloc_irqs(NULL, 1, -1, &arg), -EINVAL);
	assert_int_equal(irq_domain_alloc_irqs(h.msi.d, 0, -1, &arg), -EINVAL);
	assert_int_equal(irq_domain_alloc_irqs(h.msi.d, irq_get_nr_irqs(), -1,
					       &arg), -EINVAL);
	assert_int_equal(irq_create_fwspec_mapping(&bad), 0);
	assert_true(tu_log_contains("cannot translate"));
	/* pin 9 does not exist on a 4-pin bridge: the level refuses it */
	assert_int_equal(ht_map_intx(&h, 9), 0);
	assert_int_equal(irq_domain_free_irqs(0, 1), -EINVAL);
	assert_int_equal(irq_domain_mapcount(h.gic.d), 0);
	assert_int_equal(irqmap_check(stderr), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(intx_shared_through_hierarchy, setup, teardown),
		cmocka_unit_test_setup_teardown(root_create_shares_child_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(msi_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(failure_at_each_level, setup, teardown),
		cmocka_unit_test_setup_teardown(conflicting_parent_line, setup, teardown),
		cmocka_unit_test_setup_teardown(remove_refused_while_used, setup, teardown),
		cmocka_unit_test_setup_teardown(disconnected_levels_are_trimmed, setup, teardown),
		cmocka_unit_test_setup_teardown(activation_order, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_input, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
