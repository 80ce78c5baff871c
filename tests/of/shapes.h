/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* shapes.h - hostile device-tree shapes of any size (shapes.c). */
#ifndef IRQMAP_SHAPES_H
#define IRQMAP_SHAPES_H

/* Add a shape of size @n to @fdt, inside its root node. */
typedef void (*shape_fn)(void *fdt, unsigned int n);

/* A blob: a root controller (phandle 1, two cells), then @shape; NULL on failure. */
void *shape_build(shape_fn shape, unsigned int n);

void shape_ext_many(void *fdt, unsigned int n);
void shape_chain_reversed(void *fdt, unsigned int n);
void shape_parent_chain(void *fdt, unsigned int n);
void shape_many_controllers(void *fdt, unsigned int n);
void shape_map_cycle(void *fdt, unsigned int n);
void shape_parent_loop(void *fdt, unsigned int n);

struct shape {
	const char *name;
	shape_fn fn;
};

/* Every shape, NULL-terminated. */
extern const struct shape shapes[];

#endif
