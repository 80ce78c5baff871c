// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-sunxi-pinctrl.c - the interrupts of Allwinner pin controllers.
 *
 * Three cells: the port, counted from the controller's first port (A, or
 * L for the R_PIO blocks), the pin within it, and the trigger type. As in
 * Linux's sunxi_pinctrl_irq_of_xlate(), the pin must have an interrupt
 * function in the SoC's pin table (else -EINVAL), and the hwirq is that
 * function's IRQ bank * 32 + line, not the pin number: on an H3, PG0 is
 * line 32, PA0 line 0. The type is the third cell. Fewer cells: -EINVAL.
 * The controller raises one parent interrupt per IRQ bank (its
 * interrupts property), so it is cascaded.
 */
#include <errno.h>

#include "irqchip.h"

#define PINS_PER_PORT	32
#define IRQ_PER_BANK	32

/* @count pins from @port @pin interrupt as lines @num... of bank @bank. */
struct sunxi_run {
	char port;
	unsigned char pin, count, bank, num;
};

struct sunxi_soc {
	const char *compatible;
	const struct sunxi_run *runs;
	unsigned int nr_runs;
	char first_port;
};

#define SOC(compat, first, runs) \
	{ compat, runs, sizeof(runs) / sizeof((runs)[0]), first }

#include "irqchip-sunxi-pinctrl-socs.h"

#define NR_SOCS (sizeof(sunxi_socs) / sizeof(sunxi_socs[0]))

static struct irq_chip sunxi_chip = {
	.name = "sunxi-pio",
};

static int sunxi_translate(struct irq_domain *d, struct irq_fwspec *fw,
			   unsigned long *hwirq, unsigned int *type)
{
	const struct irqm_of_node *n = d->host_data;
	const struct sunxi_soc *soc = n->priv;
	uint32_t port, pin;

	if (fw->param_count < 3 || fw->param[0] >= 26 ||
	    fw->param[1] >= PINS_PER_PORT)
		return -EINVAL;
	port = (uint32_t)soc->first_port + fw->param[0];
	pin = fw->param[1];
	for (unsigned int i = 0; i < soc->nr_runs; i++) {
		const struct sunxi_run *r = &soc->runs[i];

		if ((uint32_t)r->port == port && pin >= r->pin &&
		    pin < (uint32_t)r->pin + r->count) {
			*hwirq = (unsigned long)r->bank * IRQ_PER_BANK +
				 r->num + (pin - r->pin);
			*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
			return 0;
		}
	}
	return -EINVAL;		/* no interrupt function on that pin */
}

static const struct irq_domain_ops sunxi_ops = {
	.map = irqm_of_chip_map,
	.translate = sunxi_translate,
};

/* The pin table of node @idx's SoC, by its compatible strings. */
static const struct sunxi_soc *soc_of(const struct irqmap_of *t, int idx)
{
	for (size_t s = 0; s < NR_SOCS; s++)
		if (irqm_of_compatible(t, idx, sunxi_socs[s].compatible))
			return &sunxi_socs[s];
	return NULL;
}

static bool sunxi_claim(const struct irqmap_of *t, int idx)
{
	return soc_of(t, idx) != NULL;
}

static int sunxi_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	const struct sunxi_soc *soc = soc_of(t, (int)(n - t->nodes));
	unsigned int banks = 0;

	for (unsigned int i = 0; i < soc->nr_runs; i++)
		if (soc->runs[i].bank + 1u > banks)
			banks = soc->runs[i].bank + 1u;
	/* static data: nothing for an ->exit to free */
	n->priv = (void *)soc;
	return irqm_of_create_domain(n, banks * IRQ_PER_BANK, &sunxi_ops, why);
}

static const char *const no_compat[] = { NULL };

/* Claimed by the SoC table's compatible strings, not a list of its own. */
const struct irqm_of_irqchip irqm_of_sunxi_pinctrl = {
	.name = "sunxi pinctrl",
	.irq_chip = &sunxi_chip,
	.compatible = no_compat,
	.claim = sunxi_claim,
	.init = sunxi_init,
};
