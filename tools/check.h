/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * check.h - what Linux would complain about at boot, found in one tree's
 * routes ('irqmap check').
 */
#ifndef IRQMAP_TOOL_CHECK_H
#define IRQMAP_TOOL_CHECK_H

#include "routes.h"

enum finding_kind {
	FIND_UNRESOLVED_PARENT,	/* interrupt-parent missing, not a controller */
	FIND_UNRESOLVED_MAP,	/* no interrupt-map entry matches, or a bad map */
	FIND_UNRESOLVED_CELLS,	/* a specifier with the wrong number of cells */
	FIND_MAP_NO_CELLS,	/* a map entry names a node without #interrupt-cells */
	FIND_REFUSED,		/* the controller's driver refuses the specifier */
	FIND_TYPE_MISMATCH,	/* users of one line ask for different types */
	FIND_DISABLED,		/* the controller is disabled */
	FIND_CONTROLLER_DOWN,	/* the controller's driver did not come up */
	NR_FIND_KINDS,
};

struct finding {
	const char *node;	/* full path */
	int index;		/* the interrupt, or -1: about the node */
	enum finding_kind kind;
	char msg[640];
};

struct findings {
	struct finding *v;
	size_t nr, cap;
};

const char *finding_kind_name(enum finding_kind kind);
/*
 * Every finding of @r's tree: controllers that stay down, broken maps, then
 * each interrupt in tree order; -1 when out of memory.
 */
int check_tree(const struct routes *r, struct findings *out);
/* check_maps.c: interrupt-map entries that name a node without cells. */
int check_maps(const struct routes *r, struct findings *out);
struct finding *finding_add(struct findings *fs, const char *node, int index,
			    enum finding_kind kind);

#endif
