// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * resolve.c - one device tree's interrupts, resolved and mapped.
 *
 * Loads the tree, brings up every controller, then for every node and
 * every index of its interrupts (or interrupts-extended) resolves the
 * specifier to its controller and maps it. A cascaded controller's own
 * interrupts are the parent lines it mapped when it came up; those are
 * reported without a second reference. Resolving and mapping are kept
 * apart: an interrupt that resolves is a route even when its line cannot
 * be mapped (the route then says why); only one that does not resolve is
 * an error. Closing disposes every mapping and frees the tree, which must
 * leave the library with nothing of it.
 *
 * The library reports through its log handler; while a tree is open the
 * handler keeps the last complaint (the text of a failure) and what the
 * controllers said while coming up.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>


#include "of/of.h"	/* the tree's index: each node's status and parent */
#include "routes.h"

static char last_msg[512];
static struct routes *bringing_up;	/* collects the init messages */

static void capture(int level, const char *msg, void *arg)
{
	(void)arg;
	if (level > IRQMAP_LOG_WARN)
		return;
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
	if (bringing_up) {
		struct routes *r = bringing_up;

		if (array_grow((void **)&r->init_msgs, &r->cap_init_msgs,
			       r->nr_init_msgs, sizeof(*r->init_msgs)))
			return;
		r->init_msgs[r->nr_init_msgs] = strdup(msg);
		r->nr_init_msgs += r->init_msgs[r->nr_init_msgs] != NULL;
	}
}

const char *routes_load_error(void)
{
	return last_msg[0] ? last_msg : "not a usable device tree";
}

static struct route *add(struct routes *r)
{
	if (array_grow((void **)&r->v, &r->cap, r->nr, sizeof(*r->v)))
		return NULL;
	memset(&r->v[r->nr], 0, sizeof(r->v[0]));
	r->v[r->nr].error = "";
	return &r->v[r->nr++];
}

static const char no_room[] = "out of memory keeping the reason";

/* Only failures keep a text: a route costs a few words, not a message. */
static void set_error(struct route *rt, const char *fallback)
{
	char *copy = strdup(last_msg[0] ? last_msg : fallback);

	rt->error = copy ? copy : no_room;
}

/* The walk of a resolved route, as irqmap_of_irq_explain() gives it. */
static int record_hops(struct routes *r, struct route *rt)
{
	int n = 8;

	for (;;) {
		struct irqmap_of_hop *h = realloc(rt->hops, (size_t)n * sizeof(*h));
		int got;

		if (!h)
			return -1;
		rt->hops = h;
		got = irqmap_of_irq_explain(r->tree, rt->offset, rt->index, h, n);
		if (got <= n) {
			rt->nr_hops = got > 0 ? got : 0;
			return 0;
		}
		n = got;	/* the walk is bounded: one more call fits it */
	}
}

void route_args(const struct routes *r, const struct route *rt,
		struct of_phandle_args *args)
{
	args->tree = r->tree;
	args->np = rt->np;
	args->args_count = rt->nr_cells;
	memcpy(args->args, route_cells(r, rt), rt->nr_cells * sizeof(uint32_t));
}

/* Keep the cells of @args in the pool; -1 when there is no room. */
static int keep_cells(struct routes *r, struct route *rt,
		      const struct of_phandle_args *args)
{
	int n = args->args_count;

	while (r->nr_cells + (size_t)n > r->cap_cells)
		if (array_grow((void **)&r->cells, &r->cap_cells, r->cap_cells,
			       sizeof(*r->cells)))
			return -1;
	memcpy(r->cells + r->nr_cells, args->args, (size_t)n * sizeof(uint32_t));
	rt->cells = (unsigned int)r->nr_cells;
	rt->nr_cells = (unsigned char)n;
	rt->np = args->np;
	r->nr_cells += (size_t)n;
	return 0;
}

static int resolve_one(struct routes *r, int node, int index,
		       unsigned int flags, unsigned char pass)
{
	struct route *rt = add(r);
	struct of_phandle_args args;

	if (!rt)
		return -1;
	rt->node = irqmap_of_node_path(r->tree, node);	/* made once, kept */
	if (!rt->node)
		return -1;
	rt->offset = node;
	rt->index = index;
	rt->pass = pass;
	last_msg[0] = '\0';
	rt->err = of_irq_parse_one(r->tree, node, index, &args);
	if (rt->err) {
		set_error(rt, "does not resolve");
		return 0;
	}
	if (keep_cells(r, rt, &args))
		return -1;
	rt->resolved = true;
	return flags & ROUTES_HOPS ? record_hops(r, rt) : 0;
}

