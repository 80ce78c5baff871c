// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_big.c - a generated tree of a few thousand nodes: 2000 devices
 * on buses sharing 200 GIC lines, 40 PCI hosts of 32 device nodes each
 * behind interrupt-maps, 50 cascaded GPIO blocks with 16 devices each.
 * Every interrupt is resolved and mapped, the sharing checked, everything
 * disposed. The time of each phase is printed, not asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "oftest.h"

#define NR_BUSES	20
#define DEVS_PER_BUS	100
#define NR_LINES	200
#define NR_HOSTS	40
#define SLOTS		32
#define NR_GPIOS	50
#define GPIO_DEVS	16

static void gen_pci_host(FILE *f, int h)
{
	fprintf(f, "\tpci@%x {\n\t\treg = <0x%x 0x1000>;\n"
		   "\t\t#address-cells = <3>;\n\t\t#size-cells = <2>;\n"
		   "\t\t#interrupt-cells = <1>;\n"
		   "\t\tinterrupt-map-mask = <0xf800 0 0 7>;\n\t\tinterrupt-map =",
		0x40000000 + h * 0x1000, 0x40000000 + h * 0x1000);
	for (int s = 0; s < SLOTS; s++)
		for (int p = 1; p <= 4; p++)
			fprintf(f, "%s<0x%x 0 0 %d &gic 0 %d 4>",
				s || p > 1 ? ", " : " ", s << 11, p,
				300 + 4 * h + (s + p - 1) % 4);
	fprintf(f, ";\n");
	for (int s = 0; s < SLOTS; s++)
		fprintf(f, "\t\tdev@%x { reg = <0x%x 0 0 0 0>; interrupts = <1>; };\n",
			s, s << 11);
	fprintf(f, "\t};\n");
}

static char *generate(int *nodes)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	fprintf(f, "/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
		   "\tinterrupt-parent = <&gic>;\n"
		   "\tgic: interrupt-controller@8000000 {\n"
		   "\t\tcompatible = \"arm,cortex-a15-gic\";\n"
		   "\t\treg = <0x8000000 0x10000>;\n"
		   "\t\tinterrupt-controller;\n\t\t#interrupt-cells = <3>;\n\t};\n");
	*nodes = 2;
	for (int b = 0; b < NR_BUSES; b++) {
		fprintf(f, "\tbus@%x {\n\t\tcompatible = \"simple-bus\";\n"
			   "\t\treg = <0x%x 0x100000>;\n\t\t#address-cells = <1>;\n"
			   "\t\t#size-cells = <1>;\n\t\tranges;\n",
			0x10000000 + b * 0x100000, 0x10000000 + b * 0x100000);
		for (int d = 0; d < DEVS_PER_BUS; d++) {
			int k = b * DEVS_PER_BUS + d;

			fprintf(f, "\t\tdev@%x { reg = <0x%x 0x100>; interrupts = <0 %d 4>; };\n",
				0x10000000 + k * 0x100, 0x10000000 + k * 0x100,
				k % NR_LINES);
		}
		fprintf(f, "\t};\n");
	}
	*nodes += NR_BUSES * (1 + DEVS_PER_BUS);
	for (int h = 0; h < NR_HOSTS; h++)
		gen_pci_host(f, h);
	*nodes += NR_HOSTS * (1 + SLOTS);
	for (int g = 0; g < NR_GPIOS; g++) {
		fprintf(f, "\tgpio%d: gpio@%x {\n\t\tcompatible = \"arm,pl061\";\n"
			   "\t\treg = <0x%x 0x1000>;\n\t\tinterrupts = <0 %d 4>;\n",
			g, 0x50000000 + g * 0x1000, 0x50000000 + g * 0x1000, 500 + g);
		for (int d = 0; d < GPIO_DEVS; d++)
			fprintf(f, "\t\tkey@%d { reg = <%d 1>; interrupt-parent = <&gpio%d>; interrupts = <%d 1>; };\n",
				d, d, g, d % 8);
		fprintf(f, "\t};\n");
	}
	*nodes += NR_GPIOS * (1 + GPIO_DEVS);
	fprintf(f, "};\n");
	fclose(f);
	return text;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void thousands_of_nodes(void **state)
{
	char path[] = "/tmp/irqmap-big-XXXXXX.dts";
	unsigned int *virqs;
	struct irqmap_of *t;
	int fd, nodes, n = 0, expected;
	double t0, t_load, t_init, t_map, t_dispose, t_free;
	char *text;

	(void)state;
	tu_log_capture_start();
	text = generate(&nodes);
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	free(text);

	t0 = now();
	t = irqmap_of_load(path);
	unlink(path);
	assert_non_null(t);
	t_load = now();
	assert_int_equal(irqmap_of_irq_init(t), 0);
	t_init = now();

	expected = NR_BUSES * DEVS_PER_BUS + NR_HOSTS * SLOTS + NR_GPIOS * (1 + GPIO_DEVS);
	virqs = calloc((size_t)expected, sizeof(*virqs));
	for (int node = irqmap_of_next_node(t, -1); node >= 0;
	     node = irqmap_of_next_node(t, node)) {
		int nr = irqmap_of_irq_entries(t, node);

		for (int i = 0; i < nr; i++) {
			assert_true(n < expected);
			virqs[n] = irq_of_parse_and_map(t, node, i);
			if (!virqs[n])
				fail_msg("%s interrupt %d: %s",
					 irqmap_of_node_path(t, node), i, tu_log_last());
			n++;
		}
	}
	t_map = now();
	assert_int_equal(n, expected);
	assert_int_equal(tu_log_count(), 0);

	/* 10 devices per bus line, 8 per PCI line, GPIO lines 2 each (+1 chain). */
	assert_int_equal(irq_mapping_refcount(virqs[0]), NR_BUSES * DEVS_PER_BUS / NR_LINES);
	assert_int_equal(irq_mapping_refcount(virqs[NR_BUSES * DEVS_PER_BUS]), SLOTS / 4);
	assert_int_equal(irq_mapping_refcount(virqs[expected - 1]), GPIO_DEVS / 8);
	assert_int_equal(irq_mapping_refcount(virqs[expected - 1 - GPIO_DEVS]), 2);
	assert_int_equal(irqmap_check(stderr), 0);

	for (int i = 0; i < n; i++)
		assert_int_equal(irq_dispose_mapping(virqs[i]), 0);
	t_dispose = now();
	assert_int_equal(irqmap_of_free(t), 0);
	t_free = now();
	free(virqs);
	print_message("%d nodes, %d interrupts: load (dtc + index) %.3f s, "
		      "controllers up %.3f s, resolve + map %.3f s (%.1f us each), "
		      "dispose %.3f s, teardown %.3f s\n",
		      nodes, n, t_load - t0, t_init - t_load, t_map - t_init,
		      (t_map - t_init) * 1e6 / n, t_dispose - t_map, t_free - t_dispose);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(thousands_of_nodes, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
