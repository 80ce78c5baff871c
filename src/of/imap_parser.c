// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * imap_parser.c - walking the entries of one node's interrupt-map, for
 * drivers that program each route themselves (of_imap_parser_init(),
 * of_imap_parser_one(), for_each_of_imap_item()).
 *
 * An entry is the child unit address and specifier (the nexus's
 * #address-cells and #interrupt-cells), the parent's phandle, then the
 * parent unit address and specifier (the parent's #address-cells, 0 when
 * it has none, and #interrupt-cells). The sizes of the parent side come
 * from the parent each entry names, so entries are read one at a time.
 */
#include <errno.h>
#include <string.h>

#include "log.h"
#include "of.h"

/* #address-cells of @idx or its nearest ancestor with one; 2 by default. */
static uint32_t child_addr_cells(const struct irqmap_of *t, int idx)
{
	for (; idx >= 0; idx = t->nodes[idx].parent)
		if (t->nodes[idx].flags & IRQM_OF_HAS_ADDRCELLS)
			return t->nodes[idx].addrcells;
	return 2;
}

int of_imap_parser_init(struct of_imap_parser *parser, struct irqmap_of *tree,
			int node, struct of_imap_item *item)
{
	const struct irqm_of_node *n;
	int idx;

	if (!parser || !item) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL %s", __func__,
			 parser ? "item" : "parser");
		return -EINVAL;
	}
	idx = irqm_of_checked_idx(tree, node, __func__);
	if (idx < 0)
		return idx;
	n = &tree->nodes[idx];
	if (!n->imap)
		return -ENOENT;
	if (!(n->flags & IRQM_OF_HAS_INTCELLS)) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s has an interrupt-map but no #interrupt-cells",
			 __func__, irqm_of_npath(n));
		return -EINVAL;
	}
	memset(parser, 0, sizeof(*parser));
	parser->child_addr_cells = child_addr_cells(tree, idx);
	if (parser->child_addr_cells > IRQMAP_OF_ADDR_CELLS ||
	    n->intcells > MAX_PHANDLE_ARGS) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s: a child side of %u + %u cells does not fit in an item",
			 __func__, irqm_of_npath(n), parser->child_addr_cells, n->intcells);
		return -EINVAL;
	}
	parser->tree = tree;
	parser->node = node;
	parser->imap = n->imap;
	parser->imap_end = n->imap + n->imap_len;
	parser->parent_offset = parser->child_addr_cells + n->intcells;
	memset(item, 0, sizeof(*item));
	item->child_imap_count = parser->parent_offset;
	return 0;
}

/* End the walk with @err, logging what is wrong with the current entry. */
static struct of_imap_item *stop(struct of_imap_parser *p, int err,
				 const char *what, int parent)
{
	const struct irqmap_of *t = p->tree;

	p->err = err;
	p->imap = p->imap_end;
	irqm_log(IRQMAP_LOG_ERR, "of_imap_parser_one: interrupt-map of %s, entry %d: %s%s",
		 irqm_of_path(t, irqm_of_offset_to_idx(t, p->node)), p->entry,
		 parent >= 0 ? irqm_of_path(t, parent) : "", what);
	return NULL;
}

struct of_imap_item *of_imap_parser_one(struct of_imap_parser *parser,
					struct of_imap_item *item)
{
	const struct irqmap_of *t;
	const struct irqm_of_node *par;
	uint32_t addr, cells;
	const uint32_t *e;
	long left;
	int p;

	if (!parser || !item || !parser->imap)
		return NULL;
	t = parser->tree;
	e = parser->imap;
	left = parser->imap_end - e;
	if (left == 0)
		return NULL;
	if (left < (long)parser->parent_offset + 1)
		return stop(parser, -EINVAL, "cut short in its child side", -1);
	p = irqm_of_phandle_to_idx(t, irqm_of_cell(e, (int)parser->parent_offset));
	if (p < 0)
		return stop(parser, -ENODEV, "the parent phandle points to no node", -1);
	par = &t->nodes[p];
	if (!(par->flags & IRQM_OF_HAS_INTCELLS))
		return stop(parser, -EINVAL, " has no #interrupt-cells", p);
	addr = par->flags & IRQM_OF_HAS_ADDRCELLS ? par->addrcells : 0;
	cells = par->intcells;
	if (addr > MAX_PHANDLE_ARGS || cells > MAX_PHANDLE_ARGS)
		return stop(parser, -EOVERFLOW, " needs more cells than an item holds", p);
	if (left < (long)parser->parent_offset + 1 + (long)addr + (long)cells)
		return stop(parser, -EINVAL, ": the entry is cut short", p);

	for (uint32_t i = 0; i < parser->parent_offset; i++)
		item->child_imap[i] = irqm_of_cell(e, (int)i);
	item->child_imap_count = parser->parent_offset;
	e += parser->parent_offset + 1;
	item->parent_addr_count = addr;
	for (uint32_t i = 0; i < addr; i++)
		item->parent_addr[i] = irqm_of_cell(e, (int)i);
	item->parent_args.tree = parser->tree;
	item->parent_args.np = par->offset;
	item->parent_args.args_count = (int)cells;
	for (uint32_t i = 0; i < cells; i++)
		item->parent_args.args[i] = irqm_of_cell(e, (int)(addr + i));
	parser->imap = e + addr + cells;
	parser->entry++;
	return item;
}
