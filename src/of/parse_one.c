// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * parse_one.c - one interrupt of a node: its entry in interrupts-extended
 * or interrupts, then the walk of parse_raw.c.
 *
 * interrupts-extended lists <phandle specifier...> pairs, each sized by the
 * named node's #interrupt-cells; it takes precedence over interrupts,
 * whose entries are all sized by the interrupt parent's #interrupt-cells.
 * Walking either list only ever moves forward through a finite property.
 */
#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "log.h"
#include "of.h"

/*
 * Check entry @i of interrupts-extended (@n cells at @p), at cell @pos:
 * its node's idx (its #interrupt-cells in *@cells), or -errno.
 */
static int check_entry(struct irqmap_of *t, const uint32_t *p, int n, int pos,
		       int i, uint32_t *cells, char *why)
{
	uint32_t ph = irqm_of_cell(p, pos);
	int target = irqm_of_phandle_to_idx(t, ph);

	if (!ph)
		return irqm_of_fail(why, -EINVAL,
				    "interrupts-extended entry %d is empty (phandle 0)", i);
	if (target < 0)
		return irqm_of_fail(why, -ENODEV,
				    "interrupts-extended entry %d: phandle <0x%x> points to no node",
				    i, ph);
	if (!(t->nodes[target].flags & IRQM_OF_HAS_INTCELLS))
		return irqm_of_fail(why, -EINVAL,
				    "interrupts-extended entry %d: %s has no #interrupt-cells",
				    i, irqm_of_path(t, target));
	*cells = t->nodes[target].intcells;
	if (*cells > MAX_PHANDLE_ARGS)
		return irqm_of_fail(why, -EOVERFLOW,
				    "interrupts-extended entry %d: #interrupt-cells %u of %s exceeds %d",
				    i, *cells, irqm_of_path(t, target),
				    MAX_PHANDLE_ARGS);
	if ((uint32_t)(n - pos - 1) < *cells)
		return irqm_of_fail(why, -EINVAL,
				    "interrupts-extended entry %d is cut short: %s needs %u cells, %d left",
				    i, irqm_of_path(t, target), *cells,
				    n - pos - 1);
	return target;
}

/*
 * Entry @index of node @n's interrupts-extended into @out; its node. The
 * entries' positions were found at load (irqm_of_index_ext()); only the
 * last one can be malformed, since a malformed entry ends the list, so an
 * index at or past it checks that one entry and no other.
 */
static int ext_entry(struct irqmap_of *t, const struct irqm_of_node *n,
		     int index, struct of_phandle_args *out, char *why)
{
	int last = n->ext_nr - 1, i = index < last ? index : last, target;
	uint32_t cells = 0;

	if (last < 0)
		return irqm_of_fail(why, -ENOENT, "no interrupts-extended entry %d", index);
	target = check_entry(t, n->intr_ext, n->intr_ext_len, n->ext_pos[i], i,
			     &cells, why);
	if (target < 0)
		return target;
	if (i != index)
		return irqm_of_fail(why, -ENOENT, "no interrupts-extended entry %d", index);
	out->np = t->nodes[target].offset;
	out->args_count = (int)cells;
	for (uint32_t c = 0; c < cells; c++)
		out->args[c] = irqm_of_cell(n->intr_ext, n->ext_pos[i] + 1 + (int)c);
	return target;
}

/* Entry @index of interrupts (@n cells at @p) into @out; its node. */
static int intr_entry(struct irqmap_of *t, int idx, const uint32_t *p, int n,
		      int index, struct of_phandle_args *out, char *why)
{
	int par = irqm_of_find_parent(t, idx, why);
	uint32_t cells;

	if (par < 0)
		return par == -ENOENT ? -EINVAL : par;
	cells = t->nodes[par].intcells;
	if (!cells)
		return irqm_of_fail(why, -EINVAL,
				    "#interrupt-cells of %s is 0: interrupts cannot be split into entries",
				    irqm_of_path(t, par));
	if (cells > MAX_PHANDLE_ARGS)
		return irqm_of_fail(why, -EOVERFLOW, "#interrupt-cells %u of %s exceeds %d",
				    cells, irqm_of_path(t, par), MAX_PHANDLE_ARGS);
	if ((int64_t)index * cells >= n)
		return irqm_of_fail(why, -ENOENT, "no interrupts entry %d", index);
	if ((int64_t)(index + 1) * cells > n)
		return irqm_of_fail(why, -EINVAL,
				    "interrupts entry %d is cut short: %s needs %u cells, %d left",
				    index, irqm_of_path(t, par), cells,
				    n - index * (int)cells);
	out->np = t->nodes[par].offset;
	out->args_count = (int)cells;
	for (uint32_t c = 0; c < cells; c++)
		out->args[c] = irqm_of_cell(p, index * (int)cells + (int)c);
	return par;
}

