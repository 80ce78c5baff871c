/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * routes.h - every interrupt of one device tree, resolved and mapped: what
 * 'irqmap routes' prints and 'irqmap check' judges. One tree is held at a
 * time; a run over many files loads, reports and frees each in turn.
 */
#ifndef IRQMAP_TOOL_ROUTES_H
#define IRQMAP_TOOL_ROUTES_H

#include <stdbool.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

#include <json-c/json.h>

/* One (node, index): resolved (a route) or not (only an error). */
struct route {
	const char *node;		/* full path */
	int offset;			/* the node's */
	int index;
	bool resolved;
	int err;			/* of_irq_parse_one()'s, when unresolved */
	struct of_phandle_args args;	/* valid when resolved */
	unsigned int virq;		/* 0 when it could not be mapped */
	bool own_ref;			/* this route took the reference */
	/*
	 * Unresolved: why it does not resolve; resolved: why it is not
	 * mapped; "" otherwise (never NULL; allocated only for a failure).
	 */
	const char *error;
	unsigned char pass;		/* mapped in pass 1, 2 or 3 */
	struct irqmap_of_hop *hops;	/* ROUTES_HOPS: the walk, resolved only */
	int nr_hops;
};

/* A line used by more than one (node, index), and who uses it. */
struct shared_line {
	unsigned int virq;
	size_t *users;			/* indexes into routes.v, tree order */
	size_t nr_users;
};

/* routes_open() flags */
#define ROUTES_HOPS		(1u << 0)	/* record each route's walk */
#define ROUTES_PROBED		(1u << 1)	/* only what Linux's drivers map */

struct routes {
	const char *file;
	struct irqmap_of *tree;
	struct route *v;
	size_t nr, cap;
	/* shared.c */
	struct shared_line *lines;
	size_t nr_lines;
	size_t *users;			/* storage of every line's users */
	size_t *by_virq;		/* first route on each virq, + 1 */
	unsigned int max_virq;
	/* what the library logged while bringing the controllers up */
	char **init_msgs;
	size_t nr_init_msgs, cap_init_msgs;
};

/* resolve.c: load @file, bring it up, resolve and map everything. */
int routes_open(struct routes *r, const char *file, unsigned int flags);
/* Dispose of every mapping and free the tree; -1 when something stayed. */
int routes_close(struct routes *r);
/* The library's one line about a file it could not load or use. */
const char *routes_load_error(void);
/* Whether Linux would create a device for node @node of @blob. */
bool node_available(const void *blob, int node);

/* shared.c */
int routes_find_shared(struct routes *r);
const struct route *routes_first_on(const struct routes *r, unsigned int virq);

/* line.c: room for one more of @nr items of @size in *@v (*@cap of them). */
int array_grow(void **v, size_t *cap, size_t nr, size_t size);

/* line.c: what the library says about the line of a mapped route. */
struct line {
	const char *domain;
	unsigned long hwirq;
	const char *type;
	unsigned int shared;
};
void line_of(const struct route *rt, struct line *l);
void cells_str(int n, const uint32_t *cells, char *buf, size_t len);
const char *via_name(enum irqmap_of_via via);

/* routes_table.c */
struct routes_totals {
	size_t trees, routes, unmapped, errors, shared;
};
void routes_print_table(FILE *f, const struct routes *r, bool explain,
			struct routes_totals *tot);

/* routes_json.c */
json_object *routes_json(const struct routes *r, bool explain);
const char *json_line(json_object *o);

/* dot.c */
int routes_write_dot(const struct routes *r, const char *dot_file,
		     const char *svg_file);

#endif
