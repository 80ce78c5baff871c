/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* oftest.h - helpers shared by the device-tree tests. */
#ifndef IRQMAP_OFTEST_H
#define IRQMAP_OFTEST_H

#include "testutil.h"

#include "of/of_paths.h"

/* Load tests/of/fixtures/@name (a .dts, compiled by dtc); asserts success. */
struct irqmap_of *ot_load(const char *name);
/* Load a fixture and bring its controllers up; asserts both succeed. */
struct irqmap_of *ot_load_up(const char *name);
/* The offset of @path; asserts it exists. */
int ot_node(struct irqmap_of *t, const char *path);
/* Resolve interrupt @index of @node; assert controller @ctrl and @cells. */
void ot_expect(struct irqmap_of *t, const char *node, int index,
	       const char *ctrl, int n, const uint32_t *cells);
#define OT_EXPECT(t, node, index, ctrl, ...)				\
	ot_expect(t, node, index, ctrl,					\
		  (int)(sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)), \
		  (uint32_t[]){ __VA_ARGS__ })
/* Resolve interrupt @index of @node; assert it fails with @err. */
void ot_expect_err(struct irqmap_of *t, const char *node, int index, int err);
/* irq_of_parse_and_map() on a path; asserts a virq. */
unsigned int ot_map(struct irqmap_of *t, const char *node, int index);
/* hwirq of a mapped virq. */
unsigned long ot_hwirq(unsigned int virq);
/* Does $OF_SHARED_DT/@name exist? Prints why not when it does not. */
int ot_have_shared(const char *name);

#endif
