// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_irq_get.c - of_irq_get(): a virq once the controller has a
 * domain, -EPROBE_DEFER before, other negative errnos for the rest; and
 * the interrupt-map iterator (of_imap_parser_init(), for_each_of_imap_item())
 * over the entries of a fixture.
 */
#include <errno.h>
#include <string.h>

#include "oftest.h"

static void test_of_irq_get_defers_until_the_controller_has_a_domain(
	void **state)
{
	struct irqmap_of *t;
	int dev, virq, again;

	(void)state;
	t = ot_load("map.dts");
	dev = ot_node(t, "/nexus@8000/dev@11");
	tu_log_capture_start();
	assert_int_equal(of_irq_get(t, dev, 0), -EPROBE_DEFER);
	assert_int_equal(tu_log_level_of("deferred"), IRQMAP_LOG_DEBUG);
	tu_log_capture_stop();
	assert_int_equal(tu_nr_allocated_virqs(), 0);

	assert_int_equal(irqmap_of_irq_init(t), 0);
	virq = of_irq_get(t, dev, 0);
	assert_true(virq > 0);
	assert_int_equal(ot_hwirq((unsigned int)virq), 20);
	/* a second user of the line: the same virq, one more reference */
	again = of_irq_get(t, dev, 0);
	assert_int_equal(again, virq);
	assert_int_equal(irq_dispose_mapping((unsigned int)again), 0);
	assert_int_equal(irq_dispose_mapping((unsigned int)virq), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_of_irq_get_reports_other_failures_as_errnos(void **state)
{
	struct irqmap_of *t;

	(void)state;
	t = ot_load_up("map.dts");
	tu_log_capture_start();
	/* no interrupt 1: -ENOENT, at debug level only */
	assert_int_equal(of_irq_get(t, ot_node(t, "/nexus@8000/dev@11"), 1),
			 -ENOENT);
	assert_int_equal(tu_log_level_of("interrupt 1"), IRQMAP_LOG_DEBUG);
	/* no interrupt-map entry matches */
	tu_log_capture_start();
	assert_int_equal(of_irq_get(t, ot_node(t, "/nexus@8000/dev@30"), 0),
			 -ENXIO);
	tu_assert_one_message("no interrupt-map entry");
	/* not a node */
	tu_log_capture_start();
	assert_int_equal(of_irq_get(t, 3, 0), -EINVAL);
	tu_assert_one_message("not a node");
	tu_log_capture_stop();
	assert_int_equal(tu_nr_allocated_virqs(), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

/* Set up @parser over the interrupt-map of @path in fixture @name. */
static struct irqmap_of *imap_start(const char *name, const char *path,
				    struct of_imap_parser *parser,
				    struct of_imap_item *item)
{
	struct irqmap_of *t = ot_load(name);

	assert_int_equal(of_imap_parser_init(parser, t, ot_node(t, path),
					     item), 0);
	return t;
}

struct expected_entry {
	uint32_t child[2];		/* unit address, specifier */
	const char *parent;
	int nr_args;
	uint32_t args[2];
};

static void test_imap_iterator_gives_each_entry_in_order(void **state)
{
	static const struct expected_entry want[] = {
		{ { 0x10, 1 }, "/interrupt-controller@1000", 2, { 20, 4 } },
		{ { 0x10, 2 }, "/interrupt-controller@1000", 2, { 21, 4 } },
		{ { 0x20, 1 }, "/interrupt-controller@1000", 2, { 22, 1 } },
		{ { 0x20, 2 }, "/interrupt-controller@2000", 1, { 23 } },
	};
	struct of_imap_parser parser;
	struct of_imap_item item;
	struct irqmap_of *t;
	unsigned int n = 0;

	(void)state;
	t = imap_start("map.dts", "/nexus@8000", &parser, &item);
	assert_int_equal(item.child_imap_count, 2);
	for_each_of_imap_item(&parser, &item) {
		assert_true(n < 4);
		assert_int_equal(item.child_imap_count, 2);
		assert_memory_equal(item.child_imap, want[n].child,
				    sizeof(want[n].child));
		assert_int_equal(item.parent_args.np,
				 ot_node(t, want[n].parent));
		assert_ptr_equal(item.parent_args.tree, t);
		assert_int_equal(item.parent_args.args_count, want[n].nr_args);
		assert_memory_equal(item.parent_args.args, want[n].args,
				    (size_t)want[n].nr_args * sizeof(uint32_t));
		assert_int_equal(item.parent_addr_count, 0);
		n++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(parser.err, 0);

	/* a node without an interrupt-map: nothing to walk, nothing logged */
	tu_log_capture_start();
	assert_int_equal(of_imap_parser_init(&parser, t,
					     ot_node(t, "/nexus@8000/dev@11"),
					     &item), -ENOENT);
	assert_int_equal(tu_log_count(), 0);
	tu_log_capture_stop();
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_imap_iterator_stops_at_a_broken_entry(void **state)
{
	struct of_imap_parser parser;
	struct of_imap_item item;
	struct irqmap_of *t;
	unsigned int n = 0;

	(void)state;
	t = imap_start("bad-phandle.dts", "/nexus@4000", &parser, &item);
	tu_log_capture_start();
	for_each_of_imap_item(&parser, &item)
		n++;
	tu_assert_one_message("points to no node");
	tu_log_capture_stop();
	assert_int_equal(n, 0);
	assert_int_equal(parser.err, -ENODEV);
	assert_null(of_imap_parser_one(&parser, &item));
	assert_int_equal(irqmap_of_free(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_of_irq_get_defers_until_the_controller_has_a_domain,
			tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(
			test_of_irq_get_reports_other_failures_as_errnos,
			tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(
			test_imap_iterator_gives_each_entry_in_order,
			tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(
			test_imap_iterator_stops_at_a_broken_entry,
			tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
