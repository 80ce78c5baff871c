// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_bad.c - broken trees: phandles to nowhere, #interrupt-cells 0 or
 * 100, interrupt-parent loops, interrupt-map cycles, a map entry cut short,
 * controllers cascaded onto each other, a trigger-type conflict. Each
 * failure is an errno and exactly one log line, in bounded time: an alarm
 * kills the test if a walk ever hangs.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "oftest.h"

static int start(void **state)
{
	alarm(60);
	return tu_setup(state);
}

static int stop(void **state)
{
	alarm(0);
	return tu_teardown(state);
}

static void fails_once(struct irqmap_of *t, const char *node, int index,
		       int err, const char *needle)
{
	unsigned int before = tu_log_count();

	ot_expect_err(t, node, index, err);
	assert_int_equal(tu_log_count(), before + 1);
	if (!tu_log_contains(needle))
		fail_msg("%s interrupt %d: no \"%s\" in \"%s\"", node, index,
			 needle, tu_log_last());
}

static void phandles_to_nowhere(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("bad-phandle.dts");
	fails_once(t, "/dev@2000", 0, -ENODEV, "interrupt-parent <0x99>");
	OT_EXPECT(t, "/dev@3000", 0, "/interrupt-controller@1000", 3);
	fails_once(t, "/dev@3000", 1, -ENODEV, "phandle <0x98>");
	fails_once(t, "/nexus@4000/dev", 0, -ENODEV, "phandle <0x97>");
	assert_int_equal(irqmap_of_irq_entries(t, ot_node(t, "/dev@3000")), 2);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void absurd_interrupt_cells(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("bad-cells.dts");
	/* The 100-cell controller cannot come up; the rest does. */
	assert_int_equal(irqmap_of_irq_init(t), -EOVERFLOW);
	assert_null(irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller@2000")));
	fails_once(t, "/dev@3000", 0, -EINVAL, "is 0");
	fails_once(t, "/dev@4000", 0, -EOVERFLOW, "exceeds 16");
	fails_once(t, "/dev@5000", 0, -EOVERFLOW, "exceeds 16");
	/* Each lists one entry of unknown size, so of_irq_count stops at 0. */
	assert_int_equal(irqmap_of_irq_entries(t, ot_node(t, "/dev@3000")), 1);
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@3000")), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void interrupt_parent_loops(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("bad-parent-loop.dts");
	fails_once(t, "/dev@1000", 0, -ELOOP, "loops");
	fails_once(t, "/dev@2000", 0, -ELOOP, "loops");
	assert_int_equal(of_irq_find_parent(t, ot_node(t, "/a")), -ELOOP);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void interrupt_map_cycle(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("bad-map-cycle.dts");
	fails_once(t, "/dev@3000", 0, -ELOOP, "does not reach a controller");
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/dev@3000"), 0), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void map_entry_cut_short(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("bad-map-short.dts");
	OT_EXPECT(t, "/nexus@2000/good", 0, "/interrupt-controller@1000", 10, 4);
	fails_once(t, "/nexus@2000/bad", 0, -EINVAL, "entry 1 is cut short");
	assert_int_equal(irqmap_of_free(t), 0);
}

static void controllers_cascaded_on_each_other(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("bad-intc-loop.dts");
	assert_int_equal(irqmap_of_irq_init(t), -ELOOP);
	assert_int_equal(tu_log_count(), 2);
	assert_true(tu_log_contains("waiting on each other"));
	assert_null(irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller@1000")));
	OT_EXPECT(t, "/dev@3000", 0, "/interrupt-controller@1000", 3);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/dev@3000"), 0), 0);
	assert_true(tu_log_contains("no irq domain found"));
	assert_int_equal(irqmap_of_free(t), 0);
}

static void trigger_type_conflict(void **state)
{
	struct irqmap_of *t;
	unsigned int a;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("type-conflict.dts");
	a = ot_map(t, "/dev@2000", 0);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/dev@3000"), 0), 0);
	assert_true(tu_log_contains("type mismatch"));
	assert_int_equal(irq_mapping_refcount(a), 1);
	irq_dispose_mapping(a);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void bad_arguments(void **state)
{
	struct of_phandle_args args = { 0 };
	struct irqmap_of *t;
	unsigned int virq;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("inherit.dts");
	assert_int_equal(of_irq_parse_one(NULL, 0, 0, &args), -EINVAL);
	assert_int_equal(of_irq_parse_one(t, 3, 0, &args), -EINVAL);
	assert_int_equal(of_irq_parse_one(t, 0, 0, NULL), -EINVAL);
	assert_int_equal(irq_create_of_mapping(NULL), 0);
	args.tree = t;
	args.np = ot_node(t, "/interrupt-controller@1000");
	args.args_count = 17;
	assert_int_equal(irq_create_of_mapping(&args), 0);
	args.args_count = 2;
	args.args[0] = 3;
	virq = irq_create_of_mapping(&args);
	assert_int_not_equal(virq, 0);
	assert_int_equal(irq_dispose_mapping(virq), 0);
	assert_int_equal(irq_of_parse_and_map(t, 1, 0), 0);
	assert_int_equal(of_irq_count(t, 1), -EINVAL);
	assert_int_equal(irqmap_of_irq_entries(NULL, 0), -EINVAL);
	assert_int_equal(irqmap_of_free(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(phandles_to_nowhere, start, stop),
		cmocka_unit_test_setup_teardown(absurd_interrupt_cells, start, stop),
		cmocka_unit_test_setup_teardown(interrupt_parent_loops, start, stop),
		cmocka_unit_test_setup_teardown(interrupt_map_cycle, start, stop),
		cmocka_unit_test_setup_teardown(map_entry_cut_short, start, stop),
		cmocka_unit_test_setup_teardown(controllers_cascaded_on_each_other, start, stop),
		cmocka_unit_test_setup_teardown(trigger_type_conflict, start, stop),
		cmocka_unit_test_setup_teardown(bad_arguments, start, stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
