// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nodes.c - the index of a loaded tree: one record per node, built once.
 *
 * Each record holds the node's parent, full path, phandle, the cell counts
 * and flags the interrupt walks read, and the fwnode domains are found by.
 * Lookups by offset and by phandle are binary searches. Where several
 * nodes claim one phandle, the first in depth-first order wins.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "alloc.h"
#include "irqchip.h"
#include "of.h"

static int count_nodes(const void *blob, int *max_depth, char *why)
{
	int off = 0, depth = 0, n = 0;

	*max_depth = 0;
	while (off >= 0 && depth >= 0) {
		n++;
		if (depth > *max_depth)
			*max_depth = depth;
		off = fdt_next_node(blob, off, &depth);
	}
	if (off < 0 && off != -FDT_ERR_NOTFOUND)
		return irqm_of_fail(why, -EINVAL, "corrupt structure block: %s",
				    fdt_strerror(off));
	return n;
}

static char *make_path(const char *parent, const char *name, int len)
{
	size_t plen = parent ? strlen(parent) : 0;
	char *p;

	if (!parent)
		return irqm_strdup("/");
	p = irqm_malloc(plen + 1 + (size_t)len + 1);
	if (!p)
		return NULL;
	memcpy(p, parent, plen);
	if (plen != 1)
		p[plen++] = '/';
	memcpy(p + plen, name, (size_t)len);
	p[plen + (size_t)len] = '\0';
	return p;
}

static void read_node(struct irqmap_of *t, int idx)
{
	struct irqm_of_node *n = &t->nodes[idx];
	uint32_t v;

	n->phandle = fdt_get_phandle(t->blob, n->offset);
	if (n->phandle == ~0u)
		n->phandle = 0;
	if (irqm_of_prop_u32(t, idx, "#interrupt-cells", &v)) {
		n->intcells = v;
		n->flags |= IRQM_OF_HAS_INTCELLS;
	}
	if (irqm_of_prop_u32(t, idx, "#address-cells", &v)) {
		n->addrcells = v;
		n->flags |= IRQM_OF_HAS_ADDRCELLS;
	}
	if (fdt_getprop(t->blob, n->offset, "interrupt-controller", NULL))
		n->flags |= IRQM_OF_INTC;
	if (irqm_of_prop_u32(t, idx, "interrupt-parent", &v)) {
		n->iparent = v;
		n->flags |= IRQM_OF_HAS_IPARENT;
	}
	n->imap = irqm_of_prop(t, idx, "interrupt-map", &n->imap_len);
	n->imask = irqm_of_prop(t, idx, "interrupt-map-mask", &n->imask_len);
	if (fdt_getprop(t->blob, n->offset, "interrupt-map", NULL))
		n->flags |= IRQM_OF_IMAP;
	if (irqm_of_available(t, idx))
		n->flags |= IRQM_OF_AVAILABLE;
	if (irqm_of_imap_abuser(t, idx))
		n->flags |= IRQM_OF_IMAP_ABUSER;
	fwnode_init(&n->fwnode, FWNODE_KIND_OF, n->path, n);
}

static int fill_nodes(struct irqmap_of *t, int max_depth, char *why)
{
	int *stack = irqm_calloc((size_t)max_depth + 1, sizeof(*stack));
	int off = 0, depth = 0, idx = 0;

	if (!stack)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	while (off >= 0 && depth >= 0 && idx < t->nr_nodes) {
		struct irqm_of_node *n = &t->nodes[idx];
		const char *name;
		int len;

		n->tree = t;
		n->offset = off;
		n->parent = depth ? stack[depth - 1] : -1;
		stack[depth] = idx;
		name = fdt_get_name(t->blob, off, &len);
		if (!name || (depth && !len)) {
			irqm_free(stack);
			return irqm_of_fail(why, -EINVAL,
					    "node at offset %d has no name", off);
		}
		n->path = make_path(depth ? t->nodes[n->parent].path : NULL,
				    name, len);
		if (!n->path) {
			irqm_free(stack);
			return irqm_of_fail(why, -ENOMEM, "out of memory");
		}
		read_node(t, idx);
		idx++;
		off = fdt_next_node(t->blob, off, &depth);
	}
	irqm_free(stack);
	return 0;
}

static int cmp_phandle(const void *a, const void *b)
{
	const struct irqm_of_phandle *x = a, *y = b;

	if (x->phandle != y->phandle)
		return x->phandle < y->phandle ? -1 : 1;
	return x->idx - y->idx;
}

static int index_phandles(struct irqmap_of *t, char *why)
{
	int n = 0;

	for (int i = 0; i < t->nr_nodes; i++)
		n += t->nodes[i].phandle != 0;
	t->phandles = irqm_calloc((size_t)n + 1, sizeof(*t->phandles));
	if (!t->phandles)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	for (int i = 0; i < t->nr_nodes; i++)
		if (t->nodes[i].phandle)
			t->phandles[t->nr_phandles++] = (struct irqm_of_phandle){
				.phandle = t->nodes[i].phandle, .idx = i };
	qsort(t->phandles, (size_t)t->nr_phandles, sizeof(*t->phandles),
	      cmp_phandle);
	return 0;
}

/* Build the index of t->blob, which has passed fdt_check_full(). */
int irqm_of_index(struct irqmap_of *t, char *why)
{
	int max_depth, n, ret;

	n = count_nodes(t->blob, &max_depth, why);
	if (n < 0)
		return n;
	t->nodes = irqm_calloc((size_t)n, sizeof(*t->nodes));
	if (!t->nodes)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	t->nr_nodes = n;
	ret = fill_nodes(t, max_depth, why);
	if (!ret)
		ret = index_phandles(t, why);
	if (!ret)
		irqm_of_assign_chips(t);
	return ret;
}

int irqm_of_offset_to_idx(const struct irqmap_of *t, int offset)
{
	int lo = 0, hi = t->nr_nodes - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int o = t->nodes[mid].offset;

		if (o == offset)
			return mid;
		if (o < offset)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int irqm_of_phandle_to_idx(const struct irqmap_of *t, uint32_t phandle)
{
	int lo = 0, hi = t->nr_phandles - 1, found = -1;

	if (!phandle || phandle == ~0u)
		return -1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		uint32_t p = t->phandles[mid].phandle;

		if (p == phandle) {
			found = t->phandles[mid].idx;
			hi = mid - 1;	/* the first of duplicates */
		} else if (p < phandle) {
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

/* The node behind a fwnode, when the fwnode is one of @t's; else NULL. */
struct irqm_of_node *irqm_of_fwnode_to_node(const struct irqmap_of *t,
					    const struct fwnode_handle *fw)
{
	uintptr_t p = (uintptr_t)fw, lo = (uintptr_t)t->nodes;
	uintptr_t hi = (uintptr_t)(t->nodes + t->nr_nodes);

	if (!fw || fw->kind != FWNODE_KIND_OF || p < lo || p >= hi ||
	    (p - lo) % sizeof(struct irqm_of_node))
		return NULL;
	return (struct irqm_of_node *)fw;
}
