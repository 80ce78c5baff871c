// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_demo.c - a small, self-contained story of a shared PCI INTx line:
 * three devices behind one host bridge, two of them on the same INTA line;
 * unplugging the first leaves the line mapped for the second, unplugging
 * the second unmaps it, and the library ends with nothing left.
 */
#include <stdio.h>
#include <string.h>

#include <irqmap/irqmap.h>

#include "commands.h"

/* The platform controller: 4 INTx lines of the bridge at hwirq 0x1000.. */
#define PHB_LSI_BASE 0x1000u

struct demo_dev {
	const char *name;
	unsigned int slot;
	unsigned int pin;	/* 1 = INTA .. 4 = INTD */
	unsigned int virq;
};

static int ics_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	(void)d;
	(void)hw;
	return irq_set_chip(virq, &dummy_irq_chip);
}

static const struct irq_domain_ops ics_ops = {
	.map = ics_map,
	.xlate = irq_domain_xlate_twocell,
};

/* Standard PCI swizzle of a device's pin onto the bridge's INTx lines. */
static unsigned int swizzle(unsigned int slot, unsigned int pin)
{
	return (pin - 1 + slot) % 4 + 1;
}

static unsigned int plug(struct fwnode_handle *ics, struct demo_dev *dev)
{
	struct irq_fwspec spec = {
		.fwnode = ics,
		.param_count = 2,
		.param = { PHB_LSI_BASE + swizzle(dev->slot, dev->pin) - 1,
			   IRQ_TYPE_LEVEL_LOW },
	};

	irqmap_debug_set_owner(dev->name);
	dev->virq = irq_create_fwspec_mapping(&spec);
	irqmap_debug_set_owner(NULL);
	printf("+ plug   %-8s slot %u INT%c -> bridge INT%c -> virq %u (users %u)\n",
	       dev->name, dev->slot, 'A' + dev->pin - 1,
	       'A' + swizzle(dev->slot, dev->pin) - 1, dev->virq,
	       irq_mapping_refcount(dev->virq));
	return dev->virq;
}

static void unplug(struct demo_dev *dev)
{
	unsigned int virq = dev->virq;

	irqmap_debug_set_owner(dev->name);
	irq_dispose_mapping(virq);
	irqmap_debug_set_owner(NULL);
	if (irq_to_desc(virq))
		printf("- unplug %-8s virq %u stays mapped: %u user%s left\n",
		       dev->name, virq, irq_mapping_refcount(virq),
		       irq_mapping_refcount(virq) == 1 ? "" : "s");
	else
		printf("- unplug %-8s virq %u unmapped: it had no other user\n",
		       dev->name, virq);
}

int cmd_demo(int argc, char **argv)
{
	struct demo_dev devs[] = {
		{ "e1000-0", 0, 1, 0 },
		{ "virtio-4", 4, 1, 0 },	/* slot 4 INTA swizzles to INTA */
		{ "nvme-1", 1, 1, 0 },		/* slot 1 INTA swizzles to INTB */
	};
	struct fwnode_handle *ics;
	struct irq_domain *d;
	int ret;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: irqmap demo\n\nPlugs three PCI devices behind one "
		       "host bridge, two sharing INTA, then unplugs them.\n");
		return EXIT_OK;
	}
	if (irqmap_init()) {
		fprintf(stderr, "irqmap: cannot initialise the library\n");
		return EXIT_FAILURE_RUN;
	}
	ics = irq_domain_alloc_named_fwnode("ics");
	d = irq_domain_create_tree(ics, &ics_ops, NULL);
	if (!ics || !d) {
		fprintf(stderr, "irqmap: cannot create the interrupt controller\n");
		irqmap_exit();
		return EXIT_FAILURE_RUN;
	}

	printf("A PCI host bridge routes its INTA..INTD to lines 0x%x..0x%x of "
	       "controller 'ics'.\n\n", PHB_LSI_BASE, PHB_LSI_BASE + 3);
	for (size_t i = 0; i < 3; i++)
		plug(ics, &devs[i]);
	printf("\n");
	irqmap_show_domains(stdout);
	printf("\n");

	unplug(&devs[0]);
	unplug(&devs[2]);
	printf("\n");
	irqmap_show_interrupts(stdout);
	printf("\n");
	unplug(&devs[1]);
	printf("\n");

	ret = irqmap_check(stderr);
	irq_domain_remove(d);
	irq_domain_free_fwnode(ics);
	if (irqmap_exit() || ret) {
		printf("leaks found: yes\n");
		return EXIT_FAILURE_RUN;
	}
	printf("leaks found: 0\n");
	return EXIT_OK;
}
