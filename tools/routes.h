/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* routes.h - what 'irqmap routes' found, shared by its two files. */
#ifndef IRQMAP_TOOL_ROUTES_H
#define IRQMAP_TOOL_ROUTES_H

#include <stdbool.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

/* One (node, index): resolved (a route) or not (only an error). */
struct route {
	const char *node;		/* full path */
	int index;
	bool resolved;
	struct of_phandle_args args;	/* valid when resolved */
	unsigned int virq;		/* 0 when it could not be mapped */
	bool own_ref;			/* this route took the reference */
	/* unresolved: why it does not resolve; resolved: why it is not mapped */
	char error[512];
};

struct routes {
	struct irqmap_of *tree;
	struct route *v;
	size_t nr, cap;
};

/* routes_out.c */
void routes_print_table(FILE *f, const struct routes *r);
int routes_print_json(FILE *f, const struct routes *r);

#endif
