// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check.c - the findings of one tree: each interrupt that does not resolve
 * or cannot be mapped, sorted into what went wrong, each controller that
 * did not come up, and each broken interrupt-map entry (check_maps.c).
 *
 * The reasons are the library's own messages, which say what the kernel's
 * of_irq_parse_raw() and irq_create_fwspec_mapping() would run into; the
 * kind comes from the errno of the parse, else from the message. A type
 * mismatch also names the interrupt that mapped the line first: Linux
 * maps the first user's type and fails every other.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const char *const kind_names[NR_FIND_KINDS] = {
	[FIND_UNRESOLVED_PARENT] = "unresolved-parent",
	[FIND_UNRESOLVED_MAP] = "unresolved-map",
	[FIND_UNRESOLVED_CELLS] = "unresolved-cells",
	[FIND_MAP_NO_CELLS] = "map-no-cells",
	[FIND_REFUSED] = "refused",
	[FIND_TYPE_MISMATCH] = "type-mismatch",
	[FIND_DISABLED] = "disabled-controller",
	[FIND_CONTROLLER_DOWN] = "controller-down",
};

const char *finding_kind_name(enum finding_kind kind)
{
	return kind < NR_FIND_KINDS ? kind_names[kind] : "?";
}

struct finding *finding_add(struct findings *fs, const char *node, int index,
			    enum finding_kind kind)
{
	struct finding *f;

	if (array_grow((void **)&fs->v, &fs->cap, fs->nr, sizeof(*fs->v)))
		return NULL;
	f = &fs->v[fs->nr++];
	f->node = node;
	f->index = index;
	f->kind = kind;
	f->msg[0] = '\0';
	return f;
}

/*
 * The library's message without what the finding's line already says: the
 * function ("of_irq_parse_one: ") and the node and interrupt.
 */
static const char *reason(const struct route *rt)
{
	const char *m = rt->error, *colon = strstr(m, ": ");
	char where[600];
	size_t n;

	if (colon && !memchr(m, ' ', (size_t)(colon - m)))
		m = colon + 2;
	n = (size_t)snprintf(where, sizeof(where), "%s interrupt %d: ",
			     rt->node, rt->index);
	if (n < sizeof(where) && !strncmp(m, where, n))
		m += n;
	return m;
}

static bool has(const char *s, const char *needle)
{
	return strstr(s, needle) != NULL;
}

static enum finding_kind unresolved_kind(const struct route *rt)
{
	const char *m = rt->error;

	if (rt->err == -ENXIO)
		return FIND_UNRESOLVED_MAP;
	if (rt->err == -EOVERFLOW || has(m, "cut short") ||
	    has(m, "-cell specifier") || has(m, "is 0:"))
		return FIND_UNRESOLVED_CELLS;
	if (has(m, "interrupt-map"))
		return FIND_UNRESOLVED_MAP;
	return FIND_UNRESOLVED_PARENT;
}

static enum finding_kind unmapped_kind(const struct route *rt)
{
	const char *m = rt->error;

	if (has(m, "type mismatch"))
		return FIND_TYPE_MISMATCH;
	if (has(m, "is disabled"))
		return FIND_DISABLED;
	if (has(m, "did not come up") || has(m, "no irq domain"))
		return FIND_CONTROLLER_DOWN;
	return FIND_REFUSED;
}

/*
 * "type mismatch, failed to map hwirq H of DOMAIN (mapped T1, asked T2)":
 * name the interrupt that holds the line. Its virq is DOMAIN's mapping of
 * H; the first route on that virq is the one that mapped it.
 */
static bool type_mismatch(const struct routes *r, const struct route *rt,
			  struct finding *f)
{
	char dom[256], mapped[32], asked[32];
	const char *p = strstr(rt->error, "hwirq ");
	const struct route *first;
	struct irq_domain *d;
	unsigned long hwirq;
	int node;

	if (!p || sscanf(p, "hwirq %lu of %255s (mapped %31[^,], asked %31[^)])",
			 &hwirq, dom, mapped, asked) != 4)
		return false;
	node = irqmap_of_find_node(r->tree, dom);
	d = node < 0 ? NULL : irqmap_of_node_domain(r->tree, node);
	first = d ? routes_first_on(r, irq_find_mapping(d, hwirq)) : NULL;
	if (!first)
		return false;
	snprintf(f->msg, sizeof(f->msg),
		 "type mismatch: asks %s on hwirq %lu of %s, which %s interrupt %d mapped %s",
		 asked, hwirq, dom, first->node, first->index, mapped);
	return true;
}

static int check_route(const struct routes *r, const struct route *rt,
		       struct findings *out)
{
	enum finding_kind kind;
	struct finding *f;

	if (rt->resolved && rt->virq)
		return 0;
	kind = rt->resolved ? unmapped_kind(rt) : unresolved_kind(rt);
	f = finding_add(out, rt->node, rt->index, kind);
	if (!f)
		return -1;
	if (kind != FIND_TYPE_MISMATCH || !type_mismatch(r, rt, f))
		snprintf(f->msg, sizeof(f->msg), "%s", reason(rt));
	return 0;
}

/*
 * "irqmap_of_irq_init: /path (driver) stays down: why", about a controller
 * some interrupt goes to. One nobody uses is not Linux's concern at boot:
 * many device nodes (I/O expanders, PMICs) say interrupt-controller and
 * leave the domain to their own drivers.
 */
static bool used(const struct routes *r, int node)
{
	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].resolved && r->v[i].np == node)
			return true;
	return false;
}

static int check_init(const struct routes *r, const char *msg,
		      struct findings *out)
{
	static const char prefix[] = "irqmap_of_irq_init: ";
	const char *path = msg, *end;
	struct finding *f;
	char buf[512];
	int node;

	if (!strncmp(msg, prefix, sizeof(prefix) - 1))
		path = msg + sizeof(prefix) - 1;
	end = strchr(path, ' ');
	if (!end || path[0] != '/')
		return 0;
	snprintf(buf, sizeof(buf), "%.*s", (int)(end - path), path);
	node = irqmap_of_find_node(r->tree, buf);
	/* the other messages are about its own interrupts: in its routes */
	if (node < 0 || !strstr(end, " stays down") || !used(r, node))
		return 0;
	f = finding_add(out, irqmap_of_node_path(r->tree, node), -1,
			FIND_CONTROLLER_DOWN);
	if (!f)
		return -1;
	snprintf(f->msg, sizeof(f->msg), "the controller %s", end + 1);
	return 0;
}

int check_tree(const struct routes *r, struct findings *out)
{
	for (size_t i = 0; i < r->nr_init_msgs; i++)
		if (check_init(r, r->init_msgs[i], out))
			return -1;
	if (check_maps(r, out))
		return -1;
	for (size_t i = 0; i < r->nr; i++)
		if (check_route(r, &r->v[i], out))
			return -1;
	return 0;
}
