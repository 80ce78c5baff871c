// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-spmi-pmic-arb.c - the Qualcomm SPMI PMIC arbiter.
 *
 * The arbiter collects the interrupts of the PMICs on its SPMI bus and
 * raises one summary interrupt (its periph_irq), so it is a cascaded
 * controller. Four cells: slave id (0..15), peripheral id (0..255),
 * interrupt index within the peripheral (0..7) and trigger type; any
 * other count, or a cell out of range, is refused with -EINVAL as the
 * kernel does.
 *
 * The kernel's hwirq is sid << 28 | peripheral << 20 | index << 16 |
 * APID, where the APID is the arbiter channel that owns the peripheral:
 * the kernel reads it from the arbiter's channel registers at boot, and
 * the tree does not say it. Here the APID field is always 0, so the hwirq
 * is the kernel's with the low 9 bits clear; distinct peripherals still
 * get distinct hwirqs, since the PPID (sid, peripheral) is in the upper
 * bits. A PPID the hardware does not own (which the kernel refuses with
 * the errno of its channel lookup) cannot be told from the tree either.
 */
#include <errno.h>

#include "irqchip.h"

#define SPMI_MAX_SID		0xf
#define SPMI_MAX_PERIPH		0xff
#define SPMI_MAX_IRQ		0x7
#define SPMI_SID_SHIFT		28
#define SPMI_PERIPH_SHIFT	20
#define SPMI_IRQ_SHIFT		16

static struct irq_chip spmi_chip = {
	.name = "pmic_arb",
};

static int spmi_translate(struct irq_domain *d, struct irq_fwspec *fw,
			  unsigned long *hwirq, unsigned int *type)
{
	const uint32_t *c = fw->param;

	(void)d;
	if (fw->param_count != 4)
		return -EINVAL;
	if (c[0] > SPMI_MAX_SID || c[1] > SPMI_MAX_PERIPH ||
	    c[2] > SPMI_MAX_IRQ)
		return -EINVAL;
	*hwirq = (unsigned long)c[0] << SPMI_SID_SHIFT |
		 (unsigned long)c[1] << SPMI_PERIPH_SHIFT |
		 (unsigned long)c[2] << SPMI_IRQ_SHIFT;
	*type = c[3] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static const struct irq_domain_ops spmi_ops = {
	.map = irqm_of_chip_map,
	.translate = spmi_translate,
};

static int spmi_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, 0, &spmi_ops, why);
}

static const char *const spmi_compat[] = { "qcom,spmi-pmic-arb", NULL };

const struct irqm_of_irqchip irqm_of_spmi_pmic_arb = {
	.name = "SPMI PMIC arbiter",
	.irq_chip = &spmi_chip,
	.compatible = spmi_compat,
	.init = spmi_init,
};
