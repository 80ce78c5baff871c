// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nodes.c - the index of a loaded tree: one record per node, built once.
 *
 * Each record holds the node's parent, name (in the blob), phandle, the cell
 * counts, flags and properties the interrupt walks read, and the fwnode
 * domains are found by. Full paths are made on request (props.c). The
 * lookups by offset and by phandle are lookup.c's.
 */
#include <errno.h>
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

/*
 * The properties a node's record keeps, found in one pass over the node's
 * properties: a libfdt search per name would scan them all each time. The
 * first of duplicate names wins, as with fdt_getprop().
 */
enum {
	P_INTCELLS, P_ADDRCELLS, P_INTC, P_IPARENT, P_IMAP, P_IMASK, P_REG,
	P_INTR, P_INTR_EXT, P_STATUS, P_COMPAT, P_PHANDLE, P_LINUX_PHANDLE,
	NR_KEPT
};

static const char *const kept_names[NR_KEPT] = {
	[P_INTCELLS] = "#interrupt-cells",
	[P_ADDRCELLS] = "#address-cells",
	[P_INTC] = "interrupt-controller",
	[P_IPARENT] = "interrupt-parent",
	[P_IMAP] = "interrupt-map",
	[P_IMASK] = "interrupt-map-mask",
	[P_REG] = "reg",
	[P_INTR] = "interrupts",
	[P_INTR_EXT] = "interrupts-extended",
	[P_STATUS] = "status",
	[P_COMPAT] = "compatible",
	[P_PHANDLE] = "phandle",
	[P_LINUX_PHANDLE] = "linux,phandle",
};

struct kept {
	const void *val[NR_KEPT];	/* NULL: absent */
	int len[NR_KEPT];		/* in bytes */
};

static void scan_props(const void *blob, int offset, struct kept *k)
{
	int prop;

	memset(k, 0, sizeof(*k));
	fdt_for_each_property_offset(prop, blob, offset) {
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(blob, prop, &name, &len);

		if (!val || len < 0)
			continue;
		for (int i = 0; i < NR_KEPT; i++)
			if (!strcmp(name, kept_names[i])) {
				if (!k->val[i]) {
					k->val[i] = val;
					k->len[i] = len;
				}
				break;
			}
	}
}

/* Property @i as cells (*ncells rounds its length down); NULL when absent. */
static const uint32_t *kept_cells(const struct kept *k, int i, int *ncells)
{
	*ncells = k->len[i] / 4;
	return k->val[i];
}

/* The first cell of property @i, when it has one, as of_property_read_u32. */
static bool kept_u32(const struct kept *k, int i, uint32_t *val)
{
	if (!k->val[i] || k->len[i] < 4)
		return false;
	*val = irqm_of_cell(k->val[i], 0);
	return true;
}

static void read_node(struct irqmap_of *t, int idx)
{
	struct irqm_of_node *n = &t->nodes[idx];
	struct kept k;
	uint32_t v;

	scan_props(t->blob, n->offset, &k);
	/* as fdt_get_phandle(): "phandle", else "linux,phandle"; -1 is none */
	v = 0;
	if (k.val[P_PHANDLE] && k.len[P_PHANDLE] == 4)
		v = irqm_of_cell(k.val[P_PHANDLE], 0);
	else if (k.val[P_LINUX_PHANDLE] && k.len[P_LINUX_PHANDLE] == 4)
		v = irqm_of_cell(k.val[P_LINUX_PHANDLE], 0);
	n->phandle = v == ~0u ? 0 : v;
	if (kept_u32(&k, P_INTCELLS, &v)) {
		n->intcells = v;
		n->flags |= IRQM_OF_HAS_INTCELLS;
	}
	if (kept_u32(&k, P_ADDRCELLS, &v)) {
		n->addrcells = v;
		n->flags |= IRQM_OF_HAS_ADDRCELLS;
	}
	if (k.val[P_INTC])
		n->flags |= IRQM_OF_INTC;
	if (kept_u32(&k, P_IPARENT, &v)) {
		n->iparent = v;
		n->flags |= IRQM_OF_HAS_IPARENT;
	}
	n->imap = kept_cells(&k, P_IMAP, &n->imap_len);
	n->imask = kept_cells(&k, P_IMASK, &n->imask_len);
	if (n->imap)
		n->flags |= IRQM_OF_IMAP;
	n->reg = kept_cells(&k, P_REG, &n->reg_len);
	n->intr = kept_cells(&k, P_INTR, &n->intr_len);
	n->intr_ext = kept_cells(&k, P_INTR_EXT, &n->intr_ext_len);
	if (irqm_of_status_ok(k.val[P_STATUS], k.len[P_STATUS]))
		n->flags |= IRQM_OF_AVAILABLE;
	n->compat = k.val[P_COMPAT];
	n->compat_len = k.len[P_COMPAT];
	if (irqm_of_imap_abuser(t, idx))
		n->flags |= IRQM_OF_IMAP_ABUSER;
	fwnode_init(&n->fwnode, FWNODE_KIND_OF, NULL, n);
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
		n->hier_parent = -1;
		stack[depth] = idx;
		name = fdt_get_name(t->blob, off, &len);
		if (!name || (depth && !len)) {
			irqm_free(stack);
			return irqm_of_fail(why, -EINVAL,
					    "node at offset %d has no name", off);
		}
		n->name = depth ? name : "";
		n->name_len = depth ? len : 0;
		read_node(t, idx);
		idx++;
		off = fdt_next_node(t->blob, off, &depth);
	}
	irqm_free(stack);
	return 0;
}

/*
 * The fwnode names of the nodes a domain may be made or looked for: what
 * has #interrupt-cells, is an interrupt-controller or has a driver. A
 * domain takes its name from its fwnode and keeps it, and a failed lookup
 * names the fwnode; the paths live as long as the tree.
 */
static int name_fwnodes(struct irqmap_of *t, char *why)
{
	for (int i = 0; i < t->nr_nodes; i++) {
		struct irqm_of_node *n = &t->nodes[i];

		if (!(n->flags & (IRQM_OF_INTC | IRQM_OF_HAS_INTCELLS)) && !n->chip)
			continue;
		n->fwnode.name = irqm_of_path_try(t, i);
		if (!n->fwnode.name)
			return irqm_of_fail(why, -ENOMEM, "out of memory");
	}
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
		ret = irqm_of_index_lookups(t, why);
	if (!ret)
		irqm_of_assign_chips(t);	/* may imply #interrupt-cells */
	if (!ret)
		ret = name_fwnodes(t, why);
	if (!ret)
		ret = irqm_of_index_parents(t, why);
	if (!ret)
		ret = irqm_of_index_ext(t, why);
	return ret;
}
