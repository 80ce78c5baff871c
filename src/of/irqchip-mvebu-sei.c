// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-mvebu-sei.c - Marvell Armada 7K/8K: the AP806 System Error
 * Interrupt unit and the CP110 Interrupt Consolidation Unit's subsets.
 *
 * AP806 SEI (marvell,ap806-sei): one cell, the SEI line, which is the
 * hwirq; the unit only takes level-high signals, so every line is
 * level-high whatever the tree says (Linux's AP domain translation). Its
 * own interrupt, a GIC SPI, is cascaded.
 *
 * CP110 ICU subsets (marvell,cp110-icu-nsr, marvell,cp110-icu-sei): two
 * cells, the ICU line (below 207, else -EINVAL) and the type. The ICU
 * forwards its lines as messages; SEI lines arrive as edges, so Linux
 * forces edge-rising on the SEI subset, and keeps the tree's type on the
 * NSR one. Any other cell count is -EINVAL.
 *
 * In Linux these are MSI-style hierarchies (ICU lines become messages to
 * the GICP or the SEI); the messages are not modelled, so the domains here
 * are plain: the hwirq and the type are Linux's, the path to the GIC is
 * not.
 */
#include <errno.h>

#include "irqchip.h"

#define SEI_AP_LINES	64
#define ICU_MAX_IRQS	207

static struct irq_chip sei_chip = {
	.name = "SEI",
};

static struct irq_chip icu_chip = {
	.name = "ICU",
};

static int ap_sei_translate(struct irq_domain *d, struct irq_fwspec *fw,
			    unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fw->param_count < 1 || fw->param[0] >= SEI_AP_LINES)
		return -EINVAL;
	*hwirq = fw->param[0];
	*type = IRQ_TYPE_LEVEL_HIGH;
	return 0;
}

static int icu_translate(struct irq_domain *d, struct irq_fwspec *fw,
			 unsigned long *hwirq, unsigned int *type)
{
	const struct irqm_of_node *n = d->host_data;

	if (fw->param_count != 2 || fw->param[0] >= ICU_MAX_IRQS)
		return -EINVAL;
	*hwirq = fw->param[0];
	*type = n->chip == &irqm_of_mvebu_icu_sei ?
		IRQ_TYPE_EDGE_RISING : fw->param[1] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static const struct irq_domain_ops ap_sei_ops = {
	.map = irqm_of_chip_map,
	.translate = ap_sei_translate,
};

static const struct irq_domain_ops icu_ops = {
	.map = irqm_of_chip_map,
	.translate = icu_translate,
};

static int ap_sei_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, SEI_AP_LINES, &ap_sei_ops, why);
}

static int icu_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, ICU_MAX_IRQS, &icu_ops, why);
}

static const char *const ap_sei_compat[] = { "marvell,ap806-sei", NULL };
static const char *const icu_nsr_compat[] = { "marvell,cp110-icu-nsr", NULL };
static const char *const icu_sei_compat[] = { "marvell,cp110-icu-sei", NULL };

const struct irqm_of_irqchip irqm_of_mvebu_ap_sei = {
	.name = "AP806 SEI",
	.irq_chip = &sei_chip,
	.compatible = ap_sei_compat,
	.init = ap_sei_init,
};

const struct irqm_of_irqchip irqm_of_mvebu_icu_nsr = {
	.name = "CP110 ICU",
	.irq_chip = &icu_chip,
	.compatible = icu_nsr_compat,
	.init = icu_init,
};

const struct irqm_of_irqchip irqm_of_mvebu_icu_sei = {
	.name = "CP110 ICU SEI",
	.irq_chip = &icu_chip,
	.compatible = icu_sei_compat,
	.init = icu_init,
};