static void map_one(struct routes *r, struct route *rt)
{
	last_msg[0] = '\0';
	rt->virq = irqmap_of_parent_irq(r->tree, rt->offset, rt->index);
	if (!rt->virq) {
		struct of_phandle_args args;

		route_args(r, rt, &args);
		rt->virq = irq_create_of_mapping(&args);
		rt->own_ref = rt->virq != 0;
	}
	if (!rt->virq)
		set_error(rt, "cannot be mapped");
}

/*
 * Linux creates a device for a node whose status is absent or okay: the
 * library read it at load (irqm_of_status_ok()).
 */
bool node_available(const struct irqmap_of *t, int node)
{
	int idx = irqm_of_offset_to_idx(t, node);

	return idx >= 0 && (t->nodes[idx].flags & IRQM_OF_AVAILABLE);
}

/*
 * A hierarchical controller (its domain has a parent: a GPC, R_INTC, wake-up
 * generator in front of the GIC) does not map its own interrupts in Linux:
 * its driver reads them to learn its parent's lines, and every mapping of
 * one of its lines allocates the parent level with it.
 */
static bool hierarchy_child(const struct routes *r, int node)
{
	const struct irq_domain *d = irqmap_of_node_domain(r->tree, node);

	return d && d->parent;
}

/*
 * Every node in depth-first order. What Linux's drivers would map is
 * mapped first (pass 1); then a hierarchical controller's own interrupts,
 * which its driver reads rather than maps (pass 2); then the interrupts of
 * disabled nodes and of nodes below them, for which Linux creates no
 * device (pass 3). So a line that runs out (a crossbar's GIC slots) goes
 * to the devices that would have it, and a conflict is charged to the
 * interrupt Linux would not map. With ROUTES_PROBED, passes 2 and 3 are
 * left out altogether.
 *
 * The nodes are read from the library's index (depth-first, each with its
 * status read at load and its parent), not searched for in the blob: a
 * libfdt lookup of "status" scans every property of every node.
 */
static int resolve_all(struct routes *r, unsigned int flags)
{
	const struct irqmap_of *t = r->tree;
	/* per node: it or an ancestor is disabled (parents come first) */
	bool *off = calloc((size_t)t->nr_nodes + 1, sizeof(*off));

	if (!off)
		return -ENOMEM;
	for (int idx = 0; idx < t->nr_nodes; idx++) {
		const struct irqm_of_node *n = &t->nodes[idx];
		int node = n->offset, nr;
		unsigned char pass = 1;

		off[idx] = !(n->flags & IRQM_OF_AVAILABLE) ||
			   (n->parent >= 0 && off[n->parent]);
		if (off[idx])
			pass = 3;
		else if (hierarchy_child(r, node))
			pass = 2;
		if ((flags & ROUTES_PROBED) && pass != 1)
			continue;
		nr = irqmap_of_irq_entries(r->tree, node);
		for (int i = 0; i < nr; i++)
			if (resolve_one(r, node, i, flags, pass)) {
				free(off);
				return -ENOMEM;
			}
	}
	free(off);
	for (unsigned char pass = 1; pass <= 3; pass++)
		for (size_t i = 0; i < r->nr; i++)
			if (r->v[i].resolved && r->v[i].pass == pass)
				map_one(r, &r->v[i]);
	return routes_find_shared(r);
}

int routes_open(struct routes *r, const char *file, unsigned int flags)
{
	int ret;

	memset(r, 0, sizeof(*r));
	r->file = file;
	irqmap_set_log_handler(capture, NULL);
	last_msg[0] = '\0';
	r->tree = irqmap_of_load(file);	/* logs one line when unusable */
	if (!r->tree)
		return -EINVAL;
	bringing_up = r;
	irqmap_of_irq_init(r->tree);	/* failures show up in the routes */
	bringing_up = NULL;
	ret = resolve_all(r, flags);
	if (ret)
		fprintf(stderr, "irqmap: %s: out of memory\n", file);
	return ret;
}

int routes_close(struct routes *r)
{
	int ret = 0;

	for (size_t i = 0; i < r->nr; i++) {
		if (r->v[i].own_ref)
			irq_dispose_mapping(r->v[i].virq);
		if (r->v[i].error[0] && r->v[i].error != no_room)
			free((char *)r->v[i].error);
		free(r->v[i].hops);
	}
	if (r->tree && irqmap_of_free(r->tree)) {
		fprintf(stderr, "irqmap: %s: mappings left behind\n", r->file);
		ret = -1;
	}
	for (size_t i = 0; i < r->nr_init_msgs; i++)
		free(r->init_msgs[i]);
	free(r->init_msgs);
	free(r->v);
	free(r->cells);
	free(r->lines);
	free(r->users);
	free(r->by_virq);
	memset(r, 0, sizeof(*r));
	return ret;
}
