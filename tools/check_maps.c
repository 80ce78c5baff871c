// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_maps.c - interrupt-map entries that name a node without
 * #interrupt-cells.
 *
 * Such an entry cannot be sized, so the kernel's walk fails on it (and
 * every entry after it is out of reach) whichever interrupt it translates;
 * the finding is about the map, checked entry by entry from the blob,
 * whether or not an interrupt of this tree reaches that entry. Maps of
 * disabled nodes are skipped, as their devices are never probed, and so
 * are those of the controllers whose drivers read their interrupt-map
 * themselves, which no walk goes through. Entries
 * are sized as the library's walk sizes them: the child side with the
 * nexus's #address-cells (its own or its nearest ancestor's, 2 by
 * default) and #interrupt-cells, the parent side with the parent's own
 * #address-cells (0 when absent) and #interrupt-cells.
 */
#include <stdlib.h>

#include <libfdt.h>

#include "check.h"
#include "of/of.h"	/* irqm_of_imap_abuser(): the library's list */

struct ph {
	uint32_t phandle;
	int node;
};

struct scan {
	const struct routes *r;
	const void *blob;
	struct ph *phs;		/* sorted by phandle; built on first use */
	int nr_phs;
	int *stack;		/* the open ancestors, by depth */
	int depth_max;
};

static int ph_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct ph *)a)->phandle;
	uint32_t y = ((const struct ph *)b)->phandle;

	return x < y ? -1 : x > y;
}

static int index_phandles(struct scan *s)
{
	int depth = 0, n = 0;

	for (int o = 0; o >= 0; o = fdt_next_node(s->blob, o, &depth))
		n++;
	s->phs = calloc((size_t)n + 1, sizeof(*s->phs));
	if (!s->phs)
		return -1;
	depth = 0;
	for (int o = 0; o >= 0; o = fdt_next_node(s->blob, o, &depth)) {
		uint32_t ph = fdt_get_phandle(s->blob, o);

		if (ph)
			s->phs[s->nr_phs++] = (struct ph){ ph, o };
	}
	qsort(s->phs, (size_t)s->nr_phs, sizeof(*s->phs), ph_cmp);
	return 0;
}

static int by_phandle(const struct scan *s, uint32_t ph)
{
	struct ph key = { ph, 0 };
	const struct ph *hit = bsearch(&key, s->phs, (size_t)s->nr_phs,
				       sizeof(*s->phs), ph_cmp);

	return hit ? hit->node : -1;
}

static bool prop_u32(const void *blob, int node, const char *name,
		     uint32_t *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(blob, node, name, &len);

	if (!p || len != 4)
		return false;
	*val = fdt32_to_cpu(*p);
	return true;
}

static uint32_t addr_cells_up(const struct scan *s, int depth)
{
	uint32_t v;

	for (int d = depth; d >= 0; d--)
		if (prop_u32(s->blob, s->stack[d], "#address-cells", &v))
			return v;
	return 2;
}

static int check_map(struct scan *s, int node, int depth, struct findings *out)
{
	const fdt32_t *map;
	uint32_t intcells, child, pos = 0, n;
	int len, entry = 0;

	map = fdt_getprop(s->blob, node, "interrupt-map", &len);
	if (!map || !prop_u32(s->blob, node, "#interrupt-cells", &intcells))
		return 0;
	/* a controller that reads its own map: no walk goes through it */
	if (irqm_of_imap_abuser(s->r->tree, irqm_of_offset_to_idx(s->r->tree, node)))
		return 0;
	if (!s->phs && index_phandles(s))
		return -1;
	n = (uint32_t)len / 4;
	child = addr_cells_up(s, depth) + intcells;
	for (; n > pos && n - pos >= child + 1; entry++) {
		int target = by_phandle(s, fdt32_to_cpu(map[pos + child]));
		uint32_t paddr = 0, pint;
		struct finding *f;

		if (target < 0)
			return 0;	/* the walk's own error says so */
		if (!prop_u32(s->blob, target, "#interrupt-cells", &pint)) {
			f = finding_add(out, irqmap_of_node_path(s->r->tree, node),
					-1, FIND_MAP_NO_CELLS);
			if (!f)
				return -1;
			snprintf(f->msg, sizeof(f->msg),
				 "interrupt-map entry %d: %s has no #interrupt-cells",
				 entry, irqmap_of_node_path(s->r->tree, target));
			return 0;
		}
		prop_u32(s->blob, target, "#address-cells", &paddr);
		pos += child + 1 + paddr + pint;
	}
	return 0;
}

int check_maps(const struct routes *r, struct findings *out)
{
	struct scan s = { .r = r, .blob = irqmap_of_blob(r->tree) };
	int depth = 0, skip_below = -1, ret = 0;

	for (int o = 0; o >= 0 && depth >= 0 && !ret;
	     o = fdt_next_node(s.blob, o, &depth)) {
		if (depth >= s.depth_max) {
			int *st = realloc(s.stack, (size_t)(depth + 16) * sizeof(*st));

			if (!st) {
				ret = -1;
				break;
			}
			s.stack = st;
			s.depth_max = depth + 16;
		}
		s.stack[depth] = o;
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (!node_available(s.r->tree, o))
			skip_below = depth;
		else
			ret = check_map(&s, o, depth, out);
	}
	free(s.stack);
	free(s.phs);
	return ret;
}
