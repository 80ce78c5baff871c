// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-gic-v3.c - Arm Generic Interrupt Controller v3/v4.
 *
 * Three or four cells: kind, number, flags, and an optional PPI partition.
 * Kinds, as Linux translates them: 0 = SPI (hwirq number + 32), 1 = PPI
 * (+ 16), 2 = extended SPI (+ 4096), 3 = extended PPI (+ 1056), the LPI
 * kind 0xa110c8ed (hwirq = number) and the partition kind 0xa110c8ee that
 * the driver itself uses for the PPIs it partitions. A one-cell specifier
 * below 16 is an SGI (edge-rising). The trigger type is the low four bits
 * of the flags. Translation checks no range, as in Linux: a PPI number of
 * 16 or more lands in the SPI range, and a hwirq in no range at all is
 * refused when it is allocated (Linux's ->map says -EPERM).
 *
 * ppi-partitions: when the node has that child, each PPI is split into one
 * line per partition, as Linux's partition_desc does. The GIC maps every
 * PPI (type none) and holds it; below it sits a partition domain of its
 * own, linear with one line per partition (the hwirq is the partition's
 * position among the children of ppi-partitions), which shares the GIC's
 * fwnode. ->select tells them apart: a specifier whose fourth cell is a
 * non-zero phandle and whose line is a PPI goes to that PPI's partition
 * domain, every other to the GIC's.
 *
 * The GIC's domain is the root of a hierarchy (sparse hwirqs: a tree), so
 * that GIC-style controllers can be domains below it.
 */
#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "irqchip.h"

#define GIC_SPI		0
#define GIC_PPI		1
#define GIC_ESPI	2
#define GIC_EPPI	3
#define GIC_LPI		0xa110c8edu
#define GIC_PARTITION	(GIC_LPI + 1)
#define ESPI_BASE	4096
#define EPPI_BASE	1056
#define NR_PPIS		16	/* extended PPIs are the hardware's to tell */

static struct irq_chip gic_v3_chip = {
	.name = "GICv3",
};

static struct irq_chip partition_chip = {
	.name = "GICv3-partition",
};

/* The partitions of a GIC: node idx of each child of ppi-partitions. */
struct gic_v3_parts {
	int nr;
	int idx[];
};

static bool valid_intid(unsigned long hwirq)
{
	return hwirq < 1020 ||					/* SGI, PPI, SPI */
	       (hwirq >= EPPI_BASE && hwirq < EPPI_BASE + 64) ||
	       (hwirq >= ESPI_BASE && hwirq < ESPI_BASE + 1024) ||
	       (hwirq >= 8192 && hwirq < (1ul << 24));		/* LPI */
}

static bool is_ppi(unsigned long hwirq)
{
	return (hwirq >= 16 && hwirq < 32) ||
	       (hwirq >= EPPI_BASE && hwirq < EPPI_BASE + 64);
}

static int gic_v3_translate(struct irq_domain *d, struct irq_fwspec *fw,
			    unsigned long *hwirq, unsigned int *type)
{
	unsigned long nr;

	(void)d;
	if (fw->param_count == 1 && fw->param[0] < 16) {
		*hwirq = fw->param[0];
		*type = IRQ_TYPE_EDGE_RISING;
		return 0;
	}
	if (fw->param_count < 3)
		return -EINVAL;
	nr = fw->param[1];
	switch (fw->param[0]) {
	case GIC_SPI:
		*hwirq = nr + 32;
		break;
	case GIC_PPI:
		*hwirq = nr + 16;
		break;
	case GIC_ESPI:
		*hwirq = nr + ESPI_BASE;
		break;
	case GIC_EPPI:
		*hwirq = nr + EPPI_BASE;
		break;
	case GIC_LPI:
		*hwirq = nr;
		break;
	case GIC_PARTITION:
		*hwirq = nr < 16 ? nr + 16 : nr - 16 + EPPI_BASE;
		break;
	default:
		return -EINVAL;
	}
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static int gic_v3_alloc(struct irq_domain *d, unsigned int virq,
			unsigned int nr, void *arg)
{
	struct irq_fwspec *fw = arg;
	unsigned long hwirq;
	unsigned int type;
	int ret;

	if (fw->param_count == 1 && fw->param[0] >= 16) {
		hwirq = fw->param[0];	/* irq_create_mapping(): the hwirq */
	} else {
		ret = gic_v3_translate(d, fw, &hwirq, &type);
		if (ret)
			return ret;
	}
	if (!valid_intid(hwirq) || !valid_intid(hwirq + nr - 1))
		return -EPERM;
	return irqm_of_chip_alloc(d, virq, nr, hwirq);
}

/* Which PPI partition domain, if any, @fw is for; -1 for the GIC's own. */
static int partition_of(struct irq_domain *d, struct irq_fwspec *fw)
{
	struct irqm_of_node *n = d->host_data;
	unsigned long hwirq;
	unsigned int type;

	if (!n->priv || fw->param_count < 4 || !fw->param[3] ||
	    gic_v3_translate(d, fw, &hwirq, &type) || !is_ppi(hwirq) ||
	    hwirq >= 32)
		return -1;
	return (int)hwirq - 16;
}

static int gic_v3_select(struct irq_domain *d, struct irq_fwspec *fw,
			 enum irq_domain_bus_token bus_token)
{
	struct irqm_of_node *n = d->host_data;
	unsigned long hwirq;
	unsigned int type;
	int ppi;

	(void)bus_token;
	if (fw->fwnode != d->fwnode || gic_v3_translate(d, fw, &hwirq, &type))
		return 0;
	ppi = partition_of(d, fw);
	if (ppi < 0)
		return d == n->domain;
	return ppi < n->nr_extra && d == n->extra[ppi];
}

static const struct irq_domain_ops gic_v3_ops = {
	.translate = gic_v3_translate,
	.alloc = gic_v3_alloc,
	.free = irq_domain_free_irqs_top,
	.select = gic_v3_select,
};

/* In a partition domain: the hwirq is the partition named by cell 3. */
static int partition_translate(struct irq_domain *d, struct irq_fwspec *fw,
			       unsigned long *hwirq, unsigned int *type)
{
	struct irqm_of_node *n = d->host_data;
	const struct gic_v3_parts *parts = n->priv;
	int idx;

	if (fw->param_count < 4)
		return -EINVAL;
	idx = irqm_of_phandle_to_idx(n->tree, fw->param[3]);
	for (int i = 0; idx >= 0 && i < parts->nr; i++)
		if (parts->idx[i] == idx) {
			*hwirq = (unsigned long)i;
			*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
			return 0;
		}
	return -EINVAL;		/* not a partition of this GIC */
}

static int partition_alloc(struct irq_domain *d, unsigned int virq,
			   unsigned int nr, void *arg)
{
	unsigned long hwirq;
	unsigned int type;
	int ret = partition_translate(d, arg, &hwirq, &type);

	for (unsigned int i = 0; !ret && i < nr; i++)
		ret = irq_domain_set_hwirq_and_chip(d, virq + i, hwirq + i,
						    &partition_chip,
						    d->host_data);
	return ret;
}

static const struct irq_domain_ops partition_ops = {
	.translate = partition_translate,
	.alloc = partition_alloc,
	.free = irq_domain_free_irqs_top,
	.select = gic_v3_select,
};

/* The children of the GIC's ppi-partitions node; NULL when it has none. */
static struct gic_v3_parts *find_parts(struct irqmap_of *t, int gic, int *err)
{
	struct gic_v3_parts *parts;
	int holder = -1, nr = 0;

	*err = 0;
	for (int i = gic + 1; i < t->nr_nodes && holder < 0; i++)
		if (t->nodes[i].parent == gic &&
		    t->nodes[i].name_len == 14 &&
		    !memcmp(t->nodes[i].name, "ppi-partitions", 14))
			holder = i;
	for (int i = holder + 1; holder >= 0 && i < t->nr_nodes; i++)
		nr += t->nodes[i].parent == holder;
	if (!nr)
		return NULL;
	parts = irqm_calloc(1, sizeof(*parts) + (size_t)nr * sizeof(int));
	if (!parts) {
		*err = -ENOMEM;
		return NULL;
	}
	for (int i = holder + 1; i < t->nr_nodes; i++)
		if (t->nodes[i].parent == holder)
			parts->idx[parts->nr++] = i;
	return parts;
}

static void gic_v3_exit(struct irqm_of_node *n)
{
	irqm_free(n->priv);
	n->priv = NULL;
}

/* A partition domain below each PPI, cascaded from the PPI's line. */
static int partition_ppis(struct irqm_of_node *n, char *why)
{
	const struct gic_v3_parts *parts = n->priv;

	n->extra = irqm_calloc(NR_PPIS, sizeof(*n->extra));
	n->held = irqm_calloc(NR_PPIS, sizeof(*n->held));
	if (!n->extra || !n->held)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	for (int i = 0; i < NR_PPIS; i++) {
		struct irq_fwspec fw = {
			.fwnode = &n->fwnode, .param_count = 3,
			.param = { GIC_PARTITION, (uint32_t)i, IRQ_TYPE_NONE },
		};

		n->held[i] = irq_create_fwspec_mapping(&fw);
		if (!n->held[i])
			return irqm_of_fail(why, -ENOMEM,
					    "cannot map PPI %d to partition it", i);
		n->nr_held = i + 1;
		n->extra[i] = irq_domain_create_linear(&n->fwnode,
						       (unsigned int)parts->nr,
						       &partition_ops, n);
		if (!n->extra[i])
			return irqm_of_fail(why, -errno,
					    "cannot create the partition domain of PPI %d: %s",
					    i, strerror(errno));
		n->nr_extra = i + 1;
	}
	return 0;
}

static int gic_v3_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	int err, ret;

	ret = irqm_of_create_domain(n, 0, &gic_v3_ops, why);
	if (ret)
		return ret;
	n->priv = find_parts(t, (int)(n - t->nodes), &err);
	if (err)
		ret = irqm_of_fail(why, err, "out of memory");
	else if (n->priv)
		ret = partition_ppis(n, why);
	if (ret) {
		for (int e = n->nr_extra - 1; e >= 0; e--)
			irq_domain_remove(n->extra[e]);
		for (int h = 0; h < n->nr_held; h++)
			irq_dispose_mapping(n->held[h]);
		n->nr_extra = n->nr_held = 0;
		irq_domain_remove(n->domain);
		n->domain = NULL;
		gic_v3_exit(n);
	}
	return ret;
}

static const char *const gic_v3_compat[] = { "arm,gic-v3", NULL };

const struct irqm_of_irqchip irqm_of_gic_v3 = {
	.name = "GICv3",
	.irq_chip = &gic_v3_chip,
	.compatible = gic_v3_compat,
	.init = gic_v3_init,
	.exit = gic_v3_exit,
};
