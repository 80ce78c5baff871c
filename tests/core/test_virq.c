// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_virq.c - the virq space: next-fit, wrap-around, stale disposes, ranges. */
#include <errno.h>

#include "testutil.h"
#include "core.h"

static void disposed_virq_is_not_reused_before_wrap(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int prev, v;

	(void)state;
	d = irq_domain_create_linear(NULL, 4, &tu_counting_ops, &c);
	assert_non_null(d);
	prev = irq_create_mapping(d, 0);
	assert_int_not_equal(prev, 0);
	assert_int_equal(irq_dispose_mapping(prev), 0);
	/* The same line, mapped and unmapped again and again: always a new number. */
	for (int i = 0; i < 200; i++) {
		v = irq_create_mapping(d, i % 4);
		assert_int_equal(v, prev + 1);
		assert_int_equal(irq_dispose_mapping(v), 0);
		prev = v;
	}
	assert_int_equal(c.map, 201);
	assert_int_equal(c.unmap, 201);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void next_fit_wraps_at_end_of_space(void **state)
{
	unsigned int nr = irq_get_nr_irqs();
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int low, kept, a, b, w;

	(void)state;
	assert_true(nr >= 64);
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	low = irq_create_mapping(d, 0);		/* freed before the wrap */
	kept = irq_create_mapping(d, 1);	/* still mapped at the wrap */
	assert_int_equal(low, 1);
	assert_int_equal(kept, 2);
	assert_int_equal(irq_dispose_mapping(low), 0);

	irqm_desc_set_cursor(nr - 2);
	a = irq_create_mapping(d, 2);
	b = irq_create_mapping(d, 3);
	assert_int_equal(a, nr - 2);
	assert_int_equal(b, nr - 1);
	/* The end is reached: the search starts again from the bottom. */
	w = irq_create_mapping(d, 4);
	assert_int_equal(w, low);
	/* Taken numbers are skipped. */
	assert_int_equal(irq_create_mapping(d, 5), 3);
	assert_int_equal(irq_find_mapping(d, 1), kept);
	assert_int_equal(irqmap_check(stderr), 0);

	assert_int_equal(irq_dispose_mapping(kept), 0);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(irq_dispose_mapping(b), 0);
	assert_int_equal(irq_dispose_mapping(w), 0);
	assert_int_equal(irq_dispose_mapping(3), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void wrap_with_range_that_does_not_fit_at_end(void **state)
{
	unsigned int nr = irq_get_nr_irqs();
	int r;

	(void)state;
	irqm_desc_set_cursor(nr - 3);
	/* Four do not fit in the last three: taken from the bottom. */
	r = irq_alloc_descs(-1, 1, 4, 0);
	assert_int_equal(r, 1);
	for (unsigned int i = 1; i <= 4; i++)
		assert_non_null(irq_to_desc(i));
	assert_null(irq_to_desc(nr - 3));
	assert_int_equal(irq_free_descs(1, 4), 0);
	/* A cursor outside the space starts from the bottom again. */
	irqm_desc_set_cursor(nr + 10);
	r = irq_alloc_descs(-1, 1, 1, 0);
	assert_int_equal(r, 1);
	assert_int_equal(irq_free_descs(1, 1), 0);
}

static void stale_dispose_does_not_hit_another_line(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int a, b;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	a = irq_create_mapping(d, 0);
	assert_int_equal(irq_dispose_mapping(a), 0);
	/* Another device maps a line meanwhile. */
	b = irq_create_mapping(d, 1);
	assert_int_not_equal(b, 0);
	assert_int_not_equal(a, b);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(a), -ENOENT);
	tu_assert_one_message("has no mapping");
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_mapping_refcount(b), 1);
	assert_int_equal(irq_find_mapping(d, 1), b);
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_dispose_mapping(b), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void alloc_descs_gives_contiguous_ranges(void **state)
{
	int r1, r2, r3, hole;
	unsigned int before = tu_nr_allocated_virqs();

	(void)state;
	r1 = irq_alloc_descs(-1, 1000, 8, 0);
	assert_true(r1 >= 1000);
	for (int i = 0; i < 8; i++) {
		struct irq_desc *desc = irq_to_desc((unsigned int)(r1 + i));

		assert_non_null(desc);
		assert_int_equal(irq_desc_get_irq(desc), r1 + i);
		assert_int_equal(irq_mapping_refcount((unsigned int)(r1 + i)), 0);
	}
	assert_int_equal(tu_nr_allocated_virqs(), before + 8);

	/* The next range starts where the previous one ended. */
	r2 = irq_alloc_descs(-1, 1000, 4, 0);
	assert_int_equal(r2, r1 + 8);

	/* A range does not straddle a taken virq. */
	hole = irq_alloc_descs(2000, 2000, 1, 0);
	assert_int_equal(hole, 2000);
	r3 = irq_alloc_descs(-1, 1996, 8, 0);
	assert_int_equal(r3, 2001);
	for (int i = 1996; i < 2000; i++)
		assert_null(irq_to_desc((unsigned int)i));
	assert_int_equal(irqmap_check(stderr), 0);

	assert_int_equal(irq_free_descs((unsigned int)r1, 8), 0);
	for (int i = 0; i < 8; i++)
		assert_null(irq_to_desc((unsigned int)(r1 + i)));
	assert_int_equal(irq_free_descs((unsigned int)r2, 4), 0);
	assert_int_equal(irq_free_descs(2000, 1), 0);
	assert_int_equal(irq_free_descs((unsigned int)r3, 8), 0);
	assert_int_equal(tu_nr_allocated_virqs(), before);
}

static void alloc_descs_specific_taken_is_eexist(void **state)
{
	struct tu_state st;

	(void)state;
	assert_int_equal(irq_alloc_descs(500, 500, 2, 0), 500);
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(500, 500, 1, 0), -EEXIST);
	tu_assert_one_message("taken");
	/* Overlapping either end. */
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(498, 498, 3, 0), -EEXIST);
	tu_assert_one_message("taken");
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(501, 501, 4, 0), -EEXIST);
	tu_assert_one_message("taken");
	tu_state_assert_unchanged(&st);
	assert_null(irq_to_desc(498));
	assert_null(irq_to_desc(499));
	assert_null(irq_to_desc(502));
	/* Right next to it is free. */
	assert_int_equal(irq_alloc_descs(502, 502, 2, 0), 502);
	assert_int_equal(irq_free_descs(500, 4), 0);
}

