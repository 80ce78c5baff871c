// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_parse.c - resolution rules, one fixture each: interrupt-parent
 * inheritance, interrupts-extended, #interrupt-cells, interrupt-map and its
 * mask, unit addresses, nexus chains, controllers with maps.
 */
#include <errno.h>

#include "oftest.h"

#define INTC	"/interrupt-controller@1000"
#define INTC2	"/interrupt-controller@2000"

static void inheritance(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("inherit.dts");
	OT_EXPECT(t, "/dev@3000", 0, INTC, 5, 4);
	OT_EXPECT(t, "/bus@4000/dev@4100", 0, INTC2, 7);
	OT_EXPECT(t, "/bus@4000/dev@4200", 0, INTC, 8, 1);
	OT_EXPECT(t, "/bus@4000/sub@4300/dev@4310", 0, INTC2, 9);
	OT_EXPECT(t, "/dev@5000", 0, INTC2, 11);
	OT_EXPECT(t, "/dev@6000", 0, INTC, 1, 4);
	OT_EXPECT(t, "/dev@6000", 1, INTC, 2, 1);
	OT_EXPECT(t, "/dev@6000", 2, INTC, 3, 8);
	/* Past the end: -ENOENT, a question rather than a fault. */
	ot_expect_err(t, "/dev@6000", 3, -ENOENT);
	ot_expect_err(t, "/bus@4000", 0, -ENOENT);
	ot_expect_err(t, "/dev@6000", -1, -EINVAL);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void interrupts_extended(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("extended.dts");
	OT_EXPECT(t, "/dev@3000", 0, INTC, 5, 4);
	OT_EXPECT(t, "/dev@3000", 1, INTC2, 7);
	OT_EXPECT(t, "/dev@3000", 2, INTC, 6, 1);
	ot_expect_err(t, "/dev@3000", 3, -ENOENT);
	assert_int_equal(irqmap_of_irq_entries(t, ot_node(t, "/dev@3000")), 3);
	/* Only the question past the end, at debug level. */
	assert_int_equal(tu_log_count(), 1);
	assert_true(tu_log_contains("no interrupts-extended entry 3"));
	assert_int_equal(irqmap_of_free(t), 0);
}

static void interrupt_cells(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("cells.dts");
	for (int i = 0; i < 4; i++)
		OT_EXPECT(t, "/dev@3000", i, INTC, 10 + (uint32_t)i);
	OT_EXPECT(t, "/dev@4000", 0, INTC2, 20, 1, 0xff);
	OT_EXPECT(t, "/dev@4000", 1, INTC2, 21, 4, 0xff);
	OT_EXPECT(t, "/dev@5000", 0, INTC2, 30, 1, 0);
	ot_expect_err(t, "/dev@5000", 1, -EINVAL);
	assert_true(tu_log_contains("cut short"));
	assert_int_equal(irqmap_of_irq_entries(t, ot_node(t, "/dev@5000")), 2);
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@5000")), 1);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void map_and_mask(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("map.dts");
	OT_EXPECT(t, "/nexus@8000/dev@11", 0, INTC, 20, 4);
	OT_EXPECT(t, "/nexus@8000/dev@12", 0, INTC, 21, 4);
	OT_EXPECT(t, "/nexus@8000/dev@25", 0, INTC, 22, 1);
	OT_EXPECT(t, "/nexus@8000/dev@26", 0, INTC2, 23);
	ot_expect_err(t, "/nexus@8000/dev@30", 0, -ENXIO);
	assert_true(tu_log_contains("no interrupt-map entry of /nexus@8000 matches <0x30 0x1>"));
	OT_EXPECT(t, "/nexus@9000/dev@1", 0, INTC, 30, 4);
	OT_EXPECT(t, "/nexus@9000/dev@2", 0, INTC, 31, 4);
	ot_expect_err(t, "/nexus@9000/dev@3", 0, -ENXIO);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void map_unit_address_cells(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("map-addr.dts");
	/* The parent's #address-cells 1 skips 0xbeef before the hwirq. */
	OT_EXPECT(t, "/nexus-a@8000/dev@0", 0, "/interrupt-controller@a000", 41);
	/* #address-cells walked up from the nexus to its bus: 1. */
	OT_EXPECT(t, "/bus@9000/nexus-b@100/dev@5", 0, INTC, 50, 4);
	OT_EXPECT(t, "/bus@9000/nexus-b@100/dev@6", 0, INTC, 51, 4);
	assert_int_equal(irqmap_of_free(t), 0);

	/* No #address-cells anywhere: 2. */
	t = ot_load("map-addr-default.dts");
	OT_EXPECT(t, "/nexus/dev-a", 0, "/interrupt-controller", 60);
	OT_EXPECT(t, "/nexus/dev-b", 0, "/interrupt-controller", 61);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void unit_address_from_reg(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("unit-addr.dts");
	OT_EXPECT(t, "/nexus@8000/dev@1,2,3", 0, INTC, 80);
	OT_EXPECT(t, "/nexus@8000/dev-noreg", 0, INTC, 81);
	OT_EXPECT(t, "/nexus@8000/dev@4,5,6", 0, INTC, 82);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void map_entry_to_self(void **state)
{
	struct irqmap_of *t;
	unsigned int virq;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("map-self.dts");
	OT_EXPECT(t, "/dev@3000", 0, "/interrupt-controller@b000", 101, 4);
	virq = ot_map(t, "/dev@3000", 0);
	assert_int_equal(ot_hwirq(virq), 101);
	assert_int_equal(irq_get_trigger_type(virq), IRQ_TYPE_LEVEL_HIGH);
	assert_ptr_equal(irq_get_irq_data(virq)->domain,
			 irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller@b000")));
	assert_int_equal(irq_dispose_mapping(virq), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void controller_with_map(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("intc-map.dts");
	OT_EXPECT(t, "/dev@3000", 0, INTC, 7, 4);	/* the map wins */
	ot_expect_err(t, "/dev@4000", 0, -ENXIO);
	/* A controller that reads its own map: specifiers stop at it. */
	OT_EXPECT(t, "/dev@5000", 0, "/interrupt-controller@d000", 3, 4);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void nexus_chain(void **state)
{
	struct irqmap_of *t;
	unsigned int a, b;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("nexus-chain.dts");
	OT_EXPECT(t, "/nexus1@5000/dev@1", 0, INTC, 70, 4);
	OT_EXPECT(t, "/dev@3001", 0, INTC, 70, 4);
	ot_expect_err(t, "/dev@3000", 0, -ENXIO);
	/* Two devices, one line: one virq holding two references. */
	a = ot_map(t, "/nexus1@5000/dev@1", 0);
	b = ot_map(t, "/dev@3001", 0);
	assert_int_equal(a, b);
	assert_int_equal(irq_mapping_refcount(a), 2);
	assert_int_equal(irq_dispose_mapping(a), 0);
	assert_int_equal(irq_mapping_refcount(a), 1);
	assert_int_equal(irq_dispose_mapping(b), 0);
	assert_null(irq_to_desc(a));
	assert_int_equal(irqmap_of_free(t), 0);
}

static void parse_raw_directly(void **state)
{
	const uint32_t addr[IRQMAP_OF_ADDR_CELLS] = { 0x25 };
	struct of_phandle_args a = { 0 };
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("map.dts");
	a.tree = t;
	a.np = ot_node(t, "/nexus@8000");
	a.args_count = 1;
	a.args[0] = 1;
	assert_int_equal(of_irq_parse_raw(addr, &a), 0);
	assert_string_equal(irqmap_of_node_path(t, a.np), INTC);
	assert_int_equal(a.args_count, 2);
	assert_int_equal(a.args[0], 22);
	/* The map needs an address and none is given. */
	a.np = ot_node(t, "/nexus@8000");
	a.args_count = 1;
	assert_int_equal(of_irq_parse_raw(NULL, &a), -EINVAL);
	assert_true(tu_log_contains("no reg"));
	/* A specifier of the wrong size. */
	a.np = ot_node(t, "/nexus@8000");
	a.args_count = 2;
	assert_int_equal(of_irq_parse_raw(addr, &a), -EINVAL);
	assert_int_equal(of_irq_parse_raw(addr, NULL), -EINVAL);
	assert_int_equal(irqmap_of_free(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(inheritance, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(interrupts_extended, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(interrupt_cells, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(map_and_mask, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(map_unit_address_cells, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(unit_address_from_reg, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(map_entry_to_self, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(controller_with_map, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(nexus_chain, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(parse_raw_directly, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
