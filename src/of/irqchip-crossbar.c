// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-crossbar.c - the IRQ crossbar of TI DRA7/AM57xx.
 *
 * Some 400 device interrupts (the crossbar's sources) share far fewer GIC
 * SPIs: the crossbar routes a source to an SPI when it is mapped. It is a
 * hierarchical domain below its interrupt parent (the wake-up generator on
 * DRA7, else the GIC), with the GIC's three cells, SPIs only, where the
 * "SPI number" is the source. Its ->alloc picks the SPI (a slot) and asks
 * the parent for SPI {0, slot, level-high}; ->free gives the slot back.
 *
 * As in Linux (irq-crossbar.c): ti,max-irqs slots, the highest free one
 * taken first; slots listed in ti,irqs-reserved (not routable) and
 * ti,irqs-skip (wired past the crossbar) are never taken; a source must
 * be below ti,max-crossbar-sources; a slot not routing a source routes
 * ti,irqs-safe-map; ti,reg-size (the width of a slot's register) must be
 * 1, 2 or 4. Running out of slots is -ENODEV.
 *
 * Linux finds the slot to free from the parent's hwirq minus 32, which is
 * right when the parent is the GIC but not below the wake-up generator,
 * whose hwirq is the SPI itself: here a slot is found by the source it
 * routes (a mapped source holds exactly one slot).
 */
#include <errno.h>

#include "alloc.h"
#include "irqchip.h"

#define SLOT_FREE	(-1)
#define SLOT_RESERVED	(-2)
#define SLOT_SKIP	(-3)

/* Bounds of this model against a corrupt tree; real parts have 160/400. */
#define CBAR_MAX_SLOTS		1020	/* no GIC has more SPIs */
#define CBAR_MAX_SOURCES	65536

struct cbar_slot {
	int64_t owner;		/* SLOT_*, or the source routed */
	uint32_t mux;		/* the slot's register: the source it routes */
};

/*
 * The slots are read and written only by ->alloc and ->free, which run
 * under the mutex of the hierarchy's root domain: they need no lock of
 * their own. ->init fills them before the domain exists and ->exit frees
 * them after it is gone.
 */
struct cbar {
	uint32_t nr_sources;	/* ti,max-crossbar-sources */
	uint32_t safe_map;	/* ti,irqs-safe-map */
	uint32_t nr_slots;	/* ti,max-irqs */
	struct cbar_slot slot[];
};

static struct irq_chip cbar_chip = {
	.name = "CBAR",
};

/* Route @source through the highest free slot, then allocate the parent. */
static int route(struct irq_domain *d, unsigned int virq, uint32_t source)
{
	struct irqm_of_node *n = d->host_data;
	struct cbar *cb = n->priv;
	struct irq_fwspec parent = { .param_count = 3 };
	int s, ret;

	for (s = (int)cb->nr_slots - 1; s >= 0; s--)
		if (cb->slot[s].owner == SLOT_FREE)
			break;
	if (s < 0)
		return -ENODEV;
	parent.param[0] = 0;	/* SPI */
	parent.param[1] = (uint32_t)s;
	parent.param[2] = IRQ_TYPE_LEVEL_HIGH;
	ret = irqm_of_alloc_parent(d, virq, 1, &parent);
	if (ret)
		return ret;
	cb->slot[s].owner = source;
	cb->slot[s].mux = source;
	return 0;
}

static void unroute(struct cbar *cb, irq_hw_number_t source)
{
	for (uint32_t s = 0; s < cb->nr_slots; s++) {
		if (cb->slot[s].owner == (int64_t)source) {
			cb->slot[s].owner = SLOT_FREE;
			cb->slot[s].mux = cb->safe_map;
			return;
		}
	}
}

static int cbar_alloc(struct irq_domain *d, unsigned int virq,
		      unsigned int nr, void *arg)
{
	struct irqm_of_node *n = d->host_data;
	struct cbar *cb = n->priv;
	struct irq_fwspec *fw = arg;
	unsigned long source;
	unsigned int type, i;
	int ret = irqm_of_gic_child_translate(d, fw, &source, &type);

	if (ret)
		return ret;
	if (source + nr > cb->nr_sources)
		return -EINVAL;
	for (i = 0; i < nr; i++) {
		ret = route(d, virq + i, (uint32_t)(source + i));
		if (ret)
			break;
		ret = irqm_of_chip_alloc(d, virq + i, 1, source + i);
		if (ret) {
			i++;
			break;
		}
	}
	/* this level failing is not freed through ->free: give slots back */
	if (ret)
		while (i--)
			unroute(cb, source + i);
	return ret;
}

static void cbar_free(struct irq_domain *d, unsigned int virq,
		      unsigned int nr)
{
	struct irqm_of_node *n = d->host_data;

	for (unsigned int i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (!data)
			continue;
		unroute(n->priv, data->hwirq);
		irq_domain_reset_irq_data(data);
	}
	irq_domain_free_irqs_parent(d, virq, nr);
}

static const struct irq_domain_ops cbar_ops = {
	.translate = irqm_of_gic_child_translate,
	.alloc = cbar_alloc,
	.free = cbar_free,
};

/* Mark the slots listed in property @name as @state. */
static int mark_slots(const struct irqmap_of *t, int idx, struct cbar *cb,
		      const char *name, int64_t state, char *why)
{
	int len;
	const uint32_t *cells = irqm_of_prop(t, idx, name, &len);

	for (int i = 0; cells && i < len; i++) {
		uint32_t slot = irqm_of_cell(cells, i);

		if (slot >= cb->nr_slots)
			return irqm_of_fail(why, -EINVAL, "%s: slot %u of %u",
					    name, slot, cb->nr_slots);
		cb->slot[slot].owner = state;
	}
	return 0;
}

static int cbar_setup(struct irqmap_of *t, struct irqm_of_node *n,
		      struct cbar *cb, char *why)
{
	int idx = (int)(n - t->nodes);
	uint32_t reg_size = 0;
	int ret;

	ret = mark_slots(t, idx, cb, "ti,irqs-reserved", SLOT_RESERVED, why);
	if (!ret)
		ret = mark_slots(t, idx, cb, "ti,irqs-skip", SLOT_SKIP, why);
	if (ret)
		return ret;
	irqm_of_prop_u32(t, idx, "ti,reg-size", &reg_size);
	if (reg_size != 1 && reg_size != 2 && reg_size != 4)
		return irqm_of_fail(why, -EINVAL, "ti,reg-size %u is not 1, 2 or 4",
				    reg_size);
	irqm_of_prop_u32(t, idx, "ti,irqs-safe-map", &cb->safe_map);
	for (uint32_t s = 0; s < cb->nr_slots; s++)
		if (cb->slot[s].owner == SLOT_FREE)
			cb->slot[s].mux = cb->safe_map;
	return 0;
}

static int cbar_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	uint32_t nr_sources, nr_slots;
	struct cbar *cb;
	int ret;

	if (!n->reg)
		return irqm_of_fail(why, -ENOMEM, "crossbar without registers");
	if (!irqm_of_prop_size(t, n, "ti,max-crossbar-sources",
			       CBAR_MAX_SOURCES, &nr_sources, why) ||
	    !irqm_of_prop_size(t, n, "ti,max-irqs", CBAR_MAX_SLOTS, &nr_slots,
			       why))
		return -EINVAL;
	cb = irqm_calloc(1, sizeof(*cb) + nr_slots * sizeof(cb->slot[0]));
	if (!cb)
		return irqm_of_fail(why, -ENOMEM, "no memory for %u crossbar slots",
				    nr_slots);
	cb->nr_sources = nr_sources;
	cb->nr_slots = nr_slots;
	for (uint32_t s = 0; s < nr_slots; s++)
		cb->slot[s].owner = SLOT_FREE;
	ret = cbar_setup(t, n, cb, why);
	if (!ret) {
		n->priv = cb;
		ret = irqm_of_create_hier_domain(t, n, nr_sources, &cbar_ops,
						 why);
	}
	if (ret) {
		n->priv = NULL;
		irqm_free(cb);
	}
	return ret;
}

static const char *const cbar_compat[] = { "ti,irq-crossbar", NULL };

const struct irqm_of_irqchip irqm_of_crossbar = {
	.name = "crossbar",
	.irq_chip = &cbar_chip,
	.compatible = cbar_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = cbar_init,
	.exit = irqm_of_free_priv,
};