/*
 * Interrupt @index of node @idx into @out: the controller's idx, or -errno.
 * The walk's hops go to @tr: the device, the node its entry names, then
 * those of parse_raw.c.
 */
int irqm_of_parse_one_traced(struct irqmap_of *t, int idx, int index,
			     struct of_phandle_args *out, char *why,
			     struct irqm_of_trace *tr)
{
	const struct irqm_of_node *n = &t->nodes[idx];
	uint32_t addr[IRQMAP_OF_ADDR_CELLS] = { 0 };
	int ret;

	if (index < 0)
		return irqm_of_fail(why, -EINVAL, "negative index");
	for (int i = 0; n->reg && i < n->reg_len && i < IRQMAP_OF_ADDR_CELLS; i++)
		addr[i] = irqm_of_cell(n->reg, i);

	memset(out, 0, sizeof(*out));
	out->tree = t;
	if (n->intr_ext)
		ret = ext_entry(t, n, index, out, why);
	else if (n->intr)
		ret = intr_entry(t, idx, n->intr, n->intr_len, index, out, why);
	else
		return irqm_of_fail(why, -ENOENT, "no interrupts");
	if (ret < 0)
		return ret;
	if (tr) {
		enum irqmap_of_via via = n->intr_ext ?
			IRQMAP_OF_VIA_INTERRUPTS_EXTENDED : IRQMAP_OF_VIA_INTERRUPTS;

		irqm_of_trace_hop(tr, t, idx, via, index, out);
		irqm_of_trace_hop(tr, t, ret, n->intr_ext ? via :
				  IRQMAP_OF_VIA_INTERRUPT_PARENT,
				  n->intr_ext ? index : -1, out);
	}
	return irqm_of_parse_raw_traced(t, ret, addr, out, why, tr);
}

int irqm_of_parse_one(struct irqmap_of *t, int idx, int index,
		      struct of_phandle_args *out, char *why)
{
	return irqm_of_parse_one_traced(t, idx, index, out, why, NULL);
}

void irqm_of_trace_hop(struct irqm_of_trace *tr, const struct irqmap_of *t,
		       int idx, enum irqmap_of_via via, int entry,
		       const struct of_phandle_args *spec)
{
	struct irqmap_of_hop *h;

	if (!tr)
		return;
	if (tr->nr++ >= tr->max)
		return;
	h = &tr->hops[tr->nr - 1];
	h->node = t->nodes[idx].offset;
	h->via = via;
	h->entry = entry;
	h->args_count = spec->args_count;
	memcpy(h->args, spec->args, sizeof(h->args));
}

int irqmap_of_irq_explain(struct irqmap_of *tree, int node, int index,
			  struct irqmap_of_hop *hops, int max_hops)
{
	struct irqm_of_trace tr = { hops, max_hops > 0 && hops ? max_hops : 0, 0 };
	char why[IRQM_OF_WHY_LEN];
	struct of_phandle_args args;
	int idx = irqm_of_checked_idx(tree, node, __func__);
	int ret;

	if (idx < 0)
		return idx;
	/* The same walk and the same message as of_irq_parse_one(). */
	ret = irqm_of_parse_one_traced(tree, idx, index, &args, why, &tr);
	if (ret < 0) {
		irqm_of_report("of_irq_parse_one", tree, idx, index, ret, why);
		return ret;
	}
	return tr.nr;
}

/*
 * of_irq_parse_one(), for the library's callers: the controller's idx
 * (>= 0), so that mapping it needs no lookup, or -errno, logged as
 * of_irq_parse_one() logs it.
 */
