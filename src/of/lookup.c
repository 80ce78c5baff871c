// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lookup.c - finding a node's record by blob offset, by phandle, by fwnode.
 *
 * Every public call names a node by its offset, so the offset lookup is on
 * every path: offsets increase with the depth-first index, and a bucket
 * table over the structure block narrows the search to the few nodes that
 * start in one bucket. Buckets are no larger than the average node, so they
 * hold about one each; a bucket of many small nodes (next to one huge
 * property) is searched in halves. Phandles are a sorted array: where
 * several nodes claim one phandle, the first in depth-first order wins.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "of.h"

static int cmp_phandle(const void *a, const void *b)
{
	const struct irqm_of_phandle *x = a, *y = b;

	if (x->phandle != y->phandle)
		return x->phandle < y->phandle ? -1 : 1;
	return x->idx - y->idx;
}

/*
 * Phandles are usually numbered 1, 2, 3... by dtc: then a table indexed by
 * phandle answers in one load, and building it is linear. Sparse phandles
 * (a hand-written or hostile tree) go to a sorted array instead.
 */
static int index_dense(struct irqmap_of *t, uint32_t max)
{
	t->by_phandle = irqm_calloc((size_t)max + 1, sizeof(*t->by_phandle));
	if (!t->by_phandle)
		return -ENOMEM;
	t->max_phandle = max;
	for (uint32_t p = 0; p <= max; p++)
		t->by_phandle[p] = -1;
	for (int i = 0; i < t->nr_nodes; i++) {
		uint32_t p = t->nodes[i].phandle;

		if (p && t->by_phandle[p] < 0)
			t->by_phandle[p] = i;	/* the first of duplicates */
	}
	return 0;
}

static int index_phandles(struct irqmap_of *t, char *why)
{
	uint32_t max = 0;
	int n = 0;

	for (int i = 0; i < t->nr_nodes; i++) {
		n += t->nodes[i].phandle != 0;
		if (t->nodes[i].phandle != ~0u && t->nodes[i].phandle > max)
			max = t->nodes[i].phandle;
	}
	if (max <= 4u * (uint32_t)t->nr_nodes + 64u)
		return index_dense(t, max) ?
		       irqm_of_fail(why, -ENOMEM, "out of memory") : 0;
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

/*
 * Bucket b covers the offsets from b << bucket_shift, and holds the idx of
 * the first node at or after its start; the last bucket is past every node.
 */
static int index_offsets(struct irqmap_of *t, char *why)
{
	int n = t->nr_nodes, last = t->nodes[n - 1].offset;
	unsigned int shift = 2;	/* offsets are multiples of 4 */

	while (shift < 30 && (2 << shift) <= last / n)
		shift++;
	t->bucket_shift = shift;
	t->nr_buckets = (last >> shift) + 2;
	t->buckets = irqm_calloc((size_t)t->nr_buckets, sizeof(*t->buckets));
	if (!t->buckets)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	for (int b = 0, i = 0; b < t->nr_buckets; b++) {
		while (i < n && t->nodes[i].offset < (int64_t)b << shift)
			i++;
		t->buckets[b] = i;
	}
	return 0;
}

/* Build the lookups of t->nodes, once every record is filled in. */
int irqm_of_index_lookups(struct irqmap_of *t, char *why)
{
	int ret = index_offsets(t, why);

	return ret ? ret : index_phandles(t, why);
}

int irqm_of_offset_to_idx(const struct irqmap_of *t, int offset)
{
	int b, lo, hi;

	if (offset < 0)
		return -1;
	b = offset >> t->bucket_shift;
	if (b >= t->nr_buckets - 1)
		return -1;
	lo = t->buckets[b];
	hi = t->buckets[b + 1] - 1;
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
	if (t->by_phandle)
		return phandle <= t->max_phandle ? t->by_phandle[phandle] : -1;
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
