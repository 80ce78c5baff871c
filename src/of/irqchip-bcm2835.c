// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-bcm2835.c - the Broadcom BCM2835 ARM interrupt controller.
 *
 * Three banks of pending bits: bank 0 holds the 8 ARM-local lines, banks
 * 1 and 2 the 32 GPU lines each. Two cells, the bank and the bit, which
 * the kernel checks (exactly two cells, bank below 3, bit below 32, below
 * 8 in bank 0) and encodes as bank * 32 + bit; no trigger type. On the
 * BCM2836 and later the same block is cascaded onto a line of the
 * per-CPU local controller (its interrupts), which bring-up maps.
 */
#include <errno.h>

#include "irqchip.h"

#define BCM2835_NR_BANKS	3
#define BCM2835_BANK_LINES	32
#define BCM2835_BANK0_LINES	8

static struct irq_chip bcm2835_chip = {
	.name = "ARMCTRL-level",
};

static int bcm2835_translate(struct irq_domain *d, struct irq_fwspec *fw,
			     unsigned long *hwirq, unsigned int *type)
{
	uint32_t bank, bit;

	(void)d;
	if (fw->param_count != 2)
		return -EINVAL;
	bank = fw->param[0];
	bit = fw->param[1];
	if (bank >= BCM2835_NR_BANKS || bit >= BCM2835_BANK_LINES ||
	    (bank == 0 && bit >= BCM2835_BANK0_LINES))
		return -EINVAL;
	*hwirq = bank * BCM2835_BANK_LINES + bit;
	*type = IRQ_TYPE_NONE;
	return 0;
}

static const struct irq_domain_ops bcm2835_ops = {
	.map = irqm_of_chip_map,
	.translate = bcm2835_translate,
};

static int bcm2835_init(struct irqmap_of *t, struct irqm_of_node *n,
			char *why)
{
	(void)t;
	return irqm_of_create_domain(n, BCM2835_NR_BANKS * BCM2835_BANK_LINES,
				     &bcm2835_ops, why);
}

static const char *const bcm2835_compat[] = {
	"brcm,bcm2835-armctrl-ic", "brcm,bcm2836-armctrl-ic", NULL
};

const struct irqm_of_irqchip irqm_of_bcm2835 = {
	.name = "BCM2835 ARMCTRL",
	.irq_chip = &bcm2835_chip,
	.compatible = bcm2835_compat,
	.init = bcm2835_init,
};