int irqm_of_parse_one_logged(struct irqmap_of *tree, int node, int index,
			     struct of_phandle_args *out)
{
	static const char func[] = "of_irq_parse_one";
	char why[IRQM_OF_WHY_LEN];
	int idx = irqm_of_checked_idx(tree, node, func);
	int ret;

	if (idx < 0)
		return idx;
	if (!out) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL out_irq", func);
		return -EINVAL;
	}
	ret = irqm_of_parse_one(tree, idx, index, out, why);
	if (ret < 0)
		irqm_of_report(func, tree, idx, index, ret, why);
	return ret;
}

int of_irq_parse_one(struct irqmap_of *tree, int node, int index,
		     struct of_phandle_args *out_irq)
{
	int ret = irqm_of_parse_one_logged(tree, node, index, out_irq);

	return ret < 0 ? ret : 0;
}

int of_irq_count(struct irqmap_of *tree, int node)
{
	char why[IRQM_OF_WHY_LEN];
	struct of_phandle_args args;
	const struct irqm_of_node *n;
	int idx = irqm_of_checked_idx(tree, node, __func__);
	int nr, max;

	if (idx < 0)
		return idx;
	/*
	 * Once every entry irqm_of_entries() counts resolves, the next index
	 * is past the end (-ENOENT, which ends the count without a message),
	 * so it is not parsed. An empty interrupts property is parsed at 0 all
	 * the same: a broken interrupt parent is reported there.
	 */
	n = &tree->nodes[idx];
	max = irqm_of_entries(tree, idx);
	if (!max && n->intr && !n->intr_ext)
		max = 1;
	for (nr = 0; nr < max; nr++) {
		int ret = irqm_of_parse_one(tree, idx, nr, &args, why);

		if (ret < 0) {
			if (ret != -ENOENT)
				irqm_of_report("of_irq_parse_one", tree, idx,
					       nr, ret, why);
			break;
		}
	}
	return nr;
}

/*
 * Where each entry of every node's interrupts-extended starts, found once:
 * an entry of unknown size (its node unknown, or without a sane
 * #interrupt-cells) ends the list, and is the last one counted.
 */
int irqm_of_index_ext(struct irqmap_of *t, char *why)
{
	for (int idx = 0; idx < t->nr_nodes; idx++) {
		struct irqm_of_node *n = &t->nodes[idx];
		int pos = 0, nr = 0;

		if (!n->intr_ext)
			continue;
		/* at most one entry per cell (a node with no cells) */
		n->ext_pos = irqm_calloc((size_t)n->intr_ext_len + 1,
					 sizeof(*n->ext_pos));
		if (!n->ext_pos)
			return irqm_of_fail(why, -ENOMEM, "out of memory");
		while (pos < n->intr_ext_len) {
			int target = irqm_of_phandle_to_idx(t, irqm_of_cell(n->intr_ext, pos));

			n->ext_pos[nr++] = pos;
			if (target < 0 ||
			    !(t->nodes[target].flags & IRQM_OF_HAS_INTCELLS) ||
			    t->nodes[target].intcells > MAX_PHANDLE_ARGS)
				break;
			pos += 1 + (int)t->nodes[target].intcells;
		}
		n->ext_nr = nr;
	}
	return 0;
}

int irqm_of_entries(const struct irqmap_of *t, int idx)
{
	const struct irqm_of_node *n = &t->nodes[idx];
	uint32_t cells;
	int par;

	if (n->intr_ext)
		return n->ext_nr;
	if (!n->intr || !n->intr_len)
		return 0;
	par = irqm_of_find_parent(t, idx, NULL);
	if (par < 0)
		return 1;
	cells = t->nodes[par].intcells;
	if (!cells || cells > MAX_PHANDLE_ARGS)
		return 1;
	return (int)((n->intr_len + cells - 1) / cells);
}

int irqmap_of_irq_entries(struct irqmap_of *tree, int node)
{
	int idx = irqm_of_checked_idx(tree, node, __func__);

	return idx < 0 ? idx : irqm_of_entries(tree, idx);
}
