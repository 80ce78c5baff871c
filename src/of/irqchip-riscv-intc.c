// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-riscv-intc.c - the RISC-V per-hart local interrupt controller.
 *
 * One cell: the interrupt cause (1 supervisor software, 5 supervisor
 * timer, 9 supervisor external, 3/7/11 the machine-level ones). One line
 * per bit of the xip/xie registers: 64 on RV64.
 */
#include "irqchip.h"

#define RISCV_INTC_NR_IRQS 64

static struct irq_chip riscv_intc_chip = {
	.name = "RISC-V INTC",
};

static const struct irq_domain_ops riscv_intc_ops = {
	.map = irqm_of_chip_map,
	.translate = irq_domain_translate_onecell,
};

static int riscv_intc_init(struct irqmap_of *t, struct irqm_of_node *n,
			   char *why)
{
	(void)t;
	return irqm_of_create_domain(n, RISCV_INTC_NR_IRQS, &riscv_intc_ops,
				     why);
}

static const char *const riscv_intc_compat[] = {
	"riscv,cpu-intc", "andestech,cpu-intc", NULL,
};

const struct irqm_of_irqchip irqm_of_riscv_intc = {
	.name = "RISC-V INTC",
	.irq_chip = &riscv_intc_chip,
	.compatible = riscv_intc_compat,
	.init = riscv_intc_init,
};
