// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * parse_raw.c - translating a specifier through interrupt-maps up to the
 * controller that serves it.
 *
 * The walk keeps a "match key": the unit address (#address-cells cells)
 * followed by the specifier (#interrupt-cells cells). At a node with an
 * interrupt-map, the key is compared, under interrupt-map-mask, with the
 * child side of each entry; the first entry that matches and names an
 * available parent gives the next node and the next key (that parent's
 * unit address and specifier, with the parent's own #address-cells). A
 * node without a map hands the key over to its interrupt parent. The walk
 * ends at an interrupt controller without a map, or at a map entry that
 * names its own node. Every hop moves to another node of a finite tree,
 * so a walk longer than the tree has nodes is a loop.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "of.h"

#define KEY_MAX MAX_PHANDLE_ARGS

/*
 * Controllers whose drivers read their own interrupt-map, which therefore
 * does not translate specifiers aimed at them (the kernel's list).
 */
static const char *const imap_abusers[] = {
	"CBEA,platform-spider-pic", "sti,platform-spider-pic",
	"realtek,rtl-intc", "fsl,ls1021a-extirq", "fsl,ls1043a-extirq",
	"fsl,ls1088a-extirq", "renesas,rza1-irqc", NULL,
};

bool irqm_of_imap_abuser(const struct irqmap_of *t, int idx)
{
	for (const char *const *c = imap_abusers; *c; c++)
		if (irqm_of_compatible(t, idx, *c))
			return true;
	return false;
}

struct walk {
	uint32_t key[KEY_MAX];
	uint32_t addrsize;
	uint32_t intsize;
};

static void key_str(const struct walk *w, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (uint32_t i = 0; i < w->addrsize + w->intsize && pos < len; i++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s0x%x",
					i ? " " : "", w->key[i]);
}

/* #address-cells of @idx or the nearest ancestor with one; 2 by default. */
static uint32_t addr_cells_up(const struct irqmap_of *t, int idx)
{
	return t->nodes[idx].addrcells_up;	/* worked out at load */
}

/*
 * Find the entry of @ipar's interrupt-map that matches @w; step @w to it:
 * its parent in @next, its number in @matched.
 */
static int imap_step(struct irqmap_of *t, int ipar, struct walk *w,
		     struct of_phandle_args *out, int *next, int *matched,
		     char *why)
{
	const char *path = irqm_of_path(t, ipar);
	uint32_t child = w->addrsize + w->intsize;
	const uint32_t *map, *mask;
	int len, masklen, pos = 0;
	char key[160];

	map = t->nodes[ipar].imap;
	len = t->nodes[ipar].imap_len;
	mask = t->nodes[ipar].imask;
	masklen = t->nodes[ipar].imask_len;
	if (mask && (uint32_t)masklen < child)
		return irqm_of_fail(why, -EINVAL,
				    "interrupt-map-mask of %s has %d cells, the key has %u",
				    path, masklen, child);
	for (int entry = 0; len - pos >= (int)child + 1; entry++) {
		uint32_t ph, paddr, pint;
		bool hit = true;
		int p;

		for (uint32_t i = 0; i < child; i++) {
			uint32_t m = mask ? irqm_of_cell(mask, (int)i) : ~0u;

			hit &= !((w->key[i] ^ irqm_of_cell(map, pos + (int)i)) & m);
		}
		pos += (int)child;
		ph = irqm_of_cell(map, pos++);
		p = irqm_of_phandle_to_idx(t, ph);
		if (p < 0)
			return irqm_of_fail(why, -ENODEV,
					    "interrupt-map of %s, entry %d: phandle <0x%x> points to no node",
					    path, entry, ph);
		if (!(t->nodes[p].flags & IRQM_OF_HAS_INTCELLS))
			return irqm_of_fail(why, -EINVAL,
					    "interrupt-map of %s, entry %d: %s has no #interrupt-cells",
					    path, entry, irqm_of_path(t, p));
		pint = t->nodes[p].intcells;
		paddr = t->nodes[p].flags & IRQM_OF_HAS_ADDRCELLS ?
			t->nodes[p].addrcells : 0;
		if (pint > KEY_MAX || paddr > KEY_MAX - pint)
			return irqm_of_fail(why, -EOVERFLOW,
					    "interrupt-map of %s, entry %d: %s needs %u + %u cells, more than %d",
					    path, entry, irqm_of_path(t, p), paddr,
					    pint, KEY_MAX);
		if ((uint32_t)(len - pos) < paddr + pint)
			return irqm_of_fail(why, -EINVAL,
					    "interrupt-map of %s, entry %d is cut short: %s needs %u cells, %d left",
					    path, entry, irqm_of_path(t, p),
					    paddr + pint, len - pos);
		if (hit && (t->nodes[p].flags & IRQM_OF_AVAILABLE)) {
			for (uint32_t i = 0; i < paddr + pint; i++)
				w->key[i] = irqm_of_cell(map, pos + (int)i);
			w->addrsize = paddr;
			w->intsize = pint;
			out->args_count = (int)pint;
			memcpy(out->args, w->key + paddr, pint * sizeof(uint32_t));
			*next = p;
			*matched = entry;
			return 0;
		}
		pos += (int)(paddr + pint);
	}
	key_str(w, key, sizeof(key));
	return irqm_of_fail(why, -ENXIO, "no interrupt-map entry of %s matches <%s>",
			    path, key);
}

/*
 * A walk's state: the node and the key there (and whether the key has an
 * address yet). The next step depends on the state alone, and the states a
 * walk can reach are finitely many (a key comes from the device or from a
 * map entry), so a walk that does not end comes back to a state it was in.
 * Brent's method finds that in a number of steps proportional to the walk
 * up to and around its loop, whatever the size of the tree: the state
 * saved at each power of two is compared with every later one.
 */
struct seen {
	struct walk w;
	int ipar;
	bool have_addr;
	unsigned int power, len;
};

static bool same_key(const struct walk *a, const struct walk *b)
{
	return a->addrsize == b->addrsize && a->intsize == b->intsize &&
	       !memcmp(a->key, b->key,
		       (a->addrsize + a->intsize) * sizeof(a->key[0]));
}

/*
 * Walk from @ipar, the node of @out's specifier (out->np), to the
 * controller: its idx, or -errno. Every node the walk moves to is a hop
 * of @tr.
 */
int irqm_of_parse_raw_traced(struct irqmap_of *t, int ipar,
			     const uint32_t *addr, struct of_phandle_args *out,
			     char *why, struct irqm_of_trace *tr)
{
	bool have_addr = addr != NULL;
	struct seen seen;
	struct walk w;

	if (!(t->nodes[ipar].flags & IRQM_OF_HAS_INTCELLS)) {
		ipar = irqm_of_find_parent(t, ipar, why);
		if (ipar < 0)
			return ipar == -ENOENT ? -EINVAL : ipar;
		irqm_of_trace_hop(tr, t, ipar, IRQMAP_OF_VIA_INTERRUPT_PARENT,
				  -1, out);
	}
	w.intsize = t->nodes[ipar].intcells;
	if (w.intsize > KEY_MAX)
		return irqm_of_fail(why, -EOVERFLOW, "#interrupt-cells %u of %s exceeds %d",
				    w.intsize, irqm_of_path(t, ipar), KEY_MAX);
	if (out->args_count < 0 || (uint32_t)out->args_count != w.intsize)
		return irqm_of_fail(why, -EINVAL, "a %d-cell specifier for %s, whose #interrupt-cells is %u",
				    out->args_count, irqm_of_path(t, ipar), w.intsize);
	w.addrsize = addr_cells_up(t, ipar);
	if (w.addrsize > KEY_MAX - w.intsize)
		return irqm_of_fail(why, -EOVERFLOW, "#address-cells %u and #interrupt-cells %u at %s exceed %d",
				    w.addrsize, w.intsize, irqm_of_path(t, ipar), KEY_MAX);
	for (uint32_t i = 0; i < w.addrsize; i++)
		w.key[i] = addr && i < IRQMAP_OF_ADDR_CELLS ? addr[i] : 0;
	memcpy(w.key + w.addrsize, out->args, w.intsize * sizeof(uint32_t));

	seen = (struct seen){ .ipar = -1, .power = 1 };
	for (;;) {
		const struct irqm_of_node *n = &t->nodes[ipar];
		int next = -1, entry = -1, ret;

		if (ipar == seen.ipar && have_addr == seen.have_addr &&
		    same_key(&w, &seen.w))
			break;		/* back where it was: a loop */
		if (++seen.len == seen.power)
			seen = (struct seen){ w, ipar, have_addr, seen.power * 2, 0 };

		if ((n->flags & IRQM_OF_INTC) &&
		    (!(n->flags & IRQM_OF_IMAP) || (n->flags & IRQM_OF_IMAP_ABUSER))) {
			out->np = n->offset;
			return ipar;
		}
		if (w.addrsize && !have_addr)
			return irqm_of_fail(why, -EINVAL,
					    "%s needs a unit address (#address-cells %u) and the device has no reg",
					    irqm_of_npath(n), w.addrsize);
		if (!(n->flags & IRQM_OF_IMAP)) {
			next = irqm_of_find_parent(t, ipar, why);
			if (next < 0)
				return next == -ENOENT ? -EINVAL : next;
			ipar = next;
			irqm_of_trace_hop(tr, t, ipar,
					  IRQMAP_OF_VIA_INTERRUPT_PARENT, -1, out);
			continue;
		}
		ret = imap_step(t, ipar, &w, out, &next, &entry, why);
		if (ret)
			return ret;
		irqm_of_trace_hop(tr, t, next, IRQMAP_OF_VIA_INTERRUPT_MAP,
				  entry, out);
		have_addr = true;
		if (next == ipar) {
			out->np = n->offset;
			return ipar;
		}
		ipar = next;
	}
	return irqm_of_fail(why, -ELOOP, "the interrupt-map walk does not reach a controller (loop at %s)",
			    irqm_of_path(t, ipar));
}

int irqm_of_parse_raw(struct irqmap_of *t, int ipar, const uint32_t *addr,
		      struct of_phandle_args *out, char *why)
{
	return irqm_of_parse_raw_traced(t, ipar, addr, out, why, NULL);
}

int of_irq_parse_raw(const uint32_t *addr, struct of_phandle_args *out_irq)
{
	char why[IRQM_OF_WHY_LEN];
	int idx, ret;

	if (!out_irq) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL out_irq", __func__);
		return -EINVAL;
	}
	idx = irqm_of_checked_idx(out_irq->tree, out_irq->np, __func__);
	if (idx < 0)
		return idx;
	ret = irqm_of_parse_raw(out_irq->tree, idx, addr, out_irq, why);
	if (ret < 0) {
		irqm_of_report(__func__, out_irq->tree, idx, -1, ret, why);
		return ret;
	}
	return 0;
}
