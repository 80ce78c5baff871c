// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * msi_vectors.c - MSI-style multi-vector allocation through a hierarchy.
 *
 * Two levels, as on an Arm or RISC-V machine: a platform controller (the
 * root, "gic") and above it an MSI controller ("msi") whose vectors are
 * wired to a window of the platform controller's lines. The MSI domain's
 * ->alloc hands out a naturally aligned block of vectors (as PCI
 * multi-MSI requires), fills its level in and asks the parent for the
 * matching lines; ->free gives them back. Three devices allocate 1, 4 and
 * 32 vectors with irq_domain_alloc_irqs(), a queue interrupt is delivered
 * on one vector, and irq_domain_free_irqs() releases every level.
 *
 * Build it like any program using the installed library (make install,
 * or the libirqmap-dev package: see README.md):
 *   cc msi_vectors.c $(pkg-config --cflags --libs irqmap) -o msi_vectors
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

#define GIC_LINES	1024
/* MSI vector v is GIC line MSI_GIC_BASE + v. */
#define MSI_VECTORS	128
#define MSI_GIC_BASE	512

/* The MSI controller's state: which vectors are in use. */
struct msi_ctrl {
	struct fwnode_handle fwnode;
	struct irq_domain *domain;
	uint64_t used[MSI_VECTORS / 64];
};

static struct fwnode_handle gic_fwnode;
static struct msi_ctrl msi;
static int failures;

static struct irq_chip gic_chip = { .name = "gic" };
static struct irq_chip msi_chip = { .name = "msi" };

static void log_to_stdout(int level, const char *msg, void *arg)
{
	(void)arg;
	if (level <= IRQMAP_LOG_WARN)
		printf("    (library says: %s)\n", msg);
}

/* Root level: the fwspec names the first line and the trigger type. */
static int gic_alloc(struct irq_domain *d, unsigned int virq,
		     unsigned int nr_irqs, void *arg)
{
	struct irq_fwspec *spec = arg;

	for (unsigned int i = 0; i < nr_irqs; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &gic_chip, NULL);
	return 0;
}

static const struct irq_domain_ops gic_ops = {
	.translate = irq_domain_translate_twocell,
	.alloc = gic_alloc,
	.free = irq_domain_free_irqs_common,
};

static int vector_used(const struct msi_ctrl *m, unsigned int v)
{
	return (m->used[v / 64] >> (v % 64)) & 1;
}

static void vector_set(struct msi_ctrl *m, unsigned int v, int on)
{
	if (on)
		m->used[v / 64] |= 1ull << (v % 64);
	else
		m->used[v / 64] &= ~(1ull << (v % 64));
}

/* A free block of @nr vectors, aligned on the next power of two. */
static int find_block(const struct msi_ctrl *m, unsigned int nr)
{
	unsigned int size = 1;

	while (size < nr)
		size <<= 1;
	for (unsigned int base = 0; base + size <= MSI_VECTORS; base += size) {
		unsigned int v = 0;

		while (v < size && !vector_used(m, base + v))
			v++;
		if (v == size)
			return (int)base;
	}
	return -ENOSPC;
}

/*
 * MSI level. Runs under the hierarchy's mutex, so the bitmap needs no lock
 * of its own. Sets this level up, then allocates the parent's lines.
 */
static int msi_alloc(struct irq_domain *d, unsigned int virq,
		     unsigned int nr_irqs, void *arg)
{
	struct msi_ctrl *m = d->host_data;
	struct irq_fwspec parent = {
		.fwnode = d->parent->fwnode,
		.param_count = 2,
	};
	int base = find_block(m, nr_irqs);
	int ret;

	(void)arg;
	if (base < 0)
		return base;
	for (unsigned int i = 0; i < nr_irqs; i++) {
		vector_set(m, base + i, 1);
		irq_domain_set_info(d, virq + i, base + i, &msi_chip, m,
				    handle_edge_irq, NULL, "edge");
	}
	parent.param[0] = MSI_GIC_BASE + base;
	parent.param[1] = IRQ_TYPE_EDGE_RISING;
	ret = irq_domain_alloc_irqs_parent(d, virq, nr_irqs, &parent);
	if (ret)
		for (unsigned int i = 0; i < nr_irqs; i++)
			vector_set(m, base + i, 0);
	return ret;
}

/* Called one virq at a time: give the vector back, then free the parent. */
static void msi_free(struct irq_domain *d, unsigned int virq,
		     unsigned int nr_irqs)
{
	struct msi_ctrl *m = d->host_data;

	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (data)
			vector_set(m, data->hwirq, 0);
	}
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

static const struct irq_domain_ops msi_ops = {
	.alloc = msi_alloc,
	.free = msi_free,
};

