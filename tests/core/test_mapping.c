// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_mapping.c - irq_create_mapping: new mappings, shared ones, linear and tree domains. */
#include <limits.h>
#include <stdlib.h>

#include "testutil.h"

/* Ops that record what ->map and ->unmap saw of the descriptor. */
struct seen {
	unsigned long map, unmap;
	unsigned int map_virq;
	irq_hw_number_t map_hwirq;
	int map_desc_ok;		/* descriptor allocated and bound in ->map */
	int unmap_desc_ok;		/* still allocated and bound in ->unmap */
	int unmap_still_found;		/* irq_find_mapping() during ->unmap */
};

static int seen_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	struct seen *s = d->host_data;
	struct irq_data *data = irq_get_irq_data(virq);

	s->map++;
	s->map_virq = virq;
	s->map_hwirq = hw;
	s->map_desc_ok = irq_to_desc(virq) != NULL && data &&
			 data->irq == virq && data->hwirq == hw &&
			 data->domain == d;
	return irq_set_chip(virq, &dummy_irq_chip);
}

static void seen_unmap(struct irq_domain *d, unsigned int virq)
{
	struct seen *s = d->host_data;
	struct irq_data *data = irq_get_irq_data(virq);

	s->unmap++;
	s->unmap_desc_ok = data && data->irq == virq && data->domain == d &&
			   data->hwirq == s->map_hwirq;
	s->unmap_still_found = irq_find_mapping(d, s->map_hwirq) == virq;
}

static const struct irq_domain_ops seen_ops = {
	.map = seen_map,
	.unmap = seen_unmap,
};

