// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * line.c - naming what the routes hold: lines, trigger types, cells, hops;
 * and growing the arrays they are kept in.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"	/* irqm_type_name(): the library's names of types */
#include "routes.h"

int array_grow(void **v, size_t *cap, size_t nr, size_t size)
{
	size_t n = *cap ? *cap * 2 : 16;
	void *p;

	if (nr < *cap)
		return 0;
	p = realloc(*v, n * size);
	if (!p)
		return -1;
	*v = p;
	*cap = n;
	return 0;
}

void line_of(const struct route *rt, struct line *l)
{
	struct irq_data *d = irq_get_irq_data(rt->virq);

	l->domain = d && d->domain ? d->domain->name : "?";
	l->hwirq = d ? d->hwirq : 0;
	l->type = irqm_type_name(irq_get_trigger_type(rt->virq));
	l->shared = irq_mapping_refcount(rt->virq);
}

void cells_str(int n, const uint32_t *cells, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && pos < len; i++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s0x%x",
					i ? " " : "", cells[i]);
}

/* The property that took the walk to a node, as the tree spells it. */
const char *via_name(enum irqmap_of_via via)
{
	switch (via) {
	case IRQMAP_OF_VIA_INTERRUPTS:		return "interrupts";
	case IRQMAP_OF_VIA_INTERRUPTS_EXTENDED:	return "interrupts-extended";
	case IRQMAP_OF_VIA_INTERRUPT_PARENT:	return "interrupt-parent";
	case IRQMAP_OF_VIA_INTERRUPT_MAP:	return "interrupt-map";
	}
	return "?";
}