struct device {
	const char *name;
	unsigned int nr_vectors;
	int virq;			/* first virq, or a negative errno */
	unsigned int fired[32];		/* interrupts seen per vector */
};

static irqreturn_t queue_interrupt(int irq, void *dev_id)
{
	struct device *dev = dev_id;

	dev->fired[irq - dev->virq]++;
	return IRQ_HANDLED;
}

static void allocate(struct device *dev)
{
	struct irq_data *first, *last;

	dev->virq = irq_domain_alloc_irqs(msi.domain, dev->nr_vectors, -1,
					  NULL);
	if (dev->virq <= 0) {
		printf("FAILED: %s: irq_domain_alloc_irqs: %d\n", dev->name,
		       dev->virq);
		failures++;
		return;
	}
	first = irq_get_irq_data(dev->virq);
	last = irq_get_irq_data(dev->virq + dev->nr_vectors - 1);
	printf("%-6s %2u vector(s): virq %d..%u, msi %lu..%lu, gic %lu..%lu\n",
	       dev->name, dev->nr_vectors, dev->virq,
	       dev->virq + dev->nr_vectors - 1, first->hwirq, last->hwirq,
	       first->parent_data->hwirq, last->parent_data->hwirq);
}

int main(void)
{
	struct device devs[] = {
		{ .name = "serial", .nr_vectors = 1 },
		{ .name = "nvme", .nr_vectors = 4 },
		{ .name = "nic", .nr_vectors = 32 },
	};
	struct device *nvme = &devs[1];
	struct irq_domain *gic;
	unsigned int nr_requested = 0;
	irq_hw_number_t hwirq;
	int ret;

	irqmap_set_log_handler(log_to_stdout, NULL);
	if (irqmap_init())
		return 1;
	fwnode_init(&gic_fwnode, FWNODE_KIND_USER, "gic", NULL);
	fwnode_init(&msi.fwnode, FWNODE_KIND_USER, "msi", NULL);
	gic = irq_domain_create_linear(&gic_fwnode, GIC_LINES, &gic_ops, NULL);
	msi.domain = gic ? irq_domain_create_hierarchy(gic, 0, 0, &msi.fwnode,
						       &msi_ops, &msi) : NULL;
	if (!msi.domain)
		return 1;
	irq_domain_update_bus_token(msi.domain, DOMAIN_BUS_GENERIC_MSI);

	for (int i = 0; i < 3; i++)
		allocate(&devs[i]);
	if (failures)
		goto out;

	/* One handler per queue of the nvme device, then a queue interrupt. */
	for (unsigned int q = 0; q < nvme->nr_vectors; q++)
		if (!request_irq(nvme->virq + q, queue_interrupt, 0, "nvme-q",
				 nvme))
			nr_requested++;
	/* The device writes vector 2's message: the MSI controller fires. */
	hwirq = irq_get_irq_data(nvme->virq + 2)->hwirq;
	ret = generic_handle_domain_irq(msi.domain, hwirq);
	printf("nvme queue 2 signals: handlers of queues 0..3 ran %u %u %u %u "
	       "time(s)\n", nvme->fired[0], nvme->fired[1], nvme->fired[2],
	       nvme->fired[3]);
	if (ret || nr_requested != 4 || nvme->fired[2] != 1 ||
	    nvme->fired[0] + nvme->fired[1] + nvme->fired[3])
		failures++;
	for (unsigned int q = 0; q < nvme->nr_vectors; q++)
		if (!free_irq(nvme->virq + q, nvme))
			failures++;

	/* The unit of freeing is the allocation: part of one is refused. */
	ret = irq_domain_free_irqs(nvme->virq + 1, 2);
	printf("freeing 2 of nvme's 4 vectors: %s\n",
	       ret == -EBUSY ? "-EBUSY, nothing changed" : "unexpected");
	if (ret != -EBUSY)
		failures++;

out:
	for (int i = 0; i < 3; i++)
		if (devs[i].virq > 0 &&
		    irq_domain_free_irqs(devs[i].virq, devs[i].nr_vectors))
			failures++;
	printf("freed: %u mappings left in msi, %u in gic, vectors used: %s\n",
	       irq_domain_mapcount(msi.domain), irq_domain_mapcount(gic),
	       msi.used[0] | msi.used[1] ? "some" : "none");
	if (irq_domain_mapcount(gic) || msi.used[0] | msi.used[1])
		failures++;
	if (irq_domain_remove(msi.domain) || irq_domain_remove(gic) ||
	    irqmap_exit())
		failures++;
	printf("%s\n", failures ? "FAILED" : "done: nothing left behind");
	return failures ? 1 : 0;
}
