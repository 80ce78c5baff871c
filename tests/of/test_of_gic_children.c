// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_gic_children.c - the controllers that sit in front of a GIC as
 * hierarchical domains: i.MX GPC, OMAP wake-up generator, Tegra LIC,
 * Exynos PMU, TI IRQ crossbar, Allwinner R_INTC. One mapping crosses
 * every level down to the GIC, with each level's hwirq as Linux's driver
 * computes it; either level finds the virq; sharing counts references
 * once; a refused specifier leaves nothing behind.
 */
#include <errno.h>

#include "oftest.h"

/* A line of a fixture: two users of one specifier, what each level has. */
struct line {
	const char *ctrl;	/* the controller in front of the GIC */
	const char *dev;	/* interrupt 0 of this node is the line */
	const char *dev2;	/* as is interrupt 0 of this one */
	unsigned long hwirq;	/* at the controller */
	unsigned int type;
	unsigned long gic_hwirq;
};

static struct irq_domain *domain_of(struct irqmap_of *t, const char *path)
{
	struct irq_domain *d = irqmap_of_node_domain(t, ot_node(t, path));

	assert_non_null(d);
	return d;
}

static int count_one(const struct irqmap_mapping_info *m, void *arg)
{
	(void)m;
	(*(int *)arg)++;
	return 0;
}

static int nr_mappings(struct irq_domain *d)
{
	int n = 0;

	assert_int_equal(irq_domain_for_each_mapping(d, count_one, &n), 0);
	return n;
}

/* The level of @virq in domain @d: walks from the outermost down. */
static struct irq_data *level_in(unsigned int virq, struct irq_domain *d)
{
	for (struct irq_data *l = irq_get_irq_data(virq); l; l = l->parent_data)
		if (l->domain == d)
			return l;
	fail_msg("virq %u does not cross %s", virq, d->name);
	return NULL;
}

/* @virq is @hwirq of @d, and @d finds @virq from it. */
static void found_at(unsigned int virq, struct irq_domain *d,
		     unsigned long hwirq)
{
	assert_int_equal(level_in(virq, d)->hwirq, hwirq);
	assert_int_equal(irq_find_mapping(d, hwirq), virq);
}

/* Map @l; check its controller's level and the GIC's; return the virq. */
static unsigned int map_line(struct irqmap_of *t, const struct line *l,
			     const char *gic)
{
	unsigned int virq = ot_map(t, l->dev, 0);
	struct irq_data *top = irq_get_irq_data(virq);

	assert_ptr_equal(top->domain, domain_of(t, l->ctrl));
	assert_int_equal(irq_get_trigger_type(virq), l->type);
	found_at(virq, domain_of(t, l->ctrl), l->hwirq);
	found_at(virq, domain_of(t, gic), l->gic_hwirq);
	assert_null(level_in(virq, domain_of(t, gic))->parent_data);
	return virq;
}

/*
 * The second user shares the virq (two references); disposing one keeps
 * the line at both levels, disposing the other removes it from both.
 */
static void share_and_dispose(struct irqmap_of *t, const struct line *l,
			      const char *gic, unsigned int virq)
{
	assert_int_equal(ot_map(t, l->dev2, 0), virq);
	assert_int_equal(irq_mapping_refcount(virq), 2);
	irq_dispose_mapping(virq);
	assert_int_equal(irq_mapping_refcount(virq), 1);
	found_at(virq, domain_of(t, l->ctrl), l->hwirq);
	found_at(virq, domain_of(t, gic), l->gic_hwirq);
	irq_dispose_mapping(virq);
	assert_int_equal(irq_find_mapping(domain_of(t, l->ctrl), l->hwirq), 0);
	assert_int_equal(irq_find_mapping(domain_of(t, gic), l->gic_hwirq), 0);
}

/* Interrupt @index of @node is refused; no level keeps a mapping. */
static void refused(struct irqmap_of *t, const char *ctrl, const char *gic,
		    const char *node, int index)
{
	int in_ctrl = nr_mappings(domain_of(t, ctrl));
	int in_gic = nr_mappings(domain_of(t, gic));

	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, node), index), 0);
	assert_int_equal(nr_mappings(domain_of(t, ctrl)), in_ctrl);
	assert_int_equal(nr_mappings(domain_of(t, gic)), in_gic);
}

