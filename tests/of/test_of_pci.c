// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_pci.c - PCI INTx: device nodes through the host bridge's map
 * (sharing its four lines), node-less devices through of_irq_parse_pci()
 * with the swizzle across PCI-to-PCI bridges, and the same on QEMU's
 * two-PHB pSeries tree.
 */
#include <errno.h>
#include <stdio.h>

#include "oftest.h"

#define HOST	"/pci@30000000"
#define INTC	"/interrupt-controller@1000"
#define DEVFN(slot, fn)	((slot) << 3 | (fn))

static void device_nodes_share_lines(void **state)
{
	struct irqmap_of *t;
	unsigned int v0, v4, v2, v5, v6;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("pci.dts");
	OT_EXPECT(t, HOST "/dev@4", 0, INTC, 32, 4);
	OT_EXPECT(t, HOST "/pci@6/dev@1", 0, INTC, 33, 4);
	v0 = ot_map(t, HOST "/dev@0", 0);
	v4 = ot_map(t, HOST "/dev@4", 0);
	v2 = ot_map(t, HOST "/dev@2", 0);
	v5 = ot_map(t, HOST "/dev@5", 0);
	v6 = ot_map(t, HOST "/pci@6", 0);
	assert_int_equal(v0, v4);
	assert_int_equal(irq_mapping_refcount(v0), 2);
	assert_int_equal(v2, v5);
	assert_int_equal(v2, v6);
	assert_int_equal(irq_mapping_refcount(v2), 3);
	assert_int_equal(ot_hwirq(v2), 34);
	assert_int_equal(irq_get_trigger_type(v2), IRQ_TYPE_LEVEL_HIGH);
	/* The tree refuses to go while users hold lines in its domains. */
	assert_int_equal(irqmap_of_free(t), -EBUSY);
	assert_true(tu_log_contains("dispose them first"));
	for (int i = 0; i < 5; i++)
		assert_int_equal(irq_dispose_mapping(((unsigned int[]){ v0, v4, v2, v5, v6 })[i]), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void expect_pci(struct irqmap_of *t, const char *bus, unsigned int devfn,
		       unsigned int pin, const char *ctrl, uint32_t hwirq)
{
	struct of_phandle_args a;
	int ret = of_irq_parse_pci(t, ot_node(t, bus), devfn, pin, &a);

	if (ret)
		fail_msg("%s devfn 0x%x pin %u: %d (%s)", bus, devfn, pin, ret,
			 tu_log_last());
	assert_string_equal(irqmap_of_node_path(t, a.np), ctrl);
	assert_int_equal(a.args[0], hwirq);
}

static void nodeless_devices_swizzle(void **state)
{
	struct of_phandle_args a;
	struct irqmap_of *t;
	unsigned int dev1, nodeless;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("pci.dts");
	/* On the host bus: slot 5 folds onto slot 1; INTB -> 32 + 2. */
	expect_pci(t, HOST, DEVFN(5, 0), 2, INTC, 34);
	/* Behind one bridge (slot 6): INTA of slot 3 becomes INTD at slot 6. */
	expect_pci(t, HOST "/pci@6", DEVFN(3, 0), 1, INTC, 33);
	/* Behind two bridges: INTB of slot 1 -> INTC at slot 2 -> INTA at 6. */
	expect_pci(t, HOST "/pci@6/pci@2", DEVFN(1, 0), 2, INTC, 34);
	/* A bridge with its own map: no swizzle, its map decides. */
	expect_pci(t, HOST "/pci@7", DEVFN(1, 0), 2, INTC, 41);
	/* No pin: no interrupt, and nothing to complain about. */
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(of_irq_parse_pci(t, ot_node(t, HOST), 0, 0, &a), -ENODEV);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(of_irq_parse_pci(t, ot_node(t, HOST), 0, 5, &a), -EINVAL);
	assert_int_equal(tu_log_count(), 1);

	/* The swizzled node-less device shares dev@1's line. */
	dev1 = ot_map(t, HOST "/dev@1", 0);
	nodeless = of_irq_parse_and_map_pci(t, ot_node(t, HOST "/pci@6"),
					    DEVFN(3, 0), 1);
	assert_int_equal(nodeless, dev1);
	assert_int_equal(irq_mapping_refcount(dev1), 2);
	assert_int_equal(irq_dispose_mapping(nodeless), 0);
	assert_int_equal(irq_dispose_mapping(dev1), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

/*
 * QEMU's pseries-2phb: a device plugged behind the PCI-to-PCI bridge at
 * slot 3 would raise INTA there, INTD at the bridge's slot 2, which the
 * PHB sends to the LSI ethernet@1 already uses.
 */
static void pseries_phb_lsi_shared(void **state)
{
	struct irqmap_of *t;
	char path[512];
	unsigned int eth1, plugged;

	(void)state;
	if (!ot_have_shared("pseries-2phb.dtb"))
		skip();
	tu_log_capture_start();
	snprintf(path, sizeof(path), "%s/pseries-2phb.dtb", OF_SHARED_DT);
	t = irqmap_of_load(path);
	assert_non_null(t);
	assert_int_equal(irqmap_of_irq_init(t), 0);
	eth1 = ot_map(t, "/pci@800000020000001/ethernet@1", 0);
	plugged = of_irq_parse_and_map_pci(t, ot_node(t, "/pci@800000020000001/pci@2"),
					   DEVFN(3, 0), 1);
	assert_int_equal(plugged, eth1);
	assert_int_equal(ot_hwirq(eth1), 0x1205);
	assert_int_equal(irq_get_trigger_type(eth1), IRQ_TYPE_LEVEL_LOW);
	assert_int_equal(irq_mapping_refcount(eth1), 2);
	assert_string_equal(irq_get_irq_data(eth1)->domain->name,
			    "/interrupt-controller");
	assert_int_equal(irq_dispose_mapping(plugged), 0);
	assert_int_equal(irq_dispose_mapping(eth1), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(device_nodes_share_lines, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(nodeless_devices_swizzle, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(pseries_phb_lsi_shared, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
