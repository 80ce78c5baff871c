// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dispatch.c - figure 4: generic_handle_domain_irq() through a flow handler
 * to one action and to four shared ones, against the cost of the lookup
 * plus one indirect call (the least any dispatcher has to do).
 */
#include <stdio.h>

#include "bench.h"

static void noop(struct irq_data *d)
{
	(void)d;
}

static struct irq_chip bench_chip = {
	.name = "bench",
	.irq_mask = noop,
	.irq_unmask = noop,
	.irq_ack = noop,
	.irq_eoi = noop,
};

static irqreturn_t handler(int irq, void *dev)
{
	(*(uint64_t *)dev)++;
	return IRQ_HANDLED;
}

struct disp {
	struct irq_domain *d;
	irq_hw_number_t hw;
	irq_handler_t fn;
	uint64_t dev;
};

static uint64_t body_dispatch(void *arg, uint64_t iters)
{
	struct disp *p = arg;
	uint64_t bad = 0;

	for (uint64_t i = 0; i < iters; i++)
		bad += generic_handle_domain_irq(p->d, p->hw) != 0;
	return bad;
}

static uint64_t body_baseline(void *arg, uint64_t iters)
{
	struct disp *p = arg;
	irq_handler_t volatile fn = p->fn;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++) {
		struct irq_desc *desc;

		irqmap_read_lock();
		desc = irq_resolve_mapping(p->d, p->hw);
		if (desc)
			acc += fn((int)irq_desc_get_irq(desc), &p->dev);
		irqmap_read_unlock();
	}
	return acc;
}

static double one(struct disp *p, unsigned int virq, irq_flow_handler_t flow,
		  unsigned int nr_actions, uint64_t *devs, const char *name)
{
	uint64_t iters = bench_cfg.quick ? 20000 : 5000000;
	double ns;

	irq_set_chip_and_handler(virq, &bench_chip, flow);
	for (unsigned int i = 0; i < nr_actions; i++)
		request_irq(virq, handler, IRQF_SHARED, "bench", &devs[i]);
	ns = bench_ns_per_op(body_dispatch, p, iters);
	bench_row("", name, ns);
	for (unsigned int i = 0; i < nr_actions; i++)
		free_irq(virq, &devs[i]);
	return ns;
}

void bench_dispatch(void)
{
	struct disp p = { .hw = 3, .fn = handler };
	uint64_t devs[4] = { 0 };
	uint64_t iters = bench_cfg.quick ? 20000 : 5000000;
	unsigned int virq;
	double base, lvl1, lvl4, eoi1, eoi4;

	bench_section("4. dispatch: generic_handle_domain_irq()");
	irqmap_set_cpu(0);
	p.d = irq_domain_create_linear(NULL, 8, &irq_domain_simple_ops, NULL);
	virq = irq_create_mapping(p.d, p.hw);
	base = bench_ns_per_op(body_baseline, &p, iters);
	bench_row("", "lookup + one indirect call (the baseline)", base);
	lvl1 = one(&p, virq, handle_level_irq, 1, devs, "handle_level_irq, 1 action");
	lvl4 = one(&p, virq, handle_level_irq, 4, devs, "handle_level_irq, 4 shared actions");
	eoi1 = one(&p, virq, handle_fasteoi_irq, 1, devs, "handle_fasteoi_irq, 1 action");
	eoi4 = one(&p, virq, handle_fasteoi_irq, 4, devs, "handle_fasteoi_irq, 4 shared actions");
	bench_ratio("level, 1 action / baseline", lvl1, base, 3.0, "<= 3x");
	bench_ratio("fasteoi, 1 action / baseline", eoi1, base, 3.0, "<= 3x");
	bench_ratio("level, 4 actions / 1 action", lvl4, lvl1, 0, "");
	bench_ratio("fasteoi, 4 actions / 1 action", eoi4, eoi1, 0, "");
	irq_dispose_mapping(virq);
	irq_domain_remove(p.d);
}