/* What every controller of the kind must do with its fixture's line. */
static void one_line_both_levels(const char *fixture, const struct line *l,
				 const char *gic, const char *bad)
{
	struct irqmap_of *t;
	unsigned int virq;

	tu_log_capture_start();
	t = ot_load_up(fixture);
	virq = map_line(t, l, gic);
	share_and_dispose(t, l, gic, virq);
	refused(t, l->ctrl, gic, bad, 0);
	assert_true(tu_log_contains("cannot translate"));
	refused(t, l->ctrl, gic, bad, 1);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_gpc_line_crosses_gic_with_one_reference(void **state)
{
	static const struct line l = {
		"/gpc@20dc000", "/serial@2020000", "/serial@21e8000",
		26, IRQ_TYPE_LEVEL_HIGH, 58,
	};

	(void)state;
	one_line_both_levels("imx-gpc.dts", &l, "/interrupt-controller@a01000",
			     "/bad@2100000");
}

#define WUGEN "/interrupt-controller@48281000"
#define WUGEN_GIC "/interrupt-controller@48211000"

static void test_wakeupgen_line_crosses_gic_with_one_reference(void **state)
{
	static const struct line l = {
		WUGEN, "/serial@4806a000", "/serial@4806c000",
		72, IRQ_TYPE_LEVEL_HIGH, 104,
	};

	(void)state;
	one_line_both_levels("omap-wakeupgen.dts", &l, WUGEN_GIC,
			     "/bad@48001000");
}

static void test_wakeupgen_takes_spis_up_to_223_on_every_soc(void **state)
{
	static const struct line l = {
		WUGEN, "/last@48000000", NULL, 223, IRQ_TYPE_EDGE_RISING, 255,
	};
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("omap-wakeupgen.dts");
	irq_dispose_mapping(map_line(t, &l, WUGEN_GIC));
	assert_int_equal(irqmap_of_free(t), 0);
}

#define LIC "/interrupt-controller@60004000"
#define LIC_GIC "/interrupt-controller@50041000"

static void test_tegra_lic_line_crosses_gic_with_one_reference(void **state)
{
	static const struct line l = {
		LIC, "/serial@70006000", "/serial@70006040",
		36, IRQ_TYPE_LEVEL_HIGH, 68,
	};

	(void)state;
	one_line_both_levels("tegra-lic.dts", &l, LIC_GIC, "/bad@70001000");
}

static void test_tegra_lic_lines_end_with_its_reg_regions(void **state)
{
	static const struct line l = {
		LIC, "/last@70000000", NULL, 159, IRQ_TYPE_EDGE_RISING, 191,
	};
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("tegra-lic.dts");
	irq_dispose_mapping(map_line(t, &l, LIC_GIC));
	/* five regions: SPI 160 is refused (the fixture's bad index 1) */
	refused(t, LIC, LIC_GIC, "/bad@70001000", 1);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_exynos_pmu_line_crosses_gic_with_one_reference(void **state)
{
	static const struct line l = {
		"/system-controller@10020000", "/rtc@10070000",
		"/watchdog@10060000", 44, IRQ_TYPE_LEVEL_HIGH, 76,
	};

	(void)state;
	one_line_both_levels("exynos-pmu.dts", &l,
			     "/interrupt-controller@10490000", "/bad@10080000");
}

#define R_INTC "/interrupt-controller@1f00c00"
#define R_GIC "/interrupt-controller@1c81000"

static void test_r_intc_line_crosses_gic_with_one_reference(void **state)
{
	static const struct line l = {
		R_INTC, "/rtc@1f00000", "/pinctrl@1f02c00",
		40, IRQ_TYPE_LEVEL_HIGH, 72,
	};

	(void)state;
	one_line_both_levels("sun6i-r-intc.dts", &l, R_GIC, "/bad@1f03000");
}

/* The NMI is the SPI of R_INTC's own interrupt, with a chip of its own. */
static void test_r_intc_nmi_is_its_own_spi_with_its_own_chip(void **state)
{
	static const struct line nmi = {
		R_INTC, "/pmic@3a3", NULL, 32, IRQ_TYPE_LEVEL_LOW, 64,
	};
	struct irqmap_of *t;
	unsigned int v_nmi, v_mux;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("sun6i-r-intc.dts");
	v_nmi = map_line(t, &nmi, R_GIC);
	v_mux = ot_map(t, "/rtc@1f00000", 1);
	assert_int_equal(ot_hwirq(v_mux), 41);
	found_at(v_mux, domain_of(t, R_GIC), 73);
	assert_ptr_not_equal(irq_get_irq_data(v_nmi)->chip,
			     irq_get_irq_data(v_mux)->chip);
	irq_dispose_mapping(v_nmi);
	irq_dispose_mapping(v_mux);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_r_intc_old_two_cells_name_the_nmi(void **state)
{
	static const struct line nmi = {
		R_INTC, "/pmic@3a3", NULL, 32, IRQ_TYPE_LEVEL_LOW, 64,
	};
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("sun6i-r-intc-legacy.dts");
	/* the second R_INTC's own interrupt is edge: it does not come up */
	assert_int_equal(irqmap_of_irq_init(t), -EINVAL);
	assert_true(tu_log_contains("level-high SPI"));
	irq_dispose_mapping(map_line(t, &nmi, R_GIC));
	refused(t, R_INTC, R_GIC, "/bad@1f03000", 0);
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/orphan@1f04000"), 0), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

#define CBAR "/crossbar@4a002a48"
#define I2C "/i2c@48070000"

/* Map interrupt @index of @node: source @source through slot @slot. */
static unsigned int through_slot(struct irqmap_of *t, const char *node,
				 int index, unsigned long source,
				 unsigned long slot)
{
	unsigned int virq = ot_map(t, node, index);

	found_at(virq, domain_of(t, CBAR), source);
	found_at(virq, domain_of(t, WUGEN), slot);
	found_at(virq, domain_of(t, WUGEN_GIC), slot + 32);
	return virq;
}

static void test_crossbar_line_crosses_wakeupgen_and_gic(void **state)
{
	static const struct line l = {
		CBAR, "/serial@4806a000", "/serial@4806c000",
		67, IRQ_TYPE_LEVEL_HIGH, 39,
	};

	(void)state;
	one_line_both_levels("crossbar.dts", &l, WUGEN_GIC, "/bad@48000000");
}

static void test_crossbar_takes_highest_free_slot_past_reserved_and_skipped(void **state)
{
	struct irqmap_of *t;
	unsigned int v[5];

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("crossbar.dts");
	v[0] = through_slot(t, "/serial@4806a000", 0, 67, 7);
	v[1] = through_slot(t, "/mmc@4809c000", 0, 78, 6);
	/* the crossbar keeps the source's type; the GIC gets level-high */
	assert_int_equal(irq_get_trigger_type(v[1]), IRQ_TYPE_EDGE_RISING);
	v[2] = through_slot(t, I2C, 0, 51, 4);
	v[3] = through_slot(t, I2C, 1, 56, 3);
	v[4] = through_slot(t, I2C, 2, 57, 2);
	for (int i = 0; i < 5; i++)
		irq_dispose_mapping(v[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_crossbar_reuses_a_slot_once_disposed(void **state)
{
	struct irqmap_of *t;
	unsigned int a, b, c;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("crossbar.dts");
	a = through_slot(t, "/serial@4806a000", 0, 67, 7);
	b = through_slot(t, "/mmc@4809c000", 0, 78, 6);
	irq_dispose_mapping(a);
	/* slot 7 is free again, and the highest: the next source takes it */
	c = through_slot(t, I2C, 0, 51, 7);
	irq_dispose_mapping(b);
	a = through_slot(t, "/serial@4806a000", 0, 67, 6);
	irq_dispose_mapping(a);
	irq_dispose_mapping(c);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_crossbar_exhaustion_fails_with_nothing_left_behind(void **state)
{
	struct irqmap_of *t;
	unsigned int v[5], again;

	(void)state;
	tu_log_capture_start();
	t = ot_load_up("crossbar.dts");
	v[0] = ot_map(t, "/serial@4806a000", 0);
	v[1] = ot_map(t, "/mmc@4809c000", 0);
	for (int i = 0; i < 3; i++)
		v[2 + i] = ot_map(t, I2C, i);
	refused(t, CBAR, WUGEN_GIC, I2C, 3);
	assert_int_equal(nr_mappings(domain_of(t, WUGEN)), 5);
	assert_int_equal(irq_find_mapping(domain_of(t, CBAR), 58), 0);
	/* one slot back, and the refused source gets it */
	irq_dispose_mapping(v[3]);
	again = through_slot(t, I2C, 3, 58, 3);
	irq_dispose_mapping(again);
	for (int i = 0; i < 5; i++)
		if (i != 3)
			irq_dispose_mapping(v[i]);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_crossbar_with_slots_past_max_irqs_or_odd_registers_is_refused(void **state)
{
	static const char *const why[] = {
		"ti,irqs-reserved: slot 8 of 8", "ti,irqs-skip: slot 9 of 8",
		"ti,reg-size 3 is not 1, 2 or 4", "without ti,max-irqs",
	};
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("crossbar-bad.dts");
	assert_int_equal(irqmap_of_irq_init(t), -EINVAL);
	for (size_t i = 0; i < sizeof(why) / sizeof(why[0]); i++)
		assert_true(tu_log_contains(why[i]));
	assert_null(irqmap_of_node_domain(t, ot_node(t, "/crossbar@1000")));
	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, "/serial@4806a000"), 0), 0);
	assert_int_equal(irqmap_of_free(t), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_gpc_line_crosses_gic_with_one_reference),
		T(test_wakeupgen_line_crosses_gic_with_one_reference),
		T(test_wakeupgen_takes_spis_up_to_223_on_every_soc),
		T(test_tegra_lic_line_crosses_gic_with_one_reference),
		T(test_tegra_lic_lines_end_with_its_reg_regions),
		T(test_exynos_pmu_line_crosses_gic_with_one_reference),
		T(test_r_intc_line_crosses_gic_with_one_reference),
		T(test_r_intc_nmi_is_its_own_spi_with_its_own_chip),
		T(test_r_intc_old_two_cells_name_the_nmi),
		T(test_crossbar_line_crosses_wakeupgen_and_gic),
		T(test_crossbar_takes_highest_free_slot_past_reserved_and_skipped),
		T(test_crossbar_reuses_a_slot_once_disposed),
		T(test_crossbar_exhaustion_fails_with_nothing_left_behind),
		T(test_crossbar_with_slots_past_max_irqs_or_odd_registers_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
