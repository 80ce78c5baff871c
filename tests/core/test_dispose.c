// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_dispose.c - irq_dispose_mapping: one reference per call, teardown on the last. */
#include <errno.h>

#include "testutil.h"
#include "core.h"

static void dispose_drops_one_reference(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 1);
	assert_int_equal(irq_create_mapping(d, 1), v);
	assert_int_equal(irq_create_mapping(d, 1), v);
	assert_int_equal(irq_mapping_refcount(v), 3);

	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_mapping_refcount(v), 2);
	assert_int_equal(irq_find_mapping(d, 1), v);
	assert_non_null(irq_to_desc(v));
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(irq_find_mapping(d, 1), v);
	assert_int_equal(c.unmap, 0);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void last_dispose_unmaps_once(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v, descs;

	(void)state;
	d = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(d);
	descs = tu_nr_allocated_virqs();
	v = irq_create_mapping(d, 77);
	assert_int_not_equal(v, 0);
	assert_int_equal(tu_nr_allocated_virqs(), descs + 1);

	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.map, 1);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_find_mapping(d, 77), 0);
	assert_null(irq_to_desc(v));
	assert_null(irq_get_irq_data(v));
	assert_int_equal(irq_mapping_refcount(v), 0);
	assert_int_equal(irq_domain_mapcount(d), 0);
	assert_int_equal(tu_nr_allocated_virqs(), descs);
	irqmap_read_lock();
	assert_null(irq_resolve_mapping(d, 77));
	irqmap_read_unlock();
	assert_int_equal(irqmap_check(stderr), 0);

	/* Another dispose of the gone mapping calls nothing. */
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), -ENOENT);
	tu_assert_one_message("no mapping");
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void dispose_zero_is_noop(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 0);
	assert_int_not_equal(v, 0);
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(0), 0);
	assert_int_equal(tu_log_count(), 0);
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(c.unmap, 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void dispose_unmapped_virq_is_enoent(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int v;
	int bare;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 2);
	assert_int_not_equal(v, 0);
	bare = irq_alloc_descs(-1, 1, 1, 0);
	assert_true(bare > 0);

	tu_state_save(&st);
	/* Never allocated. */
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(4242), -ENOENT);
	tu_assert_one_message("virq 4242 has no mapping");
	/* Past the virq space. */
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(irq_get_nr_irqs() + 5), -ENOENT);
	tu_assert_one_message("has no mapping");
	/* Allocated, but never mapped: the descriptor stays. */
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping((unsigned int)bare), -ENOENT);
	tu_assert_one_message("has no mapping");
	assert_non_null(irq_to_desc((unsigned int)bare));
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(c.unmap, 0);

	assert_int_equal(irq_free_descs((unsigned int)bare, 1), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/*
 * A reader inside irqmap_read_lock() keeps using the descriptor it found
 * while the last reference goes: it is unpublished at once but freed only
 * after the grace period (AddressSanitizer reports an early free).
 */
static void descriptor_outlives_readers(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct irq_desc *desc;
	struct irq_data *data;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 6);
	assert_int_not_equal(v, 0);

	irqmap_read_lock();
	desc = irq_resolve_mapping(d, 6);
	assert_non_null(desc);
	data = irq_desc_get_irq_data(desc);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_null(irq_to_desc(v));
	assert_int_equal(irq_find_mapping(d, 6), 0);
	/* Still readable until the read-side section ends. */
	assert_int_equal(irq_desc_get_irq(desc), v);
	assert_int_equal(data->irq, v);
	assert_int_equal(data->hwirq, 6);
	assert_ptr_equal(data->domain, d);
	assert_ptr_equal(data->chip, &dummy_irq_chip);
	irqmap_read_unlock();

	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void recreate_after_last_dispose_is_fresh(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v, w;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 3);
	assert_int_equal(irq_dispose_mapping(v), 0);
	w = irq_create_mapping(d, 3);
	assert_int_not_equal(w, 0);
	assert_int_not_equal(w, v);
	assert_int_equal(c.map, 2);
	assert_int_equal(irq_mapping_refcount(w), 1);
	assert_int_equal(irq_find_mapping(d, 3), w);
	assert_null(irq_to_desc(v));
	assert_int_equal(irq_dispose_mapping(w), 0);
	assert_int_equal(c.unmap, 2);
	assert_int_equal(irq_domain_remove(d), 0);
}

/*
 * The last reference cannot go while handlers are requested on the line.
 */
static irqreturn_t quiet_handler(int irq, void *dev)
{
	(void)irq;
	(void)dev;
	return IRQ_HANDLED;
}

static void last_dispose_with_handlers_is_busy(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int v;
	int dev;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 5);
	assert_int_equal(irq_create_mapping(d, 5), v);
	assert_int_equal(request_irq(v, quiet_handler, 0, "t", &dev), 0);

	/* Not the last reference: fine. */
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_mapping_refcount(v), 1);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), -EBUSY);
	tu_assert_one_message("still has handlers");
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(c.unmap, 0);

	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(dispose_drops_one_reference,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(last_dispose_unmaps_once,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(dispose_zero_is_noop,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(dispose_unmapped_virq_is_enoent,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(descriptor_outlives_readers,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(recreate_after_last_dispose_is_fresh,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(last_dispose_with_handlers_is_busy,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
