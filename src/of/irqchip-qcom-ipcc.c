// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-qcom-ipcc.c - the Qualcomm Inter-Processor Communication
 * Controller.
 *
 * Remote processors (clients) raise signals towards this one through the
 * IPCC, which raises one interrupt of its own: a cascaded controller.
 * Exactly three cells: client id, signal id and trigger type. The hwirq
 * packs the two ids, 16 bits each, client in the upper half (the kernel
 * truncates each id to 16 bits first); the type is the third cell's
 * sense bits. The kernel binds "qcom,ipcc"; a node that names only its
 * SoC's "qcom,<soc>-ipcc" is claimed too, so that its specifiers are not
 * read by the generic rules.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "irqchip.h"

#define IPCC_ID_BITS	16
#define IPCC_ID_MASK	0xffffu

static struct irq_chip ipcc_chip = {
	.name = "ipcc",
};

static int ipcc_translate(struct irq_domain *d, struct irq_fwspec *fw,
			  unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fw->param_count != 3)
		return -EINVAL;
	*hwirq = (unsigned long)(fw->param[0] & IPCC_ID_MASK) << IPCC_ID_BITS |
		 (fw->param[1] & IPCC_ID_MASK);
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static const struct irq_domain_ops ipcc_ops = {
	.map = irqm_of_chip_map,
	.translate = ipcc_translate,
};

static int ipcc_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, 0, &ipcc_ops, why);
}

/* Does one of the node's compatible strings read "qcom,<soc>-ipcc"? */
static bool ipcc_claim(const struct irqmap_of *t, int idx)
{
	static const char prefix[] = "qcom,", suffix[] = "-ipcc";
	int len;
	const char *s = fdt_getprop(t->blob, t->nodes[idx].offset,
				    "compatible", &len);

	for (int pos = 0; s && pos < len;) {
		const char *cur = s + pos;
		size_t n = strnlen(cur, (size_t)(len - pos));

		if (n > sizeof(prefix) - 1 + sizeof(suffix) - 1 &&
		    !strncmp(cur, prefix, sizeof(prefix) - 1) &&
		    !strncmp(cur + n - (sizeof(suffix) - 1), suffix,
			     sizeof(suffix) - 1))
			return true;
		pos += (int)n + 1;
	}
	return false;
}

static const char *const ipcc_compat[] = { "qcom,ipcc", NULL };

const struct irqm_of_irqchip irqm_of_qcom_ipcc = {
	.name = "Qualcomm IPCC",
	.irq_chip = &ipcc_chip,
	.compatible = ipcc_compat,
	.claim = ipcc_claim,
	.init = ipcc_init,
};
