// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * shared_intx_unplug.c - three PCI devices share their host bridge's INTA
 * line; they are unplugged one at a time while the others keep receiving.
 *
 * Every device maps the line (irq_create_mapping() takes one reference on
 * the same virq) and requests it with IRQF_SHARED. The bridge model
 * delivers an interrupt with generic_handle_domain_irq(); every handler of
 * the line runs and the one whose device raised it claims it. Unplugging a
 * device is free_irq() then irq_dispose_mapping(): the line stays mapped
 * while it has other users, and the last unplug unmaps it.
 *
 * Build it like any program using the installed library (make install,
 * or the libirqmap-dev package: see README.md):
 *   cc shared_intx_unplug.c $(pkg-config --cflags --libs irqmap) -o demo
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

#define NR_PINS	4
#define INTA	0

/* The emulated bridge: one mask bit per INTx pin, kept by its chip. */
struct bridge {
	struct fwnode_handle fwnode;
	struct irq_domain *domain;
	atomic_uint masked;
};

/* A device behind the bridge: its interrupt status register, its line. */
struct pci_dev {
	const char *name;
	bool status;		/* INTA is asserted while this is set */
	unsigned int virq;
	unsigned int handled;
	bool plugged;
};

static struct bridge bridge;
static int failures;

#define check(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("FAILED: " __VA_ARGS__);			\
			printf("\n");					\
			failures++;					\
		}							\
	} while (0)

/* Library messages go to stdout, in order with the story. */
static void log_to_stdout(int level, const char *msg, void *arg)
{
	(void)arg;
	if (level <= IRQMAP_LOG_WARN)
		printf("    (library says: %s)\n", msg);
}

/* The bridge's chip: the flow handler masks and unmasks the pin. */
static void intx_mask(struct irq_data *d)
{
	struct bridge *b = d->chip_data;

	atomic_fetch_or(&b->masked, 1u << d->hwirq);
}

static void intx_unmask(struct irq_data *d)
{
	struct bridge *b = d->chip_data;

	atomic_fetch_and(&b->masked, ~(1u << d->hwirq));
}

static struct irq_chip intx_chip = {
	.name = "pci-intx",
	.irq_mask = intx_mask,
	.irq_unmask = intx_unmask,
};

/* ->map: called once, when the first user maps a pin. */
static int intx_map(struct irq_domain *d, unsigned int virq,
		    irq_hw_number_t hw)
{
	int ret;

	(void)hw;
	ret = irq_set_chip_and_handler(virq, &intx_chip, handle_level_irq);
	return ret ? ret : irq_set_chip_data(virq, d->host_data);
}

static const struct irq_domain_ops intx_ops = {
	.map = intx_map,
	.xlate = irq_domain_xlate_onecell,
};

/* A shared handler: claim the interrupt only if this device raised it. */
static irqreturn_t dev_interrupt(int irq, void *dev_id)
{
	struct pci_dev *dev = dev_id;

	(void)irq;
	if (!dev->status)
		return IRQ_NONE;
	dev->status = false;	/* "read the status register": deasserts */
	dev->handled++;
	return IRQ_HANDLED;
}

static void plug(struct pci_dev *dev)
{
	dev->virq = irq_create_mapping(bridge.domain, INTA);
	check(dev->virq, "irq_create_mapping for %s", dev->name);
	/* PCI INTx is level-low; every sharer must say IRQF_SHARED. */
	check(!request_irq(dev->virq, dev_interrupt,
			   IRQF_SHARED | IRQF_TRIGGER_LOW, dev->name, dev),
	      "request_irq for %s", dev->name);
	dev->plugged = true;
	printf("plug   %-7s INTA -> virq %u, %u user(s) of the line\n",
	       dev->name, dev->virq, irq_mapping_refcount(dev->virq));
}

