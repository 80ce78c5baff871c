// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * shared.c - which lines of a tree more than one (node, index) uses.
 *
 * Routes on one line share its virq. One counting pass over the routes
 * sizes each virq's group, a second places every route of a shared line
 * in its group, in tree order; lines come in the order of their first
 * user. Time and memory are linear in the routes and the highest virq,
 * which the library's virq space bounds.
 */
#include <stdlib.h>

#include "routes.h"

/* How many routes use each virq (@count), the first one (r->by_virq). */
static size_t count_users(struct routes *r, size_t *count)
{
	size_t nr_users = 0;

	for (size_t i = 0; i < r->nr; i++) {
		unsigned int v = r->v[i].virq;

		if (!v)
			continue;
		if (!r->by_virq[v])
			r->by_virq[v] = i + 1;
		if (++count[v] == 2) {
			r->nr_lines++;
			nr_users += 2;
		} else if (count[v] > 2) {
			nr_users++;
		}
	}
	return nr_users;
}

int routes_find_shared(struct routes *r)
{
	size_t *count, nr_users, next = 0;
	int ret = -1;

	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].virq > r->max_virq)
			r->max_virq = r->v[i].virq;
	r->by_virq = calloc(r->max_virq + 1, sizeof(*r->by_virq));
	count = calloc(r->max_virq + 1, sizeof(*count));
	if (!r->by_virq || !count)
		goto out;
	nr_users = count_users(r, count);
	r->lines = calloc(r->nr_lines + 1, sizeof(*r->lines));
	r->users = calloc(nr_users + 1, sizeof(*r->users));
	if (!r->lines || !r->users)
		goto out;
	/* From here count[v] of a shared line is its index in lines[], + 1. */
	r->nr_lines = 0;
	for (size_t i = 0; i < r->nr; i++) {
		unsigned int v = r->v[i].virq;
		struct shared_line *l;

		if (!v || count[v] < 2 || r->by_virq[v] != i + 1) {
			if (v && r->by_virq[v] == i + 1)
				count[v] = 0;	/* used once: no line */
			continue;
		}
		l = &r->lines[r->nr_lines++];
		l->virq = v;
		l->users = r->users + next;
		next += count[v];
		count[v] = r->nr_lines;
	}
	for (size_t i = 0; i < r->nr; i++) {
		unsigned int v = r->v[i].virq;
		struct shared_line *l;

		if (!v || !count[v])
			continue;
		l = &r->lines[count[v] - 1];
		l->users[l->nr_users++] = i;
	}
	ret = 0;
out:
	free(count);
	return ret;
}

const struct route *routes_first_on(const struct routes *r, unsigned int virq)
{
	if (!virq || virq > r->max_virq || !r->by_virq[virq])
		return NULL;
	return &r->v[r->by_virq[virq] - 1];
}
