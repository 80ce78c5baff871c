// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * props.c - reading the properties of an indexed node.
 *
 * Property values stay in the blob, big-endian; cells are read one at a
 * time with irqm_of_cell(). Compatible strings compare without regard to
 * case, as the kernel's of_compat_cmp() does.
 */
#include <string.h>
#include <strings.h>

#include <libfdt.h>

#include "alloc.h"
#include "of.h"

/* A property as cells: NULL when absent; *ncells rounds the length down. */
const uint32_t *irqm_of_prop(const struct irqmap_of *t, int idx,
			     const char *name, int *ncells)
{
	const void *p;
	int len;

	p = fdt_getprop(t->blob, t->nodes[idx].offset, name, &len);
	if (!p || len < 0) {
		if (ncells)
			*ncells = 0;
		return NULL;
	}
	if (ncells)
		*ncells = len / 4;
	return p;
}

uint32_t irqm_of_cell(const uint32_t *cells, int i)
{
	return fdt32_ld((const fdt32_t *)&cells[i]);
}

/* The first cell of a property of at least one cell, as of_property_read_u32. */
bool irqm_of_prop_u32(const struct irqmap_of *t, int idx, const char *name,
		      uint32_t *val)
{
	const uint32_t *p;
	int n;

	p = irqm_of_prop(t, idx, name, &n);
	if (!p || n < 1)
		return false;
	*val = irqm_of_cell(p, 0);
	return true;
}

bool irqm_of_compatible(const struct irqmap_of *t, int idx,
			const char *compat)
{
	const char *s = t->nodes[idx].compat;
	int len = t->nodes[idx].compat_len, pos = 0;

	/* read once at load: drivers are matched against every node */
	if (!s || len <= 0)
		return false;
	while (pos < len) {
		const char *cur = s + pos;
		size_t n = strnlen(cur, (size_t)(len - pos));

		if (n == strlen(compat) && !strncasecmp(cur, compat, n))
			return true;
		pos += (int)n + 1;
	}
	return false;
}

/* As of_device_is_available(), on a status value (NULL when absent). */
bool irqm_of_status_ok(const char *s, int len)
{
	if (!s || len <= 0)
		return true;
	return (len == 5 && !memcmp(s, "okay", 5)) ||
	       (len == 3 && !memcmp(s, "ok", 3));
}

/* The path of @idx, written backwards from its end: names and slashes. */
static char *make_path(const struct irqmap_of *t, int idx)
{
	size_t len = 0;
	char *p, *end;

	if (t->nodes[idx].parent < 0)
		return irqm_strdup("/");
	for (int i = idx; t->nodes[i].parent >= 0; i = t->nodes[i].parent)
		len += 1 + (size_t)t->nodes[i].name_len;
	p = irqm_malloc(len + 1);
	if (!p)
		return NULL;
	end = p + len;
	*end = '\0';
	for (int i = idx; t->nodes[i].parent >= 0; i = t->nodes[i].parent) {
		end -= t->nodes[i].name_len;
		memcpy(end, t->nodes[i].name, (size_t)t->nodes[i].name_len);
		*--end = '/';
	}
	return p;
}

const char *irqm_of_path_try(const struct irqmap_of *t, int idx)
{
	struct irqm_of_node *n = &t->nodes[idx];
	char *p = atomic_load_explicit(&n->path, memory_order_acquire);
	char *none = NULL;

	if (p)
		return p;
	p = make_path(t, idx);
	if (!p)
		return NULL;
	/* publish it whole; a caller that lost the race uses the winner's */
	if (!atomic_compare_exchange_strong_explicit(&n->path, &none, p,
						     memory_order_acq_rel,
						     memory_order_acquire)) {
		irqm_free(p);
		p = none;
	}
	return p;
}

const char *irqm_of_path(const struct irqmap_of *t, int idx)
{
	const char *p = irqm_of_path_try(t, idx);

	return p ? p : "(a node: no memory for its path)";
}

const char *irqm_of_npath(const struct irqm_of_node *n)
{
	return irqm_of_path(n->tree, (int)(n - n->tree->nodes));
}
