/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqchip.h - the controller drivers of the device-tree front end.
 *
 * One driver per file (irqchip-*.c), each a struct irqm_of_irqchip listed
 * in the table of irqchip.c. A controller node is matched by compatible
 * string, in table order; a controller no compatible matches may be
 * claimed by a driver's ->claim, else it gets the generic driver.
 */
#ifndef IRQM_OF_IRQCHIP_H
#define IRQM_OF_IRQCHIP_H

#include "of.h"

/* A controller even without an interrupt-controller property. */
#define IRQM_OF_CHIP_IMPLICIT	(1u << 0)
/* IBM pSeries: its domain also serves the auxiliary controller nodes. */
#define IRQM_OF_CHIP_PLATFORM	(1u << 1)
/* No domain of its own: served by the platform controller's. */
#define IRQM_OF_CHIP_SERVED	(1u << 2)
/*
 * A hierarchical domain below its interrupt parent's (a GIC-style child):
 * it comes up after that parent, and its interrupts of its own are not a
 * cascade.
 */
#define IRQM_OF_CHIP_HIER	(1u << 3)

/**
 * struct irqm_of_irqchip - a controller driver
 * @name:		for messages
 * @irq_chip:		the chip set on every line of its domain
 * @compatible:		NULL-terminated list of compatible strings
 * @flags:		IRQM_OF_CHIP_*
 * @default_cells:	#interrupt-cells of a node that has none (what
 *			firmware adds at boot), 0 for no default
 * @claim:		for a controller no compatible matches: take it?
 * @init:		create the node's domain (set n->domain); may return
 *			-EAGAIN to be called again once more controllers
 *			are up; on failure, describe it in @why
 * @exit:		free n->priv, after the domain is removed (optional)
 */
struct irqm_of_irqchip {
	const char *name;
	struct irq_chip *irq_chip;
	const char *const *compatible;
	unsigned int flags;
	uint32_t default_cells;
	bool (*claim)(const struct irqmap_of *t, int idx);
	int (*init)(struct irqmap_of *t, struct irqm_of_node *n, char *why);
	void (*exit)(struct irqm_of_node *n);
};

/* irqchip.c */
void irqm_of_assign_chips(struct irqmap_of *t);
int irqm_of_create_domain(struct irqm_of_node *n, unsigned int size,
			  const struct irq_domain_ops *ops, char *why);
int irqm_of_create_hier_domain(struct irqmap_of *t, struct irqm_of_node *n,
			       unsigned int size,
			       const struct irq_domain_ops *ops, char *why);
int irqm_of_chip_map(struct irq_domain *d, unsigned int virq,
		     irq_hw_number_t hw);
int irqm_of_chip_alloc(struct irq_domain *d, unsigned int virq,
		       unsigned int nr, irq_hw_number_t hwirq);
int irqm_of_alloc_parent(struct irq_domain *d, unsigned int virq,
			 unsigned int nr, const struct irq_fwspec *fw);
int irqm_of_gic_child_translate(struct irq_domain *d, struct irq_fwspec *fw,
				unsigned long *hwirq, unsigned int *type);
extern const struct irq_domain_ops irqm_of_gic_child_ops;
void irqm_of_free_priv(struct irqm_of_node *n);
bool irqm_of_prop_size(const struct irqmap_of *t, struct irqm_of_node *n,
		       const char *name, uint32_t max, uint32_t *val,
		       char *why);

/* The drivers, in the order the table tries them. */
extern const struct irqm_of_irqchip irqm_of_gic_v2;
extern const struct irqm_of_irqchip irqm_of_gic_v3;
extern const struct irqm_of_irqchip irqm_of_plic;
extern const struct irqm_of_irqchip irqm_of_aplic;
extern const struct irqm_of_irqchip irqm_of_imsic;
extern const struct irqm_of_irqchip irqm_of_riscv_intc;
extern const struct irqm_of_irqchip irqm_of_xics;
extern const struct irqm_of_irqchip irqm_of_xive_spapr;
extern const struct irqm_of_irqchip irqm_of_xive_powernv;
extern const struct irqm_of_irqchip irqm_of_pseries_aux;
extern const struct irqm_of_irqchip irqm_of_lpc;
extern const struct irqm_of_irqchip irqm_of_pl061;
extern const struct irqm_of_irqchip irqm_of_imx_gpc;
extern const struct irqm_of_irqchip irqm_of_imx_gpcv2;
extern const struct irqm_of_irqchip irqm_of_omap_wakeupgen;
extern const struct irqm_of_irqchip irqm_of_tegra_lic;
extern const struct irqm_of_irqchip irqm_of_exynos_pmu;
extern const struct irqm_of_irqchip irqm_of_crossbar;
extern const struct irqm_of_irqchip irqm_of_sun6i_r_intc;
extern const struct irqm_of_irqchip irqm_of_exynos_combiner;
extern const struct irqm_of_irqchip irqm_of_bcm2835;
extern const struct irqm_of_irqchip irqm_of_spmi_pmic_arb;
extern const struct irqm_of_irqchip irqm_of_qcom_ipcc;
extern const struct irqm_of_irqchip irqm_of_ti_sci_intr;
extern const struct irqm_of_irqchip irqm_of_mvebu_ap_sei;
extern const struct irqm_of_irqchip irqm_of_mvebu_icu_nsr;
extern const struct irqm_of_irqchip irqm_of_mvebu_icu_sei;
extern const struct irqm_of_irqchip irqm_of_sunxi_pinctrl;
extern const struct irqm_of_irqchip irqm_of_generic;

/* irqchip-pseries.c: what XICS and XIVE on pSeries share */
int irqm_of_pseries_translate(struct irq_domain *d, struct irq_fwspec *fw,
			      unsigned long *hwirq, unsigned int *type);
int irqm_of_pseries_match(struct irq_domain *d, struct fwnode_handle *fw,
			  enum irq_domain_bus_token bus_token);

#endif
