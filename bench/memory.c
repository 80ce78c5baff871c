// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * memory.c - figure 7: bytes of heap per mapping at 1M mappings, from
 * malloc's own statistics, in a linear and in a tree domain.
 */
#include <malloc.h>
#include <stdlib.h>

#include "bench.h"
#include "rcu.h"

static size_t heap_used(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

static void one(const char *name, bool tree, unsigned int n)
{
	unsigned int *virqs = calloc(n, sizeof(*virqs));
	struct irq_domain *d;
	size_t before, after;
	double per;

	irqm_rcu_barrier();
	before = heap_used();
	d = tree ? irq_domain_create_tree(NULL, &irq_domain_simple_ops, NULL)
		 : irq_domain_create_linear(NULL, n, &irq_domain_simple_ops, NULL);
	for (unsigned int i = 0; i < n; i++)
		virqs[i] = irq_create_mapping(d, tree ? (unsigned long)i * 977 : i);
	irqm_rcu_barrier();
	after = heap_used();
	per = (double)(after - before) / n;
	bench_note("%-28s %u mappings: %.0f bytes per mapping (goal <= 256: %s)",
		   name, n, per, per <= 256 ? "met" : "MISSED");
	for (unsigned int i = 0; i < n; i++)
		irq_dispose_mapping(virqs[i]);
	irq_domain_remove(d);
	free(virqs);
}

void bench_memory(void)
{
	unsigned int n = bench_cfg.quick ? 10000 : 1000000;

	printf("\n== 7. memory per mapping (descriptor, mapping, revmap share)\n");
	one("linear domain", false, n);
	one("tree domain", true, n);
}
