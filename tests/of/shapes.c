// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * shapes.c - hostile device-tree shapes of any size, built with libfdt's
 * sequential-write API: for the scaling test and the benchmark.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

#include "shapes.h"

#define INTC		1u	/* phandle of the root controller */
#define IRQ_LEVEL_HIGH	4u
#define IRQ_EDGE_RISING	1u

static int failed;

static void check(int ret)
{
	if (ret && !failed) {
		fprintf(stderr, "shapes: libfdt: %s\n", fdt_strerror(ret));
		failed = 1;
	}
}

static void prop_u32(void *fdt, const char *name, uint32_t v)
{
	check(fdt_property_u32(fdt, name, v));
}

static void prop_cells(void *fdt, const char *name, const uint32_t *v,
		       size_t n)
{
	fdt32_t *be = malloc((n ? n : 1) * sizeof(*be));

	if (!be) {
		check(-FDT_ERR_NOSPACE);
		return;
	}
	for (size_t i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(v[i]);
	check(fdt_property(fdt, name, be, (int)(n * sizeof(*be))));
	free(be);
}

static void begin(void *fdt, const char *fmt, unsigned int i)
{
	char name[64];

	snprintf(name, sizeof(name), fmt, i);
	check(fdt_begin_node(fdt, name));
}

/* A two-cell controller node (the generic driver), phandle @ph. */
static void controller(void *fdt, const char *fmt, unsigned int i, uint32_t ph)
{
	begin(fdt, fmt, i);
	check(fdt_property(fdt, "interrupt-controller", NULL, 0));
	prop_u32(fdt, "#interrupt-cells", 2);
	prop_u32(fdt, "phandle", ph);
}

/* One node with @n interrupts-extended entries, each its own line. */
void shape_ext_many(void *fdt, unsigned int n)
{
	uint32_t *v = calloc((size_t)n * 3, sizeof(*v));

	if (!v) {
		check(-FDT_ERR_NOSPACE);
		return;
	}
	for (unsigned int i = 0; i < n; i++) {
		v[3 * i] = INTC;
		v[3 * i + 1] = i;
		v[3 * i + 2] = IRQ_LEVEL_HIGH;
	}
	begin(fdt, "dev@%x", 0);
	prop_cells(fdt, "interrupts-extended", v, (size_t)n * 3);
	check(fdt_end_node(fdt));
	free(v);
}

/* @n cascaded controllers, each one's parent after it in the tree. */
void shape_chain_reversed(void *fdt, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		uint32_t v[3] = { i + 1 < n ? 100 + i + 1 : INTC, 0,
				  IRQ_LEVEL_HIGH };

		controller(fdt, "ctrl@%x", i, 100 + i);
		prop_cells(fdt, "interrupts-extended", v, 3);
		check(fdt_end_node(fdt));
	}
}

/* @n nodes, each naming the next as its interrupt parent. */
void shape_parent_chain(void *fdt, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		uint32_t v[2] = { i, IRQ_LEVEL_HIGH };

		begin(fdt, "node@%x", i);
		prop_u32(fdt, "phandle", 100 + i);
		prop_u32(fdt, "interrupt-parent", i + 1 < n ? 100 + i + 1 : INTC);
		prop_cells(fdt, "interrupts", v, 2);
		check(fdt_end_node(fdt));
	}
}

/* @n controllers with one device each. */
void shape_many_controllers(void *fdt, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		controller(fdt, "ctrl@%x", i, 100 + i);
		check(fdt_end_node(fdt));
	}
	for (unsigned int i = 0; i < n; i++) {
		uint32_t v[3] = { 100 + i, 1, IRQ_EDGE_RISING };

		begin(fdt, "dev@%x", i);
		prop_cells(fdt, "interrupts-extended", v, 3);
		check(fdt_end_node(fdt));
	}
}

/* Two nexus nodes whose interrupt-maps send each other back: @n devices. */
void shape_map_cycle(void *fdt, unsigned int n)
{
	static const uint32_t to_b[] = { 0, 201, 0 }, to_a[] = { 0, 200, 0 };

	begin(fdt, "nexus-b@%x", 1);
	prop_u32(fdt, "phandle", 201);
	prop_u32(fdt, "#interrupt-cells", 1);
	prop_u32(fdt, "#address-cells", 0);
	prop_cells(fdt, "interrupt-map", to_a, 3);
	check(fdt_end_node(fdt));
	begin(fdt, "nexus-a@%x", 0);
	prop_u32(fdt, "phandle", 200);
	prop_u32(fdt, "#interrupt-cells", 1);
	prop_u32(fdt, "#address-cells", 0);
	prop_cells(fdt, "interrupt-map", to_b, 3);
	for (unsigned int i = 0; i < n; i++) {
		begin(fdt, "dev@%x", i);
		prop_u32(fdt, "interrupts", 0);
		check(fdt_end_node(fdt));
	}
	check(fdt_end_node(fdt));
}

/* Two nodes naming each other as interrupt parent, and @n devices. */
void shape_parent_loop(void *fdt, unsigned int n)
{
	for (unsigned int i = 0; i < 2; i++) {
		begin(fdt, "loop@%x", i);
		prop_u32(fdt, "phandle", 300 + i);
		prop_u32(fdt, "interrupt-parent", 300 + (i ^ 1));
		check(fdt_end_node(fdt));
	}
	for (unsigned int i = 0; i < n; i++) {
		uint32_t v[2] = { i, IRQ_LEVEL_HIGH };

		begin(fdt, "dev@%x", i);
		prop_u32(fdt, "interrupt-parent", 300);
		prop_cells(fdt, "interrupts", v, 2);
		check(fdt_end_node(fdt));
	}
}

/* The tree around a shape: a root controller, then the shape. */
void *shape_build(shape_fn shape, unsigned int n)
{
	size_t size = 4096 + (size_t)n * 160;
	void *fdt = malloc(size);

	if (!fdt)
		return NULL;
	failed = 0;
	check(fdt_create(fdt, (int)size));
	check(fdt_finish_reservemap(fdt));
	check(fdt_begin_node(fdt, ""));
	prop_u32(fdt, "#address-cells", 1);
	prop_u32(fdt, "#size-cells", 1);
	prop_u32(fdt, "interrupt-parent", INTC);
	controller(fdt, "interrupt-controller@%x", 0, INTC);
	check(fdt_end_node(fdt));
	shape(fdt, n);
	check(fdt_end_node(fdt));
	check(fdt_finish(fdt));
	if (failed) {
		free(fdt);
		return NULL;
	}
	return fdt;
}

const struct shape shapes[] = {
	{ "interrupts-extended entries in one node", shape_ext_many },
	{ "cascaded controllers listed children first", shape_chain_reversed },
	{ "nodes naming the next as interrupt parent", shape_parent_chain },
	{ "controllers with one device each", shape_many_controllers },
	{ "devices behind an interrupt-map cycle", shape_map_cycle },
	{ "devices behind an interrupt-parent loop", shape_parent_loop },
	{ NULL, NULL },
};