static void new_mapping_allocates_and_maps_once(void **state)
{
	struct tu_counts c = { 0 };
	unsigned int before = tu_nr_allocated_virqs();
	struct irq_domain *d;
	struct irq_data *data;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 16, &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(irq_find_mapping(d, 7), 0);
	assert_null(irq_to_desc(1));

	v = irq_create_mapping(d, 7);
	assert_int_not_equal(v, 0);
	assert_int_equal(c.map, 1);
	assert_int_equal(c.unmap, 0);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(irq_find_mapping(d, 7), v);
	assert_int_equal(irq_domain_mapcount(d), 1);
	assert_int_equal(tu_nr_allocated_virqs(), before + 1);
	assert_non_null(irq_to_desc(v));
	assert_int_equal(irq_desc_get_irq(irq_to_desc(v)), v);
	data = irq_get_irq_data(v);
	assert_non_null(data);
	assert_ptr_equal(data, irq_desc_get_irq_data(irq_to_desc(v)));
	assert_int_equal(data->irq, v);
	assert_int_equal(irqd_to_hwirq(data), 7);
	assert_ptr_equal(data->domain, d);
	assert_ptr_equal(data->chip, &dummy_irq_chip);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_NONE);
	assert_int_equal(irqmap_check(stderr), 0);

	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(tu_nr_allocated_virqs(), before);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void existing_mapping_takes_reference_without_map(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v, i;

	(void)state;
	d = irq_domain_create_linear(NULL, 16, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 3);
	assert_int_not_equal(v, 0);
	for (i = 2; i <= 5; i++) {
		unsigned int descs = tu_nr_allocated_virqs();

		assert_int_equal(irq_create_mapping(d, 3), v);
		assert_int_equal(irq_mapping_refcount(v), i);
		assert_int_equal(tu_nr_allocated_virqs(), descs);
	}
	assert_int_equal(c.map, 1);
	assert_int_equal(irq_domain_mapcount(d), 1);
	assert_int_equal(irqmap_check(stderr), 0);

	for (i = 5; i > 1; i--) {
		assert_int_equal(irq_dispose_mapping(v), 0);
		assert_int_equal(irq_mapping_refcount(v), i - 1);
		assert_int_equal(irq_find_mapping(d, 3), v);
	}
	assert_int_equal(c.unmap, 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_find_mapping(d, 3), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void distinct_hwirqs_get_distinct_virqs(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v[8];

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	for (unsigned int i = 0; i < 8; i++) {
		v[i] = irq_create_mapping(d, i);
		assert_int_not_equal(v[i], 0);
		for (unsigned int j = 0; j < i; j++)
			assert_int_not_equal(v[i], v[j]);
	}
	assert_int_equal(c.map, 8);
	assert_int_equal(irq_domain_mapcount(d), 8);
	for (unsigned int i = 0; i < 8; i++) {
		assert_int_equal(irq_find_mapping(d, i), v[i]);
		assert_int_equal(irq_get_irq_data(v[i])->hwirq, i);
		assert_int_equal(irq_mapping_refcount(v[i]), 1);
	}
	assert_int_equal(irqmap_check(stderr), 0);
	/* Disposing one line leaves the others alone. */
	assert_int_equal(irq_dispose_mapping(v[4]), 0);
	for (unsigned int i = 0; i < 8; i++)
		assert_int_equal(irq_find_mapping(d, i), i == 4 ? 0 : v[i]);
	for (unsigned int i = 0; i < 8; i++)
		if (i != 4)
			assert_int_equal(irq_dispose_mapping(v[i]), 0);
	assert_int_equal(c.unmap, 8);
	assert_int_equal(irq_domain_mapcount(d), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void same_hwirq_in_two_domains_are_two_mappings(void **state)
{
	struct tu_counts ca = { 0 }, cb = { 0 };
	struct irq_domain *a, *b;
	unsigned int va, vb;

	(void)state;
	a = irq_domain_create_linear(NULL, 4, &tu_counting_ops, &ca);
	b = irq_domain_create_tree(NULL, &tu_counting_ops, &cb);
	assert_non_null(a);
	assert_non_null(b);
	va = irq_create_mapping(a, 2);
	vb = irq_create_mapping(b, 2);
	assert_int_not_equal(va, 0);
	assert_int_not_equal(vb, 0);
	assert_int_not_equal(va, vb);
	assert_int_equal(ca.map, 1);
	assert_int_equal(cb.map, 1);
	assert_ptr_equal(irq_get_irq_data(va)->domain, a);
	assert_ptr_equal(irq_get_irq_data(vb)->domain, b);
	assert_int_equal(irq_dispose_mapping(va), 0);
	assert_int_equal(irq_find_mapping(b, 2), vb);
	assert_int_equal(irq_dispose_mapping(vb), 0);
	assert_int_equal(irq_domain_remove(a), 0);
	assert_int_equal(irq_domain_remove(b), 0);
}

static void tree_domain_takes_sparse_huge_hwirqs(void **state)
{
	static const irq_hw_number_t hw[] = {
		0, 1000003, 1ul << 32, (1ul << 40) + 5, ULONG_MAX - 1,
	};
	const unsigned int n = sizeof(hw) / sizeof(hw[0]);
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v[5];

	(void)state;
	d = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(d->revmap_size, 0);
	assert_int_equal(d->hwirq_max, ULONG_MAX);
	for (unsigned int i = 0; i < n; i++) {
		v[i] = irq_create_mapping(d, hw[i]);
		assert_int_not_equal(v[i], 0);
		assert_int_equal(irq_create_mapping(d, hw[i]), v[i]);
	}
	assert_int_equal(c.map, n);
	assert_int_equal(irq_domain_mapcount(d), n);
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(irq_find_mapping(d, hw[i]), v[i]);
		assert_int_equal(irq_mapping_refcount(v[i]), 2);
		assert_int_equal(irq_get_irq_data(v[i])->hwirq, hw[i]);
	}
	/* Neighbours of mapped lines are not mapped. */
	assert_int_equal(irq_find_mapping(d, 1), 0);
	assert_int_equal(irq_find_mapping(d, 1ul << 40), 0);
	assert_int_equal(irq_find_mapping(d, (1ul << 32) + 1), 0);
	assert_int_equal(irqmap_check(stderr), 0);
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
		assert_int_equal(irq_find_mapping(d, hw[i]), 0);
	}
	assert_int_equal(c.unmap, n);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void tree_domain_grows_with_many_mappings(void **state)
{
	enum { N = 3000 };
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int *v = calloc(N, sizeof(*v));

	(void)state;
	assert_non_null(v);
	d = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(d);
	for (unsigned long i = 0; i < N; i++) {
		v[i] = irq_create_mapping(d, (i * 7919ul) << 20);
		assert_int_not_equal(v[i], 0);
	}
	assert_int_equal(irq_domain_mapcount(d), N);
	for (unsigned long i = 0; i < N; i++)
		assert_int_equal(irq_find_mapping(d, (i * 7919ul) << 20), v[i]);
	assert_int_equal(irqmap_check(stderr), 0);
	for (unsigned long i = 0; i < N; i += 2)
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	for (unsigned long i = 0; i < N; i++)
		assert_int_equal(irq_find_mapping(d, (i * 7919ul) << 20),
				 i % 2 ? v[i] : 0);
	for (unsigned long i = 1; i < N; i += 2)
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	assert_int_equal(c.map, N);
	assert_int_equal(c.unmap, N);
	assert_int_equal(irq_domain_mapcount(d), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	free(v);
}

static void linear_domain_bounds(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 32, &tu_counting_ops, &c);
	assert_non_null(d);
	assert_int_equal(d->revmap_size, 32);
	assert_int_equal(d->hwirq_max, 32);
	v = irq_create_mapping(d, 31);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(d, 31), v);
	/* Lookups past the end are answered, silently, with "not mapped". */
	tu_log_capture_start();
	assert_int_equal(irq_find_mapping(d, 32), 0);
	assert_int_equal(irq_find_mapping(d, ULONG_MAX), 0);
	irqmap_read_lock();
	assert_null(irq_resolve_mapping(d, 32));
	irqmap_read_unlock();
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void resolve_mapping_gives_the_descriptor(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *lin, *tree;
	struct irq_desc *desc;
	unsigned int vl, vt;

	(void)state;
	lin = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	tree = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(lin);
	assert_non_null(tree);
	vl = irq_create_mapping(lin, 5);
	vt = irq_create_mapping(tree, 1ul << 36);
	assert_int_not_equal(vl, 0);
	assert_int_not_equal(vt, 0);

	irqmap_read_lock();
	desc = irq_resolve_mapping(lin, 5);
	assert_non_null(desc);
	assert_ptr_equal(desc, irq_to_desc(vl));
	assert_int_equal(irq_desc_get_irq(desc), vl);
	assert_int_equal(irq_desc_get_irq_data(desc)->hwirq, 5);
	desc = irq_resolve_mapping(tree, 1ul << 36);
	assert_non_null(desc);
	assert_ptr_equal(desc, irq_to_desc(vt));
	assert_null(irq_resolve_mapping(lin, 4));
	assert_null(irq_resolve_mapping(tree, 5));
	assert_null(irq_resolve_mapping(NULL, 5));
	irqmap_read_unlock();

	assert_int_equal(irq_dispose_mapping(vl), 0);
	assert_int_equal(irq_dispose_mapping(vt), 0);
	irqmap_read_lock();
	assert_null(irq_resolve_mapping(lin, 5));
	assert_null(irq_resolve_mapping(tree, 1ul << 36));
	irqmap_read_unlock();
	assert_int_equal(irq_domain_remove(lin), 0);
	assert_int_equal(irq_domain_remove(tree), 0);
}

static void callbacks_see_a_bound_descriptor(void **state)
{
	struct seen s = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &seen_ops, &s);
	assert_non_null(d);
	v = irq_create_mapping(d, 6);
	assert_int_not_equal(v, 0);
	assert_int_equal(s.map, 1);
	assert_int_equal(s.map_virq, v);
	assert_int_equal(s.map_hwirq, 6);
	assert_true(s.map_desc_ok);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(s.unmap, 1);
	assert_true(s.unmap_desc_ok);
	assert_int_equal(irq_find_mapping(d, 6), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void domain_without_map_callback_maps(void **state)
{
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 4, &irq_domain_simple_ops, NULL);
	assert_non_null(d);
	v = irq_create_mapping(d, 1);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_ptr_equal(irq_get_irq_data(v)->chip, &no_irq_chip);
	assert_int_equal(irq_create_mapping(d, 1), v);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(d, 1), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void find_mapping_without_domain_uses_default_host(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	assert_null(irq_get_default_host());
	assert_int_equal(irq_find_mapping(NULL, 2), 0);
	d = irq_domain_create_linear(NULL, 4, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 2);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(NULL, 2), 0);
	irq_set_default_host(d);
	assert_ptr_equal(irq_get_default_host(), d);
	assert_int_equal(irq_find_mapping(NULL, 2), v);
	assert_int_equal(irq_find_mapping(NULL, 3), 0);
	assert_int_equal(irq_find_mapping(NULL, 4), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(NULL, 2), 0);
	/* Removing the default host clears it. */
	assert_int_equal(irq_domain_remove(d), 0);
	assert_null(irq_get_default_host());
	assert_int_equal(irq_find_mapping(NULL, 2), 0);
}

/* A type set by ->map survives a create that asks for none. */
static int typed_map(struct irq_domain *d, unsigned int virq,
		     irq_hw_number_t hw)
{
	(void)d;
	(void)hw;
	return irq_set_irq_type(virq, IRQ_TYPE_LEVEL_LOW);
}

static const struct irq_domain_ops typed_ops = { .map = typed_map };

static void type_set_by_map_is_kept(void **state)
{
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 4, &typed_ops, NULL);
	assert_non_null(d);
	v = irq_create_mapping(d, 1);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_LEVEL_LOW);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(type_set_by_map_is_kept,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(new_mapping_allocates_and_maps_once,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(existing_mapping_takes_reference_without_map,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(distinct_hwirqs_get_distinct_virqs,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(same_hwirq_in_two_domains_are_two_mappings,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(tree_domain_takes_sparse_huge_hwirqs,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(tree_domain_grows_with_many_mappings,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(linear_domain_bounds,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(resolve_mapping_gives_the_descriptor,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(callbacks_see_a_bound_descriptor,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(domain_without_map_callback_maps,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(find_mapping_without_domain_uses_default_host,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