static void unplug(struct pci_dev *dev)
{
	unsigned int virq = dev->virq;
	int ret;

	dev->plugged = false;
	/* free_irq() returns once the handler can no longer run. */
	check(free_irq(virq, dev) == dev->name, "free_irq for %s", dev->name);
	ret = irq_dispose_mapping(virq);
	check(!ret, "irq_dispose_mapping for %s: %d", dev->name, ret);
	if (irq_find_mapping(bridge.domain, INTA) == virq)
		printf("unplug %-7s virq %u stays mapped, %u user(s) left\n",
		       dev->name, virq, irq_mapping_refcount(virq));
	else
		printf("unplug %-7s virq %u unmapped: it was the last user\n",
		       dev->name, virq);
}

/*
 * Each plugged device raises INTA once. The bridge delivers while the pin
 * is asserted and unmasked, as a level-triggered line would.
 */
static void round_of_interrupts(struct pci_dev *devs, int n, int round)
{
	for (int i = 0; i < n; i++) {
		if (!devs[i].plugged)
			continue;
		devs[i].status = true;
		for (int tries = 0; tries < 3 && devs[i].status; tries++) {
			if (atomic_load(&bridge.masked) & (1u << INTA))
				break;
			check(!generic_handle_domain_irq(bridge.domain, INTA),
			      "delivery on INTA");
		}
		check(!devs[i].status, "%s not serviced", devs[i].name);
	}
	printf("round %d: handled so far:", round);
	for (int i = 0; i < n; i++)
		printf(" %s %u%s", devs[i].name, devs[i].handled,
		       devs[i].plugged ? "" : " (gone)");
	printf("\n");
}

int main(void)
{
	struct pci_dev devs[] = {
		{ .name = "e1000" }, { .name = "virtio" }, { .name = "nvme" },
	};
	unsigned int virq;
	int ret;

	irqmap_set_log_handler(log_to_stdout, NULL);
	if (irqmap_init())
		return 1;
	fwnode_init(&bridge.fwnode, FWNODE_KIND_USER, "pci0-intx", NULL);
	bridge.domain = irq_domain_create_linear(&bridge.fwnode, NR_PINS,
						 &intx_ops, &bridge);
	if (!bridge.domain)
		return 1;

	printf("bridge %s: e1000, virtio and nvme share its INTA\n",
	       bridge.domain->name);
	for (int i = 0; i < 3; i++)
		plug(&devs[i]);
	virq = devs[0].virq;
	round_of_interrupts(devs, 3, 1);

	unplug(&devs[1]);
	round_of_interrupts(devs, 3, 2);
	unplug(&devs[0]);
	round_of_interrupts(devs, 3, 3);

	/* The last user may not dispose before free_irq(): refused. */
	ret = irq_dispose_mapping(virq);
	check(ret == -EBUSY, "dispose before free_irq returned %d", ret);
	check(irq_mapping_refcount(virq) == 1, "the line lost its mapping");
	printf("dispose before free_irq: -EBUSY, nothing changed (%u user)\n",
	       irq_mapping_refcount(virq));
	unplug(&devs[2]);

	check(!irq_find_mapping(bridge.domain, INTA), "INTA still mapped");
	check(!irq_to_desc(virq), "virq %u still exists", virq);
	ret = generic_handle_domain_irq(bridge.domain, INTA);
	printf("INTA fired with nobody plugged: %s, spurious count %lu\n",
	       ret == -EINVAL ? "-EINVAL" : "unexpected",
	       irqmap_domain_spurious(bridge.domain));
	check(ret == -EINVAL && irqmap_domain_spurious(bridge.domain) == 1,
	      "delivery to an unmapped pin");

	check(!irqmap_check(stdout), "irqmap_check");
	check(!irq_domain_remove(bridge.domain), "irq_domain_remove");
	check(!irqmap_exit(), "irqmap_exit: something was left");
	printf("%s\n", failures ? "FAILED" : "done: nothing left behind");
	return failures ? 1 : 0;
}
