// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dt_board.c - bring a board up from its flattened device tree.
 *
 * Loads a .dtb (QEMU's Arm virt machine with a GICv3 by default), creates
 * a domain for every interrupt controller it describes, maps every
 * interrupt of a few device nodes with irq_of_parse_and_map() and two
 * node-less PCI devices through the host bridge's interrupt-map, requests
 * handlers for the UART, the RTC and the two PCI devices (which share a
 * line), and fires two lines the way a GIC model would. Then everything is
 * taken down in reverse order.
 *
 * usage: dt_board [FILE.dtb]   (default ../shared/dt/virt-gicv3.dtb)
 * Exits 77 (skipped) when the file does not exist.
 *
 * Build it like any program using the installed library (make install,
 * or the libirqmap-dev package: see README.md):
 *   cc dt_board.c $(pkg-config --cflags --libs irqmap) -o dt_board
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <irqmap/irqmap.h>

#define EXIT_SKIP	77
#define MAX_VIRQS	32

static const char *const nodes[] = {
	"/pl011@9000000",	/* UART: one SPI */
	"/pl031@9010000",	/* RTC: one SPI */
	"/timer",		/* architected timer: four PPIs */
	"/pmu",			/* performance monitors: one PPI */
};

static unsigned int virqs[MAX_VIRQS];
static unsigned int nr_virqs;
static int failures;

static const char *type_name(unsigned int type)
{
	switch (type) {
	case IRQ_TYPE_EDGE_RISING:	return "edge-rising";
	case IRQ_TYPE_EDGE_FALLING:	return "edge-falling";
	case IRQ_TYPE_EDGE_BOTH:	return "edge-both";
	case IRQ_TYPE_LEVEL_HIGH:	return "level-high";
	case IRQ_TYPE_LEVEL_LOW:	return "level-low";
	default:			return "none";
	}
}

/* Keep the virq so that it can be disposed of at the end; print the route. */
static unsigned int record(const char *what, unsigned int virq)
{
	struct irq_data *d = virq ? irq_get_irq_data(virq) : NULL;

	if (!d || nr_virqs == MAX_VIRQS) {
		printf("FAILED: %s did not map\n", what);
		failures++;
		return 0;
	}
	virqs[nr_virqs++] = virq;
	printf("  %-22s -> %s hwirq %lu %s -> virq %u (%u user%s)\n", what,
	       d->domain->name, irqd_to_hwirq(d),
	       type_name(irq_get_trigger_type(virq)), virq,
	       irq_mapping_refcount(virq),
	       irq_mapping_refcount(virq) == 1 ? "" : "s");
	return virq;
}

/* A driver of one of the board's devices. */
struct driver {
	const char *name;
	unsigned long flags;
	unsigned int virq;
	unsigned int count;
};

static irqreturn_t count_interrupt(int irq, void *dev_id)
{
	struct driver *drv = dev_id;

	(void)irq;
	drv->count++;
	return IRQ_HANDLED;
}

/* The GIC model raises one of its lines. */
static void fire(struct irq_domain *gic, unsigned int virq,
		 struct driver *drv, int n)
{
	irq_hw_number_t hw = irqd_to_hwirq(irq_get_irq_data(virq));

	if (generic_handle_domain_irq(gic, hw))
		failures++;
	printf("GIC line %lu fires; handlers ran:", hw);
	for (int i = 0; i < n; i++)
		printf(" %s %u", drv[i].name, drv[i].count);
	printf("\n");
}

/* Map every interrupt of @path; return the virq of its first one. */
static unsigned int map_node(struct irqmap_of *tree, const char *path)
{
	int node = irqmap_of_find_node(tree, path);
	unsigned int first = 0;
	char what[64];
	int n;

	if (node < 0) {
		printf("FAILED: %s: no such node\n", path);
		failures++;
		return 0;
	}
	n = of_irq_count(tree, node);
	for (int i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "%s[%d]", path, i);
		if (!record(what, irq_of_parse_and_map(tree, node, i)))
			continue;
		if (!first)
			first = virqs[nr_virqs - 1];
	}
	return first;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "../shared/dt/virt-gicv3.dtb";
	struct driver drv[] = {
		{ .name = "uart" },
		{ .name = "rtc" },
		{ .name = "pci0", .flags = IRQF_SHARED },
		{ .name = "pci1", .flags = IRQF_SHARED },
	};
	const int nr_drv = sizeof(drv) / sizeof(drv[0]);
	struct irqmap_of *tree;
	struct irq_domain *gic;
	int pcie, ret;

	if (access(path, R_OK) && errno == ENOENT) {
		printf("%s: no such file; skipping (give a .dtb as argument)\n",
		       path);
		return EXIT_SKIP;
	}
	if (irqmap_init())
		return 1;
	tree = irqmap_of_load(path);
	if (!tree) {
		printf("FAILED: cannot load %s: %s\n", path, strerror(errno));
		irqmap_exit();
		return 1;
	}
	ret = irqmap_of_irq_init(tree);
	gic = irqmap_of_node_domain(tree, irqmap_of_find_node(tree,
							      "/intc@8000000"));
	printf("%s: controllers up (%s), GIC domain %s\n", path,
	       ret ? "with errors" : "all", gic ? gic->name : "missing");
	if (ret || !gic)
		failures++;

	/* Every interrupt of a few device nodes. */
	drv[0].virq = map_node(tree, nodes[0]);
	drv[1].virq = map_node(tree, nodes[1]);
	for (size_t i = 2; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		map_node(tree, nodes[i]);

	/*
	 * Two PCI devices without nodes: 00:00.0 INTB and 00:01.0 INTA. The
	 * host bridge's interrupt-map swizzles both onto the same GIC line,
	 * so the second one shares the first one's virq.
	 */
	pcie = irqmap_of_find_node(tree, "/pcie@10000000");
	drv[2].virq = record("pci 00:00.0 INTB",
			     of_irq_parse_and_map_pci(tree, pcie, 0 << 3, 2));
	drv[3].virq = record("pci 00:01.0 INTA",
			     of_irq_parse_and_map_pci(tree, pcie, 1 << 3, 1));
	if (failures || !gic)
		goto out;

	/* Drivers request their interrupts; the PCI pair shares its line. */
	for (int i = 0; i < nr_drv; i++)
		if (request_irq(drv[i].virq, count_interrupt, drv[i].flags,
				drv[i].name, &drv[i]))
			failures++;
	fire(gic, drv[0].virq, drv, nr_drv);
	fire(gic, drv[2].virq, drv, nr_drv);
	if (drv[0].count != 1 || drv[1].count || drv[2].count != 1 ||
	    drv[3].count != 1)
		failures++;
	for (int i = 0; i < nr_drv; i++)
		if (free_irq(drv[i].virq, &drv[i]) != drv[i].name)
			failures++;

out:

	/* Tear down: every reference taken above, then the tree's domains. */
	for (unsigned int i = 0; i < nr_virqs; i++)
		if (irq_dispose_mapping(virqs[i]))
			failures++;
	ret = irqmap_of_free(tree);
	printf("disposed of %u mappings, tree freed: %s\n", nr_virqs,
	       ret ? "refused" : "ok");
	if (ret)
		failures++;
	if (irqmap_exit())
		failures++;
	printf("%s\n", failures ? "FAILED" : "done: nothing left behind");
	return failures ? 1 : 0;
}
