// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_index.c - the index a tree builds at load. Every offset of the
 * structure block names a node exactly when libfdt says one starts there,
 * whatever the sizes of the nodes around it (the offset lookup is a bucket
 * table over the block); the properties the index keeps are the ones
 * fdt_getprop() finds, the first of duplicate names.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "oftest.h"

/* Every offset from before the block to past its end; INT_MIN and INT_MAX. */
static void every_offset(struct irqmap_of *t)
{
	const void *fdt = irqmap_of_blob(t);
	int end = (int)fdt_size_dt_struct(fdt) + 16;
	int node = fdt_next_node(fdt, -1, NULL), nodes = 0;
	char path[1024];

	for (int off = -8; off < end; off++) {
		const char *p = irqmap_of_node_path(t, off);

		if (off != node) {
			if (p)
				fail_msg("offset %d is no node, yet named %s", off, p);
			if (off >= 0)	/* a negative one asks for the first node */
				assert_int_equal(irqmap_of_next_node(t, off), -EINVAL);
			continue;
		}
		assert_non_null(p);
		assert_int_equal(fdt_get_path(fdt, off, path, sizeof(path)), 0);
		assert_string_equal(p, path);
		node = fdt_next_node(fdt, node, NULL);
		assert_int_equal(irqmap_of_next_node(t, off),
				 node >= 0 ? node : -ENOENT);
		nodes++;
	}
	assert_true(node < 0);
	assert_null(irqmap_of_node_path(t, INT_MIN));
	assert_null(irqmap_of_node_path(t, INT_MAX));
	assert_true(nodes > 0);
}

/*
 * One node with a property of @big bytes, far larger than all the others
 * together, then @small small nodes (every third with a child): buckets
 * sized by the average node hold many of these. Built with libfdt, as dtc
 * takes minutes over a large byte string.
 */
static struct irqmap_of *lopsided_tree(int big, int small)
{
	size_t size = (size_t)big + (size_t)small * 64 + 4096;
	void *fdt = calloc(1, size);
	unsigned char *bytes = calloc(1, (size_t)big + 1);
	struct irqmap_of *t;

	assert_int_equal(fdt_create(fdt, (int)size), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_begin_node(fdt, "big"), 0);
	assert_int_equal(fdt_property(fdt, "blob", bytes, big), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	for (int i = 0; i < small; i++) {
		char name[16];

		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(fdt_begin_node(fdt, name), 0);
		if (i % 3 == 0) {
			assert_int_equal(fdt_begin_node(fdt, "x"), 0);
			assert_int_equal(fdt_end_node(fdt), 0);
		}
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	t = irqmap_of_load_blob(fdt, fdt_totalsize(fdt));
	free(bytes);
	free(fdt);
	if (!t)
		fail_msg("refused: %s", tu_log_last());
	return t;
}

static void offsets_name_their_nodes(void **state)
{
	static const char *const fixtures[] = {
		"inherit.dts", "count.dts", "pci.dts", "riscv.dts",
	};
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		t = ot_load(fixtures[i]);
		every_offset(t);
		assert_int_equal(irqmap_of_free(t), 0);
	}
	t = lopsided_tree(256 * 1024, 500);
	every_offset(t);
	assert_int_equal(irqmap_of_free(t), 0);
	t = lopsided_tree(0, 0);	/* the root and one empty node */
	every_offset(t);
	assert_int_equal(irqmap_of_free(t), 0);
}

/* A blob dtc would refuse: properties named twice in one node. */
static void *duplicates_blob(void)
{
	size_t size = 4096;
	void *fdt = calloc(1, size);

	assert_int_equal(fdt_create(fdt, (int)size), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 1), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 0), 0);
	assert_int_equal(fdt_begin_node(fdt, "intc@1"), 0);
	assert_int_equal(fdt_property_u32(fdt, "phandle", 1), 0);
	assert_int_equal(fdt_property(fdt, "compatible", "test,intc", 10), 0);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	assert_int_equal(fdt_property_u32(fdt, "#interrupt-cells", 1), 0);
	assert_int_equal(fdt_property_u32(fdt, "#interrupt-cells", 3), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "dev@30"), 0);
	assert_int_equal(fdt_property_u32(fdt, "reg", 0x30), 0);
	assert_int_equal(fdt_property_u32(fdt, "interrupt-parent", 1), 0);
	assert_int_equal(fdt_property_u32(fdt, "interrupt-parent", 7), 0);
	assert_int_equal(fdt_property_u32(fdt, "interrupts", 5), 0);
	assert_int_equal(fdt_property_u32(fdt, "interrupts", 9), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void first_of_duplicates(void **state)
{
	struct of_phandle_args args;
	struct irqmap_of *t;
	void *blob = duplicates_blob();
	int dev, len;

	(void)state;
	tu_log_capture_start();
	t = irqmap_of_load_blob(blob, fdt_totalsize(blob));
	free(blob);
	if (!t)
		fail_msg("refused: %s", tu_log_last());
	dev = ot_node(t, "/dev@30");
	/* What libfdt reads, the tree reads: #interrupt-cells 1, parent 1. */
	assert_int_equal(fdt32_ld(fdt_getprop(irqmap_of_blob(t), dev, "interrupts", &len)), 5);
	assert_int_equal(of_irq_find_parent(t, dev), ot_node(t, "/intc@1"));
	assert_int_equal(of_irq_count(t, dev), 1);
	assert_int_equal(of_irq_parse_one(t, dev, 0, &args), 0);
	assert_string_equal(irqmap_of_node_path(t, args.np), "/intc@1");
	assert_int_equal(args.args_count, 1);
	assert_int_equal(args.args[0], 5);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(offsets_name_their_nodes, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(first_of_duplicates, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