static void alloc_descs_bad_arguments(void **state)
{
	unsigned int nr = irq_get_nr_irqs();
	struct tu_state st;

	(void)state;
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(-1, 1, 0, 0), -EINVAL);
	tu_assert_one_message("cannot allocate 0");
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(-1, 1, nr, 0), -EINVAL);
	tu_assert_one_message("cannot allocate");
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(5, 6, 1, 0), -EINVAL);
	tu_assert_one_message("disagree");
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(-1, nr - 1, 2, 0), -EINVAL);
	tu_assert_one_message("past the virq space");
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs((int)nr, nr, 1, 0), -EINVAL);
	tu_assert_one_message("past the virq space");
	tu_state_assert_unchanged(&st);
}

static void alloc_descs_full_space_is_enospc(void **state)
{
	unsigned int nr = irq_get_nr_irqs();
	struct tu_state st;
	int big;

	(void)state;
	big = irq_alloc_descs(-1, 1, nr - 100, 0);
	assert_int_equal(big, 1);
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(-1, 1, 200, 0), -ENOSPC);
	tu_assert_one_message("no 200 free contiguous virqs");
	tu_state_assert_unchanged(&st);
	/* What is left still fits. */
	assert_int_equal(irq_alloc_descs(-1, 1, 99, 0), (int)(nr - 99));
	assert_int_equal(irq_free_descs(1, nr - 1), 0);
	assert_int_equal(tu_nr_allocated_virqs(), 0);
}

static void free_descs_refuses_mapped_and_unallocated(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct tu_state st;
	unsigned int v;
	int r;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	r = irq_alloc_descs(-1, 1, 2, 0);
	assert_true(r > 0);
	v = irq_create_mapping(d, 1);
	assert_int_equal(v, (unsigned int)r + 2);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_free_descs(v, 1), -EBUSY);
	tu_assert_one_message("still mapped");
	/* A range with a mapped virq in it frees nothing at all. */
	tu_log_capture_start();
	assert_int_equal(irq_free_descs((unsigned int)r, 3), -EBUSY);
	tu_assert_one_message("still mapped");
	tu_log_capture_start();
	assert_int_equal(irq_free_descs(v + 1, 1), -EINVAL);
	tu_assert_one_message("not allocated");
	tu_log_capture_start();
	assert_int_equal(irq_free_descs((unsigned int)r, 0), -EINVAL);
	tu_assert_one_message("bad range");
	tu_log_capture_start();
	assert_int_equal(irq_free_descs(0, 1), -EINVAL);
	tu_assert_one_message("bad range");
	tu_state_assert_unchanged(&st);
	assert_non_null(irq_to_desc((unsigned int)r));
	assert_int_equal(irq_find_mapping(d, 1), v);
	assert_int_equal(irq_mapping_refcount(v), 1);

	assert_int_equal(irq_free_descs((unsigned int)r, 2), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void mapped_virq_cannot_be_allocated(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 1);
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs((int)v, v, 1, 0), -EEXIST);
	tu_assert_one_message("taken");
	/* A bare range next to it does not move the mapping's cursor back. */
	assert_int_equal(irq_alloc_descs(-1, 1, 1, 0), (int)v + 1);
	assert_int_equal(irq_create_mapping(d, 2), v + 2);
	assert_int_equal(irq_free_descs(v + 1, 1), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(v + 2), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void specific_virq_zero_is_refused(void **state)
{
	struct tu_state st;

	(void)state;
	/* virq 0 is never valid, even when asked for by number */
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_alloc_descs(0, 0, 1, 0), -EINVAL);
	tu_assert_one_message("0");
	tu_state_assert_unchanged(&st);
	assert_null(irq_to_desc(1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(disposed_virq_is_not_reused_before_wrap,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(next_fit_wraps_at_end_of_space,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(wrap_with_range_that_does_not_fit_at_end,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(stale_dispose_does_not_hit_another_line,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(alloc_descs_gives_contiguous_ranges,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(alloc_descs_specific_taken_is_eexist,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(alloc_descs_bad_arguments,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(alloc_descs_full_space_is_enospc,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(free_descs_refuses_mapped_and_unallocated,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(mapped_virq_cannot_be_allocated,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(specific_virq_zero_is_refused,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
