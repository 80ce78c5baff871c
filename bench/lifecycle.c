// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lifecycle.c - figures 5 and 6: creating and disposing mappings (new and
 * shared), and allocating and freeing vectors through a two-level
 * hierarchy.
 */
#include <stdio.h>

#include "bench.h"
#include "rcu.h"

struct lc {
	struct irq_domain *d;
	irq_hw_number_t hw;
	unsigned int nr;
};

static uint64_t body_new(void *arg, uint64_t iters)
{
	struct lc *l = arg;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++) {
		unsigned int v = irq_create_mapping(l->d, l->hw + (i & 1023));

		acc += v;
		irq_dispose_mapping(v);
	}
	irqm_rcu_barrier();	/* the deferred frees are part of the cost */
	return acc;
}

static uint64_t body_shared(void *arg, uint64_t iters)
{
	struct lc *l = arg;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++) {
		unsigned int v = irq_create_mapping(l->d, l->hw);

		acc += v;
		irq_dispose_mapping(v);
	}
	return acc;
}

static uint64_t body_lookup(void *arg, uint64_t iters)
{
	struct lc *l = arg;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++)
		acc += irq_find_mapping(l->d, l->hw);
	return acc;
}

void bench_lifecycle(void)
{
	uint64_t iters = bench_cfg.quick ? 2000 : 1000000;
	struct lc l;
	unsigned int held;
	double fresh, shared, lookup;

	bench_section("5. mapping life cycle (linear domain)");
	l.d = irq_domain_create_linear(NULL, 4096, &irq_domain_simple_ops, NULL);
	l.hw = 1;
	fresh = bench_ns_per_op(body_new, &l, iters / 4);
	held = irq_create_mapping(l.d, 2048);
	l.hw = 2048;
	shared = bench_ns_per_op(body_shared, &l, iters);
	lookup = bench_ns_per_op(body_lookup, &l, iters);
	bench_row("", "new mapping: create + dispose (RCU frees included)", fresh);
	bench_row("", "shared mapping: create (get) + dispose (put)", shared);
	bench_row("", "irq_find_mapping() of the same line", lookup);
	bench_ratio("shared get+put / lookup", shared, lookup, 5.0, "<= 5x");
	bench_note("(goal: a new mapping under 1000 ns: %s)",
		   fresh < 1000 ? "met" : "MISSED");
	irq_dispose_mapping(held);
	irq_domain_remove(l.d);
}

/* A two-level hierarchy: an MSI-like domain on a 1M-line root. */
static int root_alloc(struct irq_domain *d, unsigned int virq,
		      unsigned int nr, void *arg)
{
	unsigned long base = *(unsigned long *)arg;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, base + i,
					      &dummy_irq_chip, NULL);
	return 0;
}

static int msi_alloc(struct irq_domain *d, unsigned int virq,
		     unsigned int nr, void *arg)
{
	unsigned long base = *(unsigned long *)arg;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, base + i,
					      &dummy_irq_chip, NULL);
	return irq_domain_alloc_irqs_parent(d, virq, nr, arg);
}

static const struct irq_domain_ops root_ops = {
	.alloc = root_alloc, .free = irq_domain_free_irqs_common,
};
static const struct irq_domain_ops msi_ops = {
	.alloc = msi_alloc, .free = irq_domain_free_irqs_top,
};

static uint64_t body_vectors(void *arg, uint64_t iters)
{
	struct lc *l = arg;
	unsigned long base = 0;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++) {
		int v = irq_domain_alloc_irqs(l->d, l->nr, -1, &base);

		acc += (uint64_t)v;
		irq_domain_free_irqs((unsigned int)v, l->nr);
	}
	irqm_rcu_barrier();
	return acc;
}

void bench_hierarchy(void)
{
	static const unsigned int sizes[] = { 1, 32, 2048 };
	struct irq_domain *root, *msi;
	struct lc l;
	double ns[3];

	bench_section("6. hierarchy: alloc + free of N vectors through two levels");
	root = irq_domain_create_linear(NULL, 1u << 16, &root_ops, NULL);
	msi = irq_domain_create_hierarchy(root, 0, 0, NULL, &msi_ops, NULL);
	l.d = msi;
	for (unsigned int s = 0; s < 3; s++) {
		uint64_t iters = bench_cfg.quick ? 20 : 200000 / sizes[s] + 20;
		char name[64];

		l.nr = sizes[s];
		ns[s] = bench_ns_per_op(body_vectors, &l, iters);
		snprintf(name, sizeof(name), "%u vector%s (per allocation)",
			 sizes[s], sizes[s] == 1 ? "" : "s");
		bench_row("", name, ns[s]);
	}
	bench_note("per vector: %.0f ns (1), %.0f ns (32), %.0f ns (2048)",
		   ns[0], ns[1] / 32, ns[2] / 2048);
	irq_domain_remove(msi);
	irq_domain_remove(root);
}
