// SPDX-License-Identifier: LGPL-2.1-or-later
/* tree.c - reading a loaded tree's nodes, and freeing the tree. */
#include <errno.h>

#include <libfdt.h>

#include "alloc.h"
#include "log.h"
#include "of.h"

const void *irqmap_of_blob(const struct irqmap_of *tree)
{
	return tree ? tree->blob : NULL;
}

int irqmap_of_next_node(const struct irqmap_of *tree, int node)
{
	int idx;

	if (!tree)
		return -EINVAL;
	if (node < 0)
		return tree->nodes[0].offset;
	idx = irqm_of_offset_to_idx(tree, node);
	if (idx < 0)
		return -EINVAL;
	return idx + 1 < tree->nr_nodes ? tree->nodes[idx + 1].offset : -ENOENT;
}

int irqmap_of_find_node(const struct irqmap_of *tree, const char *path)
{
	int off;

	if (!tree || !path)
		return -EINVAL;
	/* Only full paths: an alias would resolve through /aliases. */
	if (path[0] != '/')
		return -ENOENT;
	off = fdt_path_offset(tree->blob, path);
	return off < 0 ? -ENOENT : off;
}

int irqmap_of_parent_node(const struct irqmap_of *tree, int node)
{
	int idx = tree ? irqm_of_offset_to_idx(tree, node) : -1;

	if (idx < 0)
		return -EINVAL;
	if (tree->nodes[idx].parent < 0)
		return -ENOENT;
	return tree->nodes[tree->nodes[idx].parent].offset;
}

static int lookup(const struct irqmap_of *tree, int node)
{
	int idx = tree ? irqm_of_offset_to_idx(tree, node) : -1;

	if (idx < 0)
		errno = EINVAL;
	return idx;
}

const char *irqmap_of_node_path(const struct irqmap_of *tree, int node)
{
	int idx = lookup(tree, node);
	const char *path;

	if (idx < 0)
		return NULL;
	path = irqm_of_path_try(tree, idx);
	if (!path)
		errno = ENOMEM;
	return path;
}

/*
 * Nodes a domain may be made for were named at load (nodes.c); any other
 * is named here, once: racing callers store the same path, atomically, and
 * a caller reads the name only after its own call has seen it set.
 */
typedef _Atomic(const char *) atomic_name_t;

struct fwnode_handle *irqmap_of_node_fwnode(struct irqmap_of *tree, int node)
{
	int idx = lookup(tree, node);
	struct fwnode_handle *fw;
	atomic_name_t *name;

	if (idx < 0)
		return NULL;
	fw = &tree->nodes[idx].fwnode;
	name = (atomic_name_t *)&fw->name;
	if (!atomic_load_explicit(name, memory_order_acquire)) {
		const char *path = irqm_of_path_try(tree, idx);

		if (!path) {
			errno = ENOMEM;
			return NULL;
		}
		atomic_store_explicit(name, path, memory_order_release);
	}
	return fw;
}

struct irq_domain *irqmap_of_node_domain(const struct irqmap_of *tree,
					 int node)
{
	int idx = lookup(tree, node);
	const struct irqm_of_node *n;

	if (idx < 0)
		return NULL;
	n = &tree->nodes[idx];
	if (n->state != IRQM_OF_UP && n->state != IRQM_OF_SERVED) {
		errno = ENOENT;
		return NULL;
	}
	return n->domain;
}

unsigned int irqmap_of_parent_irq(const struct irqmap_of *tree, int node,
				  int index)
{
	int idx = tree ? irqm_of_offset_to_idx(tree, node) : -1;

	if (idx < 0 || index < 0 || index >= tree->nodes[idx].nr_chain)
		return 0;
	return tree->nodes[idx].chain[index];
}

int irqmap_of_free(struct irqmap_of *tree)
{
	int ret;

	if (!tree)
		return 0;
	if (tree->irq_init_done) {
		ret = irqm_of_irq_exit(tree);
		if (ret)
			return ret;
	}
	for (int i = 0; i < tree->nr_nodes; i++) {
		irqm_free(atomic_load(&tree->nodes[i].path));
		irqm_free(tree->nodes[i].chain);
		irqm_free(tree->nodes[i].extra);
		irqm_free(tree->nodes[i].held);
		irqm_free(tree->nodes[i].ext_pos);
	}
	irqm_free(tree->nodes);
	irqm_free(tree->buckets);
	irqm_free(tree->phandles);
	irqm_free(tree->by_phandle);
	irqm_free(tree->parents);
	irqm_free(tree->up_order);
	irqm_free(tree->blob);
	irqm_free(tree);
	return 0;
}
