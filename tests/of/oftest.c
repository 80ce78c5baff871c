// SPDX-License-Identifier: LGPL-2.1-or-later
/* oftest.c - helpers shared by the device-tree tests. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "oftest.h"

struct irqmap_of *ot_load(const char *name)
{
	char path[512];
	struct irqmap_of *t;

	snprintf(path, sizeof(path), "%s/%s", OF_FIXTURES, name);
	t = irqmap_of_load(path);
	if (!t)
		fail_msg("cannot load %s", path);
	return t;
}

struct irqmap_of *ot_load_up(const char *name)
{
	struct irqmap_of *t = ot_load(name);

	assert_int_equal(irqmap_of_irq_init(t), 0);
	return t;
}

int ot_node(struct irqmap_of *t, const char *path)
{
	int off = irqmap_of_find_node(t, path);

	if (off < 0)
		fail_msg("no node %s", path);
	return off;
}

void ot_expect(struct irqmap_of *t, const char *node, int index,
	       const char *ctrl, int n, const uint32_t *cells)
{
	struct of_phandle_args a;
	int ret = of_irq_parse_one(t, ot_node(t, node), index, &a);

	if (ret)
		fail_msg("%s interrupt %d: %d (%s)", node, index, ret, tu_log_last());
	assert_string_equal(irqmap_of_node_path(t, a.np), ctrl);
	assert_ptr_equal(a.tree, t);
	assert_int_equal(a.args_count, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(a.args[i], cells[i]);
}

void ot_expect_err(struct irqmap_of *t, const char *node, int index, int err)
{
	struct of_phandle_args a;

	assert_int_equal(of_irq_parse_one(t, ot_node(t, node), index, &a), err);
}

unsigned int ot_map(struct irqmap_of *t, const char *node, int index)
{
	unsigned int virq = irq_of_parse_and_map(t, ot_node(t, node), index);

	if (!virq)
		fail_msg("%s interrupt %d does not map (%s)", node, index,
			 tu_log_last());
	return virq;
}

unsigned long ot_hwirq(unsigned int virq)
{
	struct irq_data *d = irq_get_irq_data(virq);

	assert_non_null(d);
	return d->hwirq;
}

int ot_have_shared(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", OF_SHARED_DT, name);
	if (access(path, R_OK) == 0)
		return 1;
	print_message("skipping: %s is absent\n", path);
	return 0;
}
