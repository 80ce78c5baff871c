// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_board_chips.c - the drivers of controllers real boards name:
 * the Exynos combiner, the BCM2835 ARM controller, the Qualcomm SPMI PMIC
 * arbiter and IPCC, the TI K3 interrupt router, and the generic rules for
 * controllers no driver knows. Each gives the kernel's hwirq and type,
 * refuses what the kernel refuses, and shares a specifier's mapping.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include <libfdt.h>

#include "oftest.h"

/* Map @node's interrupt @index; assert the hwirq and type. */
static unsigned int map_is(struct irqmap_of *t, const char *node, int index,
			   unsigned long hwirq, unsigned int type)
{
	unsigned int virq = ot_map(t, node, index);

	assert_int_equal(ot_hwirq(virq), hwirq);
	assert_int_equal(irq_get_trigger_type(virq), type);
	return virq;
}

/* Interrupt @index of @node is refused: no mapping, and a message saying @why. */
static void refused(struct irqmap_of *t, const char *node, int index,
		    const char *why)
{
	unsigned int before = tu_nr_allocated_virqs();

	assert_int_equal(irq_of_parse_and_map(t, ot_node(t, node), index), 0);
	assert_int_equal(tu_nr_allocated_virqs(), before);
	if (!tu_log_contains(why))
		fail_msg("%s interrupt %d: no message saying \"%s\" (last: %s)",
			 node, index, why, tu_log_last());
}

/* A specifier of @count cells for controller @ctrl is refused by its domain. */
static void fwspec_refused(struct irqmap_of *t, const char *ctrl, int count,
			   const uint32_t *cells)
{
	struct irq_fwspec fw = {
		.fwnode = irqmap_of_node_fwnode(t, ot_node(t, ctrl)),
		.param_count = count,
	};

	for (int i = 0; i < count; i++)
		fw.param[i] = cells[i];
	assert_int_equal(irq_create_fwspec_mapping(&fw), 0);
	assert_true(tu_log_contains("cannot translate"));
}

static void dispose_all(const unsigned int *virqs, int nr)
{
	for (int i = 0; i < nr; i++)
		assert_int_equal(irq_dispose_mapping(virqs[i]), 0);
}

/* Capture the log, load fixture @name and bring its controllers up. */
static struct irqmap_of *up(const char *name)
{
	tu_log_capture_start();
	return ot_load_up(name);
}

/* Two users of one specifier: one mapping, two references. */
static void shared(unsigned int a, unsigned int b)
{
	assert_int_equal(a, b);
	assert_int_equal(irq_mapping_refcount(a), 2);
}

/* Nothing was logged; drop @virqs; the tree's teardown finds no user left. */
static void clean_end(struct irqmap_of *t, const unsigned int *virqs, int nr)
{
	assert_int_equal(tu_log_count(), 0);
	dispose_all(virqs, nr);
	assert_int_equal(irqmap_of_free(t), 0);
}

#define COMBINER "/interrupt-controller@10440000"

static void test_combiner_line_is_group_times_eight_plus_line(void **state)
{
	struct irqmap_of *t;
	unsigned int v[5];

	(void)state;
	t = up("exynos-combiner.dts");
	v[0] = map_is(t, "/fimc@11800000", 0, 20, IRQ_TYPE_NONE);
	v[1] = map_is(t, "/mct@10050000", 0, 25, IRQ_TYPE_NONE);
	v[2] = map_is(t, "/pmu@10051000", 0, 25, IRQ_TYPE_NONE);
	shared(v[1], v[2]);
	/* the line is not checked against 8: it spills into the next group */
	v[3] = map_is(t, "/spill@10052000", 0, 9, IRQ_TYPE_NONE);
	/* 20 groups without samsung,combiner-nr */
	v[4] = map_is(t, "/last@10054000", 0, 159, IRQ_TYPE_NONE);
	clean_end(t, v, 5);
}

