// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_chips.c - the controller drivers: what each makes of its
 * specifiers, cascades holding their parent lines, pSeries auxiliary nodes
 * served by the platform domain, and the PowerNV LPC quirk.
 */
#include <errno.h>

#include "oftest.h"

#define GIC "/interrupt-controller@8000000"

static void domain_is(struct irqmap_of *t, unsigned int virq, const char *node)
{
	assert_ptr_equal(irq_get_irq_data(virq)->domain,
			 irqmap_of_node_domain(t, ot_node(t, node)));
}

static void gic_v2(void **state)
{
	struct irqmap_of *t;
	unsigned int uart, ppi0, ppi1, a, b, past;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("gic-v2.dts");
	uart = ot_map(t, "/uart@9000000", 0);
	assert_int_equal(ot_hwirq(uart), 33);
	assert_int_equal(irq_get_trigger_type(uart), IRQ_TYPE_LEVEL_HIGH);
	domain_is(t, uart, GIC);
	ppi0 = ot_map(t, "/timer", 0);
	ppi1 = ot_map(t, "/timer", 1);
	assert_int_equal(ot_hwirq(ppi0), 29);
	assert_int_equal(ot_hwirq(ppi1), 30);
	assert_int_equal(irq_get_trigger_type(ppi1), IRQ_TYPE_LEVEL_LOW);
	a = ot_map(t, "/dev@a000000", 0);
	b = ot_map(t, "/dev@a000200", 0);
	assert_int_equal(a, b);
	assert_int_equal(ot_hwirq(a), 48);
	assert_int_equal(irq_mapping_refcount(a), 2);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/bad@b000000"), 0), 0);
	assert_true(tu_log_contains("cannot translate"));
	past = ot_map(t, "/bad@b000000", 1);
	assert_int_equal(ot_hwirq(past), 32);
	for (int i = 0; i < 6; i++)
		irq_dispose_mapping(((unsigned int[]){ uart, ppi0, ppi1, a, b, past })[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void gic_v3(void **state)
{
	static const unsigned long hw[] = { 33, 23, 4101, 1058 };
	static const unsigned int type[] = { IRQ_TYPE_LEVEL_HIGH,
		IRQ_TYPE_LEVEL_LOW, IRQ_TYPE_EDGE_RISING, IRQ_TYPE_LEVEL_HIGH };
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("gic-v3.dts");
	for (int i = 0; i < 4; i++) {
		unsigned int v = ot_map(t, "/dev@9000000", i);

		assert_int_equal(ot_hwirq(v), hw[i]);
		assert_int_equal(irq_get_trigger_type(v), type[i]);
		irq_dispose_mapping(v);
	}
	assert_int_equal(irqmap_of_free(t), 0);
}

/*
 * GICv3 PPI partitions: each cluster's PMU on PPI 7 gets a line of its
 * own in PPI 7's partition domain, while the GIC holds PPI 7 itself; a
 * fourth cell of 0 is the GIC's own line; a phandle that is no partition,
 * or a kind the GIC does not know, is refused with nothing mapped.
 */
static void gic_v3_partitions_split_one_ppi_per_cluster(void **state)
{
	struct irqmap_of *t;
	struct irq_domain *gic;
	unsigned int little, big, timer, uart;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("gic-v3-partitions.dts");
	gic = irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller@fee00000"));
	little = ot_map(t, "/pmu_a53", 0);
	big = ot_map(t, "/pmu_a72", 0);
	assert_int_not_equal(little, big);
	assert_int_equal(ot_hwirq(little), 0);
	assert_int_equal(ot_hwirq(big), 1);
	assert_int_equal(irq_get_trigger_type(big), IRQ_TYPE_LEVEL_LOW);
	assert_ptr_equal(irq_get_irq_data(little)->domain,
			 irq_get_irq_data(big)->domain);
	assert_ptr_not_equal(irq_get_irq_data(little)->domain, gic);
	/* the GIC holds PPI 7 (hwirq 23) for its partitions */
	assert_int_not_equal(irq_find_mapping(gic, 23), 0);
	assert_int_equal(irq_mapping_refcount(irq_find_mapping(gic, 23)), 1);
	timer = ot_map(t, "/timer", 0);
	assert_ptr_equal(irq_get_irq_data(timer)->domain, gic);
	assert_int_equal(ot_hwirq(timer), 29);
	uart = ot_map(t, "/uart@ff180000", 0);
	assert_int_equal(ot_hwirq(uart), 131);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/bad@ff190000"), 0), 0);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/bad@ff190000"), 1), 0);
	assert_true(tu_log_contains("<0x2f 0x60 0x2 0x0>"));
	/* a partition line held by a user keeps the tree up */
	assert_int_equal(irqmap_of_free(t), -EBUSY);
	for (int i = 0; i < 4; i++)
		irq_dispose_mapping(((unsigned int[]){ little, big, timer, uart })[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

/*
 * Marvell Armada 8K: AP806 SEI lines are level-high whatever the tree
 * says, ICU SEI lines edge-rising, ICU NSR lines keep the tree's type; an
 * ICU line past 206 is refused; the SEI is cascaded on its GIC SPI.
 */
static void mvebu_sei_and_icu_force_linux_types(void **state)
{
	struct irqmap_of *t;
	unsigned int wdt, thermal, usb;
	int sei;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("mvebu-sei.dts");
	sei = ot_node(t, "/interrupt-controller@3f0200");
	assert_int_equal(ot_hwirq(irqmap_of_parent_irq(t, sei, 0)), 32);
	wdt = ot_map(t, "/watchdog@610000", 0);
	assert_int_equal(ot_hwirq(wdt), 18);
	assert_int_equal(irq_get_trigger_type(wdt), IRQ_TYPE_LEVEL_HIGH);
	thermal = ot_map(t, "/thermal@700", 0);
	assert_int_equal(ot_hwirq(thermal), 116);
	assert_int_equal(irq_get_trigger_type(thermal), IRQ_TYPE_EDGE_RISING);
	usb = ot_map(t, "/usb@500000", 0);
	assert_int_equal(ot_hwirq(usb), 106);
	assert_int_equal(irq_get_trigger_type(usb), IRQ_TYPE_LEVEL_HIGH);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/usb@500000"), 1), 0);
	assert_true(tu_log_contains("cannot translate"));
	for (int i = 0; i < 3; i++)
		irq_dispose_mapping(((unsigned int[]){ wdt, thermal, usb })[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

/*
 * Allwinner pin controllers number their interrupt lines by IRQ bank, not
 * by pin: H3's PG10 is line 42; the R_PIO counts ports from L; a pin with
 * no interrupt function is refused; each bank's parent line is cascaded.
 */
static void sunxi_pin_interrupts_are_numbered_by_irq_bank(void **state)
{
	struct irqmap_of *t;
	unsigned int wifi, button, ir;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("sunxi-pinctrl.dts");
	assert_int_equal(ot_hwirq(irqmap_of_parent_irq(t, ot_node(t, "/pinctrl@1c20800"), 1)), 49);
	wifi = ot_map(t, "/wifi", 0);
	assert_int_equal(ot_hwirq(wifi), 42);
	assert_int_equal(irq_get_trigger_type(wifi), IRQ_TYPE_LEVEL_LOW);
	button = ot_map(t, "/button", 0);
	assert_int_equal(ot_hwirq(button), 3);
	assert_int_equal(irq_get_trigger_type(button), IRQ_TYPE_EDGE_BOTH);
	ir = ot_map(t, "/ir", 0);
	assert_int_equal(ot_hwirq(ir), 5);
	assert_int_equal(irq_get_trigger_type(ir), IRQ_TYPE_EDGE_FALLING);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/bad"), 0), 0);
	assert_true(tu_log_contains("cannot translate"));
	for (int i = 0; i < 3; i++)
		irq_dispose_mapping(((unsigned int[]){ wifi, button, ir })[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void riscv(void **state)
{
	struct irqmap_of *t;
	int plic, imsic;
	unsigned int m_ext, s_ext, serial, rtc;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("riscv.dts");
	plic = ot_node(t, "/soc/plic@c000000");
	imsic = ot_node(t, "/soc/imsics@28000000");
	/* The PLIC holds both hart lines it is cascaded on; the IMSIC one. */
	m_ext = irqmap_of_parent_irq(t, plic, 0);
	s_ext = irqmap_of_parent_irq(t, plic, 1);
	assert_int_equal(ot_hwirq(m_ext), 11);
	assert_int_equal(ot_hwirq(s_ext), 9);
	domain_is(t, s_ext, "/cpus/cpu@0/interrupt-controller");
	assert_int_equal(irqmap_of_parent_irq(t, imsic, 0), s_ext);
	assert_int_equal(irq_mapping_refcount(s_ext), 2);
	assert_int_equal(irq_mapping_refcount(m_ext), 1);
	assert_int_equal(irqmap_of_parent_irq(t, plic, 2), 0);

	serial = ot_map(t, "/soc/serial@10000000", 0);
	assert_int_equal(ot_hwirq(serial), 10);
	domain_is(t, serial, "/soc/plic@c000000");
	rtc = ot_map(t, "/soc/rtc@101000", 0);
	assert_int_equal(ot_hwirq(rtc), 11);
	assert_int_equal(irq_get_trigger_type(rtc), IRQ_TYPE_LEVEL_HIGH);
	domain_is(t, rtc, "/soc/aplic@d000000");
	assert_non_null(irqmap_of_node_domain(t, imsic));
	/* Source 0 does not exist; 0x61 is past riscv,ndev. */
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/soc/bad@3000000"), 0), 0);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/soc/bad@3000000"), 1), 0);
	irq_dispose_mapping(serial);
	irq_dispose_mapping(rtc);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void pseries(void **state)
{
	struct irqmap_of *t;
	struct irq_domain *xics;
	unsigned int epow, vty, e0, e4;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("pseries.dts");
	xics = irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller"));
	assert_non_null(xics);
	assert_string_equal(xics->name, "/interrupt-controller");
	/* The auxiliary nodes have no domain of their own. */
	assert_ptr_equal(irqmap_of_node_domain(t, ot_node(t, "/vdevice")), xics);
	assert_ptr_equal(irqmap_of_node_domain(t, ot_node(t, "/event-sources")), xics);
	epow = ot_map(t, "/event-sources/epow-events", 0);
	vty = ot_map(t, "/vdevice/vty@71000000", 0);
	assert_ptr_equal(irq_get_irq_data(vty)->domain, xics);
	assert_int_equal(ot_hwirq(epow), 0x1000);
	assert_int_equal(irq_get_trigger_type(epow), IRQ_TYPE_EDGE_RISING);
	e0 = ot_map(t, "/pci@800000020000000/ethernet@0", 0);
	e4 = ot_map(t, "/pci@800000020000000/ethernet@4", 0);
	assert_int_equal(e0, e4);
	assert_int_equal(ot_hwirq(e0), 0x1200);
	assert_int_equal(irq_get_trigger_type(e0), IRQ_TYPE_LEVEL_LOW);
	assert_int_equal(irq_mapping_refcount(e0), 2);
	for (int i = 0; i < 4; i++)
		irq_dispose_mapping(((unsigned int[]){ epow, vty, e0, e4 })[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void powernv_lpc(void **state)
{
	struct irqmap_of *t;
	unsigned int v;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("powernv.dts");
	v = ot_map(t, "/lpcm-opb@6030000000000/lpc@0/serial@i3f8", 0);
	assert_int_equal(ot_hwirq(v), 4);
	domain_is(t, v, "/lpcm-opb@6030000000000/lpc@0");
	assert_non_null(irqmap_of_node_domain(t, ot_node(t, "/xscom@603fc00000000/xive@5013000")));
	irq_dispose_mapping(v);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void cascades(void **state)
{
	struct irqmap_of *t;
	int gpio, mux;
	unsigned int up, up2, b0, b1, sensor;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("cascade.dts");
	gpio = ot_node(t, "/gpio@9030000");
	mux = ot_node(t, "/interrupt-controller@9040000");
	up = irqmap_of_parent_irq(t, gpio, 0);
	assert_int_equal(ot_hwirq(up), 39);
	domain_is(t, up, GIC);
	assert_int_equal(irq_mapping_refcount(up), 1);
	up2 = irqmap_of_parent_irq(t, mux, 0);
	assert_int_equal(ot_hwirq(up2), 5);
	domain_is(t, up2, "/gpio@9030000");
	assert_int_equal(irq_get_trigger_type(up2), IRQ_TYPE_EDGE_RISING);

	b0 = ot_map(t, "/button@0", 0);
	b1 = ot_map(t, "/button@1", 0);
	assert_int_equal(b0, b1);
	assert_int_equal(irq_mapping_refcount(b0), 2);
	assert_int_equal(irq_get_trigger_type(b0), IRQ_TYPE_EDGE_FALLING);
	sensor = ot_map(t, "/sensor@2", 0);
	assert_int_equal(ot_hwirq(sensor), 12);
	domain_is(t, sensor, "/interrupt-controller@9040000");
	assert_int_equal(irqmap_of_free(t), -EBUSY);
	irq_dispose_mapping(b0);
	irq_dispose_mapping(b1);
	irq_dispose_mapping(sensor);
	assert_int_equal(irqmap_of_free(t), 0);
	assert_null(irq_to_desc(up));
}

static void init_twice_and_order(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("cascade.dts");
	assert_int_equal(irqmap_of_irq_init(t), -EALREADY);
	assert_int_equal(irqmap_of_irq_init(NULL), -EINVAL);
	assert_int_equal(irqmap_of_free(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(gic_v2, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(gic_v3, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(gic_v3_partitions_split_one_ppi_per_cluster,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(mvebu_sei_and_icu_force_linux_types,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(sunxi_pin_interrupts_are_numbered_by_irq_bank,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(riscv, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(pseries, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(powernv_lpc, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(cascades, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(init_twice_and_order, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
