// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * order.c - the order in which a tree's controllers come up.
 *
 * The kernel's of_irq_init() makes passes over the pending controllers,
 * bringing up in each pass, in tree order, every one whose parents are up,
 * until a pass makes no progress. Done literally that is quadratic: a
 * chain of N controllers listed children first takes N passes over N
 * nodes. The same order comes out of a dependency graph built once: each
 * pending controller waits for the pending controllers its own interrupts
 * resolve to (and, for a hierarchical one, its interrupt parent); one
 * whose last wait ends goes into the current pass when it sits after the
 * node just brought up, else into the next pass. Two heaps keyed by node
 * index hold the two passes, so the whole bring-up is O((N + E) log N).
 *
 * A driver may still answer -EAGAIN (it waits on something the graph does
 * not show, such as a platform controller): such a node is tried again in
 * the next pass, as long as the pass before it brought something up.
 */
#include <errno.h>

#include "alloc.h"
#include "irqchip.h"
#include "of.h"

static bool pending(const struct irqmap_of *t, int idx)
{
	return t->nodes[idx].state == IRQM_OF_PENDING;
}

static int add_edge(struct irqm_of_order *o, int from, int to)
{
	if (o->nr_edges == o->cap_edges) {
		int cap = o->cap_edges ? o->cap_edges * 2 : 64;
		int *f = irqm_realloc(o->from, (size_t)cap * sizeof(int));
		int *e;

		if (!f)
			return -ENOMEM;
		o->from = f;
		e = irqm_realloc(o->to, (size_t)cap * sizeof(int));
		if (!e)
			return -ENOMEM;
		o->to = e;
		o->cap_edges = cap;
	}
	o->from[o->nr_edges] = from;
	o->to[o->nr_edges++] = to;
	o->waiting[to]++;
	return 0;
}

/* What pending controller @c waits for. */
static int collect(struct irqm_of_order *o, struct irqmap_of *t, int c)
{
	int nr = irqm_of_entries(t, c), ret = 0;

	for (int i = 0; i < nr && !ret; i++) {
		struct of_phandle_args args;
		int p = irqm_of_parse_one(t, c, i, &args, NULL);

		if (p >= 0 && p != c && pending(t, p))
			ret = add_edge(o, p, c);
	}
	if (!ret && (t->nodes[c].chip->flags & IRQM_OF_CHIP_HIER)) {
		int p = irqm_of_find_parent(t, c, NULL);

		if (p >= 0 && p != c && pending(t, p))
			ret = add_edge(o, p, c);
	}
	return ret;
}

static void heap_push(struct irqm_of_heap *h, int v)
{
	int i = h->nr++;

	while (i && h->v[(i - 1) / 2] > v) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = v;
}

static int heap_pop(struct irqm_of_heap *h)
{
	int top = h->v[0], last = h->v[--h->nr], i = 0;

	for (;;) {
		int c = 2 * i + 1;

		if (c >= h->nr)
			break;
		if (c + 1 < h->nr && h->v[c + 1] < h->v[c])
			c++;
		if (h->v[c] >= last)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->nr)
		h->v[i] = last;
	return top;
}

/* The dependents of each node, grouped by node (counting sort). */
static int group(struct irqm_of_order *o, int nr_nodes)
{
	o->first = irqm_calloc((size_t)nr_nodes + 1, sizeof(int));
	o->dependents = irqm_calloc((size_t)o->nr_edges + 1, sizeof(int));
	if (!o->first || !o->dependents)
		return -ENOMEM;
	for (int e = 0; e < o->nr_edges; e++)
		o->first[o->from[e] + 1]++;
	for (int i = 0; i < nr_nodes; i++)
		o->first[i + 1] += o->first[i];
	/* each placement moves its group's start on by one... */
	for (int e = 0; e < o->nr_edges; e++)
		o->dependents[o->first[o->from[e]]++] = o->to[e];
	/* ...to the next group's start: shift them back */
	for (int i = nr_nodes; i > 0; i--)
		o->first[i] = o->first[i - 1];
	o->first[0] = 0;
	return 0;
}

int irqm_of_order_init(struct irqm_of_order *o, struct irqmap_of *t)
{
	size_t n = (size_t)t->nr_nodes;
	int ret = 0;

	*o = (struct irqm_of_order){ .cur = -1 };
	o->waiting = irqm_calloc(n + 1, sizeof(int));
	o->now.v = irqm_calloc(n + 1, sizeof(int));
	o->later.v = irqm_calloc(n + 1, sizeof(int));
	o->retry = irqm_calloc(n + 1, sizeof(int));
	o->blocker = irqm_calloc(n + 1, sizeof(int));
	if (!o->waiting || !o->now.v || !o->later.v ||
	    !o->retry || !o->blocker)
		ret = -ENOMEM;
	for (int c = 0; c < t->nr_nodes && !ret; c++)
		if (pending(t, c))
			ret = collect(o, t, c);
	if (!ret)
		ret = group(o, t->nr_nodes);
	if (ret) {
		irqm_of_order_exit(o);
		return ret;
	}
	for (int c = 0; c < t->nr_nodes; c++)
		if (pending(t, c) && !o->waiting[c])
			heap_push(&o->now, c);
	return 0;
}

static void swap_passes(struct irqm_of_order *o)
{
	struct irqm_of_heap tmp = o->now;

	o->now = o->later;
	o->later = tmp;
}

int irqm_of_order_next(struct irqm_of_order *o)
{
	if (!o->now.nr) {
		/* end of a pass: what waits for a later one, if it moved */
		if (o->progress) {
			for (int i = 0; i < o->nr_retry; i++)
				heap_push(&o->later, o->retry[i]);
			o->nr_retry = 0;
		}
		if (!o->later.nr)
			return -1;
		swap_passes(o);
		o->progress = false;
	}
	o->cur = heap_pop(&o->now);
	return o->cur;
}

void irqm_of_order_settled(struct irqm_of_order *o, int idx, bool again)
{
	if (again) {
		o->retry[o->nr_retry++] = idx;
		return;
	}
	o->progress = true;
	for (int d = o->first[idx]; d < o->first[idx + 1]; d++) {
		int c = o->dependents[d];

		if (--o->waiting[c])
			continue;
		heap_push(c > o->cur ? &o->now : &o->later, c);
	}
}

/*
 * For each node still pending once no pass moves: one pending node it
 * waits for, or -1 (it waits on something the graph does not show). One
 * look at every edge; the answers go in o->blocker.
 */
void irqm_of_order_blockers(struct irqm_of_order *o, const struct irqmap_of *t)
{
	for (int i = 0; i < t->nr_nodes; i++)
		o->blocker[i] = -1;
	for (int e = 0; e < o->nr_edges; e++)
		if (pending(t, o->to[e]) && pending(t, o->from[e]))
			o->blocker[o->to[e]] = o->from[e];
}

void irqm_of_order_exit(struct irqm_of_order *o)
{
	irqm_free(o->from);
	irqm_free(o->to);
	irqm_free(o->waiting);
	irqm_free(o->first);
	irqm_free(o->dependents);
	irqm_free(o->now.v);
	irqm_free(o->later.v);
	irqm_free(o->retry);
	irqm_free(o->blocker);
	*o = (struct irqm_of_order){ 0 };
}