static void test_combiner_groups_are_cascaded_on_their_own_parent_lines(void **state)
{
	struct irqmap_of *t;
	int comb;

	(void)state;
	t = up("exynos-combiner.dts");
	comb = ot_node(t, COMBINER);
	for (int g = 0; g < 4; g++)
		assert_int_equal(ot_hwirq(irqmap_of_parent_irq(t, comb, g)), 32 + g);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_combiner_refuses_a_group_past_combiner_nr(void **state)
{
	struct irqmap_of *t;

	(void)state;
	t = up("exynos-combiner.dts");
	refused(t, "/bad@10053000", 0, "hwirq 32 is beyond domain");
	refused(t, "/last@10054000", 1, "hwirq 160 is beyond domain");
	fwspec_refused(t, COMBINER, 1, (uint32_t[]){ 2 });
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_bcm2835_hwirq_is_bank_times_32_plus_bit(void **state)
{
	static const unsigned long timer[] = { 32, 33, 34, 35 };
	struct irqmap_of *t;
	unsigned int v[8];

	(void)state;
	t = up("bcm2835.dts");
	for (int i = 0; i < 4; i++)
		v[i] = map_is(t, "/timer@7e003000", i, timer[i], IRQ_TYPE_NONE);
	v[4] = map_is(t, "/mailbox@7e00b880", 0, 1, IRQ_TYPE_NONE);
	v[5] = map_is(t, "/uart@7e201000", 0, 89, IRQ_TYPE_NONE);
	v[6] = map_is(t, "/spi@7e204000", 0, 86, IRQ_TYPE_NONE);
	v[7] = map_is(t, "/i2c@7e205000", 0, 86, IRQ_TYPE_NONE);
	shared(v[6], v[7]);
	clean_end(t, v, 8);
}

static void test_bcm2835_refuses_bits_past_a_bank_and_banks_past_two(void **state)
{
	struct irqmap_of *t;

	(void)state;
	t = up("bcm2835.dts");
	refused(t, "/bad@7e300000", 0, "cannot translate a 2-cell specifier <0x0 0x8>: -22");
	refused(t, "/bad@7e300000", 1, "<0x3 0x0>: -22");
	refused(t, "/bad@7e300000", 2, "<0x1 0x20>: -22");
	fwspec_refused(t, "/interrupt-controller@7e00b200", 3,
		       (uint32_t[]){ 1, 9, 0 });
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_bcm2836_armctrl_is_cascaded_on_local_line_8(void **state)
{
	struct irqmap_of *t;
	unsigned int v[4];
	unsigned int gpu;

	(void)state;
	t = up("bcm2836.dts");
	gpu = irqmap_of_parent_irq(t, ot_node(t, "/interrupt-controller@7e00b200"), 0);
	assert_int_equal(ot_hwirq(gpu), 8);
	assert_int_equal(irq_get_trigger_type(gpu), IRQ_TYPE_LEVEL_HIGH);
	v[0] = map_is(t, "/dma@7e007000", 0, 48, IRQ_TYPE_NONE);
	v[1] = map_is(t, "/usb@7e980000", 0, 41, IRQ_TYPE_NONE);
	/* the local controller's two cells: hwirq and type */
	v[2] = map_is(t, "/timer", 0, 0, IRQ_TYPE_LEVEL_HIGH);
	v[3] = map_is(t, "/timer", 1, 1, IRQ_TYPE_LEVEL_HIGH);
	clean_end(t, v, 4);
}

#define SPMI "/spmi@c440000"

static void test_spmi_hwirq_packs_sid_peripheral_and_index_with_apid_zero(void **state)
{
	struct irqmap_of *t;
	unsigned int v[4], summary;

	(void)state;
	t = up("spmi-pmic-arb.dts");
	summary = irqmap_of_parent_irq(t, ot_node(t, SPMI), 0);
	assert_int_equal(ot_hwirq(summary), 32 + 481);
	v[0] = map_is(t, SPMI "/pmic@0/rtc@6000", 0, 0x06110000, IRQ_TYPE_EDGE_RISING);
	v[1] = map_is(t, SPMI "/pmic@0/pon@800", 0, 0x00800000, IRQ_TYPE_EDGE_BOTH);
	v[2] = map_is(t, SPMI "/pmic@0/alarm@6100", 0, 0x06110000, IRQ_TYPE_EDGE_RISING);
	shared(v[0], v[2]);
	v[3] = map_is(t, SPMI "/pmic@2/temp-alarm@c000", 0, 0x2c070000, IRQ_TYPE_LEVEL_LOW);
	clean_end(t, v, 4);
}

static void test_spmi_refuses_sid_peripheral_index_out_of_range_and_other_counts(void **state)
{
	struct irqmap_of *t;

	(void)state;
	t = up("spmi-pmic-arb.dts");
	refused(t, SPMI "/pmic@2/bad@d000", 0, "<0x10 0x61 0x1 0x1>: -22");
	refused(t, SPMI "/pmic@2/bad@d000", 1, "<0x2 0x100 0x0 0x1>: -22");
	refused(t, SPMI "/pmic@2/bad@d000", 2, "<0x2 0x61 0x8 0x1>: -22");
	fwspec_refused(t, SPMI, 3, (uint32_t[]){ 0, 0x61, 1 });
	fwspec_refused(t, SPMI, 5, (uint32_t[]){ 0, 0x61, 1, 1, 0 });
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_ipcc_hwirq_is_client_in_upper_half_signal_in_lower(void **state)
{
	struct irqmap_of *t;
	unsigned int v[4];

	(void)state;
	t = up("qcom-ipcc.dts");
	assert_int_equal(ot_hwirq(irqmap_of_parent_irq(t, ot_node(t, "/mailbox@408000"), 0)),
			 32 + 229);
	v[0] = map_is(t, "/remoteproc@8300000", 0, 0x60002, IRQ_TYPE_EDGE_RISING);
	v[1] = map_is(t, "/smp2p-adsp", 0, 0x30002, IRQ_TYPE_EDGE_RISING);
	/* the kernel keeps 16 bits of each id: client 0x10003 is client 3 */
	v[2] = map_is(t, "/smp2p-adsp-again", 0, 0x30002, IRQ_TYPE_EDGE_RISING);
	shared(v[1], v[2]);
	/* a node with only its SoC's compatible gets the same rules */
	v[3] = map_is(t, "/smp2p-mpss", 0, 0x20000, IRQ_TYPE_LEVEL_HIGH);
	clean_end(t, v, 4);
}

static void test_ipcc_refuses_other_than_three_cells(void **state)
{
	struct irqmap_of *t;
	unsigned int before;

	(void)state;
	t = up("qcom-ipcc.dts");
	before = tu_nr_allocated_virqs();
	fwspec_refused(t, "/mailbox@408000", 2, (uint32_t[]){ 6, 2 });
	fwspec_refused(t, "/mailbox@408000", 4, (uint32_t[]){ 6, 2, 1, 0 });
	assert_int_equal(tu_nr_allocated_virqs(), before);
	assert_int_equal(irqmap_of_free(t), 0);
}

#define GPIO_INTR "/interrupt-controller@a00000"

static void test_ti_sci_intr_type_is_the_routers_trigger_type(void **state)
{
	struct irqmap_of *t;
	unsigned int v[4];

	(void)state;
	t = up("ti-sci-intr.dts");
	v[0] = map_is(t, "/gpio@600000", 0, 192, IRQ_TYPE_EDGE_RISING);
	v[1] = map_is(t, "/gpio@600000", 1, 193, IRQ_TYPE_EDGE_RISING);
	v[2] = map_is(t, "/gpio@601000", 0, 193, IRQ_TYPE_EDGE_RISING);
	shared(v[1], v[2]);
	v[3] = map_is(t, "/mailbox@31f80000", 0, 436, IRQ_TYPE_LEVEL_HIGH);
	/* the router's lines stay in its domain: the GIC's routing is the firmware's */
	assert_ptr_equal(irq_get_irq_data(v[3])->domain,
			 irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller@310e0000")));
	/* the aggregator comes up, with no line a specifier can name */
	assert_non_null(irqmap_of_node_domain(t, ot_node(t, "/interrupt-controller@33d00000")));
	clean_end(t, v, 4);
}

static void test_ti_sci_intr_refuses_other_than_one_cell(void **state)
{
	struct irqmap_of *t;

	(void)state;
	t = up("ti-sci-intr.dts");
	fwspec_refused(t, GPIO_INTR, 2, (uint32_t[]){ 192, 1 });
	fwspec_refused(t, GPIO_INTR, 0, NULL);
	assert_int_equal(irqmap_of_free(t), 0);
}

static void test_ti_sci_intr_without_trigger_type_stays_down(void **state)
{
	struct irqmap_of *t;

	(void)state;
	tu_log_capture_start();
	t = ot_load("ti-sci-intr-untyped.dts");
	assert_int_equal(irqmap_of_irq_init(t), -EINVAL);
	assert_true(tu_log_contains("without ti,intr-trigger-type"));
	assert_null(irqmap_of_node_domain(t, ot_node(t, GPIO_INTR)));
	assert_int_equal(irqmap_of_free(t), 0);
}

#define THREE "/interrupt-controller@9002000"

static void test_generic_one_and_two_cells_are_onecell_and_twocell(void **state)
{
	struct irqmap_of *t;
	unsigned int v[3];

	(void)state;
	t = up("generic-cells.dts");
	v[0] = map_is(t, "/dev@a000000", 0, 5, IRQ_TYPE_NONE);
	v[1] = map_is(t, "/dev@a000000", 1, 7, IRQ_TYPE_LEVEL_LOW);
	v[2] = map_is(t, "/dev@a000000", 2, 7, IRQ_TYPE_LEVEL_LOW);
	shared(v[1], v[2]);
	clean_end(t, v, 3);
}

static void test_generic_three_cell_tuples_differing_in_any_cell_get_distinct_hwirqs(void **state)
{
	struct irqmap_of *t;
	unsigned int v[6];

	(void)state;
	t = up("generic-cells.dts");
	for (int i = 0; i < 4; i++)
		v[i] = map_is(t, "/dev@a001000", i, (unsigned long)i, IRQ_TYPE_NONE);
	v[4] = map_is(t, "/dev@a002000", 0, 0, IRQ_TYPE_NONE);
	shared(v[0], v[4]);
	/* a tuple keeps its hwirq after its mapping goes */
	assert_int_equal(irq_dispose_mapping(v[1]), 0);
	v[5] = map_is(t, "/dev@a001000", 1, 1, IRQ_TYPE_NONE);
	v[1] = v[5];
	fwspec_refused(t, THREE, 0, NULL);
	assert_int_equal(tu_log_count(), 1);
	dispose_all(v, 5);
	assert_int_equal(irqmap_of_free(t), 0);
}

#define MANY		20000
#define PER_NODE	200

/* A tree: one 3-cell controller and MANY distinct specifiers for it. */
static void *many_tuples_blob(size_t *size)
{
	size_t cap = 64 + (size_t)MANY * 16 + (MANY / PER_NODE) * 128 + 4096;
	char name[32];
	void *fdt = malloc(cap);

	assert_non_null(fdt);
	assert_int_equal(fdt_create(fdt, (int)cap), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_begin_node(fdt, "interrupt-controller@1000"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "test,tuples"), 0);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	assert_int_equal(fdt_property_u32(fdt, "#interrupt-cells", 3), 0);
	assert_int_equal(fdt_property_u32(fdt, "phandle", 1), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	for (int n = 0; n < MANY / PER_NODE; n++) {
		fdt32_t *cells;

		snprintf(name, sizeof(name), "dev@%x", n);
		assert_int_equal(fdt_begin_node(fdt, name), 0);
		assert_int_equal(fdt_property_u32(fdt, "interrupt-parent", 1), 0);
		assert_int_equal(fdt_property_placeholder(fdt, "interrupts",
							  PER_NODE * 3 * 4,
							  (void **)&cells), 0);
		/* spread the tuples over all three cells */
		for (int i = 0; i < PER_NODE; i++) {
			int k = n * PER_NODE + i;

			cells[3 * i] = cpu_to_fdt32((uint32_t)(k % 7));
			cells[3 * i + 1] = cpu_to_fdt32((uint32_t)(k / 7 % 1000));
			cells[3 * i + 2] = cpu_to_fdt32((uint32_t)(k / 7000));
		}
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	*size = fdt_totalsize(fdt);
	return fdt;
}

static void test_generic_twenty_thousand_tuples_map_to_distinct_hwirqs(void **state)
{
	unsigned int *virqs = calloc(MANY, sizeof(*virqs));
	unsigned char *seen = calloc(MANY, 1);
	struct irqmap_of *t;
	size_t size;
	void *blob = many_tuples_blob(&size);
	int k = 0;

	(void)state;
	assert_non_null(virqs);
	assert_non_null(seen);
	tu_log_capture_start();
	t = irqmap_of_load_blob(blob, size);
	free(blob);
	assert_non_null(t);
	assert_int_equal(irqmap_of_irq_init(t), 0);
	for (int n = 0; n < MANY / PER_NODE; n++) {
		char path[32];

		snprintf(path, sizeof(path), "/dev@%x", n);
		for (int i = 0; i < PER_NODE; i++, k++) {
			unsigned long hw;

			virqs[k] = ot_map(t, path, i);
			hw = ot_hwirq(virqs[k]);
			/* numbered in first-seen order: exactly 0..MANY-1, each once */
			assert_int_equal(hw, k);
			assert_false(seen[hw]);
			seen[hw] = 1;
		}
	}
	/* the same specifiers again: the same mappings */
	assert_int_equal(ot_map(t, "/dev@0", 0), virqs[0]);
	assert_int_equal(ot_map(t, "/dev@63", PER_NODE - 1), virqs[MANY - 1]);
	assert_int_equal(irq_mapping_refcount(virqs[MANY - 1]), 2);
	assert_int_equal(irq_dispose_mapping(virqs[0]), 0);
	assert_int_equal(irq_dispose_mapping(virqs[MANY - 1]), 0);
	assert_int_equal(tu_log_count(), 0);
	dispose_all(virqs, MANY);
	assert_int_equal(irqmap_of_free(t), 0);
	free(seen);
	free(virqs);
}

#define THREADS		4
#define PER_THREAD	2000

struct mapper {
	struct fwnode_handle *fw;
	unsigned int id;
	unsigned int virqs[PER_THREAD];
};

/* Every thread maps the same tuples, in its own order. */
static void *map_tuples(void *arg)
{
	struct mapper *m = arg;

	for (int i = 0; i < PER_THREAD; i++) {
		int k = (int)(((unsigned int)i * 7919u + m->id) % PER_THREAD);
		struct irq_fwspec fw = {
			.fwnode = m->fw, .param_count = 3,
			.param = { (uint32_t)k, (uint32_t)(k >> 3), 4 },
		};

		m->virqs[k] = irq_create_fwspec_mapping(&fw);
	}
	return NULL;
}

static void test_generic_tuples_translated_from_several_threads_agree(void **state)
{
	static struct mapper m[THREADS];
	pthread_t th[THREADS];
	unsigned char *seen = calloc(PER_THREAD, 1);
	struct irqmap_of *t;

	(void)state;
	assert_non_null(seen);
	t = up("generic-cells.dts");
	for (int i = 0; i < THREADS; i++) {
		m[i].id = (unsigned int)i;
		m[i].fw = irqmap_of_node_fwnode(t, ot_node(t, THREE));
		assert_int_equal(pthread_create(&th[i], NULL, map_tuples, &m[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int k = 0; k < PER_THREAD; k++) {
		unsigned long hw = ot_hwirq(m[0].virqs[k]);

		for (int i = 1; i < THREADS; i++)
			assert_int_equal(m[i].virqs[k], m[0].virqs[k]);
		assert_int_equal(irq_mapping_refcount(m[0].virqs[k]), THREADS);
		assert_true(hw < PER_THREAD);
		assert_false(seen[hw]);
		seen[hw] = 1;
	}
	assert_int_equal(tu_log_count(), 0);
	for (int i = 0; i < THREADS; i++)
		dispose_all(m[i].virqs, PER_THREAD);
	assert_int_equal(irqmap_of_free(t), 0);
	free(seen);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_combiner_line_is_group_times_eight_plus_line),
		T(test_combiner_groups_are_cascaded_on_their_own_parent_lines),
		T(test_combiner_refuses_a_group_past_combiner_nr),
		T(test_bcm2835_hwirq_is_bank_times_32_plus_bit),
		T(test_bcm2835_refuses_bits_past_a_bank_and_banks_past_two),
		T(test_bcm2836_armctrl_is_cascaded_on_local_line_8),
		T(test_spmi_hwirq_packs_sid_peripheral_and_index_with_apid_zero),
		T(test_spmi_refuses_sid_peripheral_index_out_of_range_and_other_counts),
		T(test_ipcc_hwirq_is_client_in_upper_half_signal_in_lower),
		T(test_ipcc_refuses_other_than_three_cells),
		T(test_ti_sci_intr_type_is_the_routers_trigger_type),
		T(test_ti_sci_intr_refuses_other_than_one_cell),
		T(test_ti_sci_intr_without_trigger_type_stays_down),
		T(test_generic_one_and_two_cells_are_onecell_and_twocell),
		T(test_generic_three_cell_tuples_differing_in_any_cell_get_distinct_hwirqs),
		T(test_generic_twenty_thousand_tuples_map_to_distinct_hwirqs),
		T(test_generic_tuples_translated_from_several_threads_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
