// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_scaling.c - hostile tree shapes cost work linear in their size.
 *
 * Each shape is generated at N and at 8N (libfdt's sequential-write API)
 * and taken through what `irqmap routes` does: load and index the blob,
 * bring every controller up, resolve and map every interrupt of every
 * node, dispose, free. The work is the process CPU time of that, the best
 * of a few runs; what is checked is the ratio between 8N and N, never a
 * time: linear work gives about 8, quadratic 64. The bound, 12, leaves
 * room for caches and allocator effects without letting a quadratic path
 * through. Loops and cycles must still be reported, as errors.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oftest.h"
#include "shapes.h"

#define RUNS		5
#define MAX_RATIO	12.0

static double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void quiet(int level, const char *msg, void *arg)
{
	(void)level;
	(void)msg;
	(*(unsigned long *)arg)++;
}

/*
 * What `irqmap routes` does with a tree: the CPU time it takes; *@mapped
 * and *@failed count the interrupts that mapped and those that did not.
 */
static double work(const void *fdt, unsigned int *mapped, unsigned int *failed)
{
	unsigned int *virqs = NULL, nr = 0, cap = 0;
	unsigned long messages = 0;
	struct irqmap_of *t;
	double start;

	*mapped = *failed = 0;
	irqmap_set_log_handler(quiet, &messages);
	start = cpu_seconds();
	t = irqmap_of_load_blob(fdt, fdt_totalsize(fdt));
	assert_non_null(t);
	irqmap_of_irq_init(t);
	for (int node = irqmap_of_next_node(t, -1); node >= 0;
	     node = irqmap_of_next_node(t, node)) {
		int entries = irqmap_of_irq_entries(t, node);

		for (int i = 0; i < entries; i++) {
			unsigned int v = irqmap_of_parent_irq(t, node, i);

			if (v) {
				(*mapped)++;	/* a cascade's own line */
				continue;
			}
			v = irq_of_parse_and_map(t, node, i);
			if (!v) {
				(*failed)++;
				continue;
			}
			(*mapped)++;
			if (nr == cap) {
				cap = cap ? 2 * cap : 1024;
				virqs = realloc(virqs, cap * sizeof(*virqs));
				assert_non_null(virqs);
			}
			virqs[nr++] = v;
		}
	}
	for (unsigned int i = 0; i < nr; i++)
		irq_dispose_mapping(virqs[i]);
	assert_int_equal(irqmap_of_free(t), 0);
	start = cpu_seconds() - start;
	irqmap_set_log_handler(NULL, NULL);
	free(virqs);
	return start;
}

static double best(const void *fdt, unsigned int *mapped, unsigned int *failed)
{
	double t = 1e30;

	for (int r = 0; r < RUNS; r++) {
		double s = work(fdt, mapped, failed);

		t = s < t ? s : t;
	}
	return t;
}

/*
 * @shape at @n and 8@n: the work grows at most about linearly, and the
 * interrupts that map (or fail) are as many as @per_n_mapped (or
 * @per_n_failed) per unit of n, plus @fixed_mapped.
 */
static void scales(const char *what, shape_fn shape, unsigned int n,
		   unsigned int per_n_mapped, unsigned int per_n_failed,
		   unsigned int fixed_mapped)
{
	void *small = shape_build(shape, n), *big = shape_build(shape, 8 * n);
	unsigned int m1, f1, m8, f8;
	double t1, t8, ratio;

	assert_non_null(small);
	assert_non_null(big);
	/*
	 * A measurement another process's cache traffic spoiled is taken
	 * again, up to three times: a quadratic path gives 64 every time.
	 */
	for (int attempt = 0; attempt < 3; attempt++) {
		t1 = best(small, &m1, &f1);
		t8 = best(big, &m8, &f8);
		assert_int_equal(m1, per_n_mapped * n + fixed_mapped);
		assert_int_equal(f1, per_n_failed * n);
		assert_int_equal(m8, per_n_mapped * 8 * n + fixed_mapped);
		assert_int_equal(f8, per_n_failed * 8 * n);
		ratio = t8 / (t1 > 1e-6 ? t1 : 1e-6);
		print_message("%s: N=%u and 8N: work ratio %.1f\n", what, n,
			      ratio);
		if (ratio <= MAX_RATIO)
			break;
	}
	if (ratio > MAX_RATIO)
		fail_msg("%s: the work at 8N is %.1f times the work at N (%u), more than %.0f",
			 what, ratio, n, MAX_RATIO);
	free(small);
	free(big);
}

static void one_node_with_many_extended_entries_scales_linearly(void **state)
{
	(void)state;
	scales("interrupts-extended entries", shape_ext_many, 1000, 1, 0, 0);
}

static void cascade_chain_listed_children_first_scales_linearly(void **state)
{
	(void)state;
	/* each controller's own line is a cascade, mapped at bring-up */
	scales("reversed cascade chain", shape_chain_reversed, 1000, 1, 0, 0);
}

static void interrupt_parent_chain_scales_linearly(void **state)
{
	(void)state;
	scales("interrupt-parent chain", shape_parent_chain, 1000, 1, 0, 0);
}

static void many_controllers_with_one_device_each_scale_linearly(void **state)
{
	(void)state;
	scales("controllers with one device", shape_many_controllers, 1000, 1, 0, 0);
}

static void devices_behind_an_interrupt_map_cycle_fail_in_linear_time(void **state)
{
	(void)state;
	scales("interrupt-map cycle", shape_map_cycle, 2000, 0, 1, 0);
}

static void devices_behind_an_interrupt_parent_loop_fail_in_linear_time(void **state)
{
	(void)state;
	scales("interrupt-parent loop", shape_parent_loop, 2000, 0, 1, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_node_with_many_extended_entries_scales_linearly,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(cascade_chain_listed_children_first_scales_linearly,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(interrupt_parent_chain_scales_linearly,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(many_controllers_with_one_device_each_scale_linearly,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(devices_behind_an_interrupt_map_cycle_fail_in_linear_time,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(devices_behind_an_interrupt_parent_loop_fail_in_linear_time,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
