/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/of_irq.h - interrupts described by a flattened device tree.
 *
 * The device-tree front end follows the kernel's drivers/of/irq.c: a
 * device's interrupt specifier is found through interrupt-parent or
 * interrupts-extended, translated through every interrupt-map on the way,
 * and mapped in the domain of the interrupt controller it reaches. Every
 * controller node gets its domain from a driver chosen by its compatible
 * string (see docs/device-tree.md for the table).
 *
 * Where the kernel passes a struct device_node, these functions take a
 * loaded tree and the node's offset in the tree's blob (as libfdt numbers
 * nodes; the root is 0). Offsets come from irqmap_of_next_node(),
 * irqmap_of_find_node() or struct of_phandle_args.
 *
 * Error conventions, as in irqmap/irqdomain.h: functions returning int
 * return 0 (or a count, or an offset) or a negative errno; functions
 * returning a virq return 0 on failure; functions returning a pointer
 * return NULL and set errno. Every failure caused by the device tree prints
 * one line through the log handler.
 *
 * A loaded tree is read-only: the parse functions may run concurrently on
 * one tree. irqmap_of_irq_init() and irqmap_of_free() may not run
 * concurrently with anything else on the same tree.
 */
#ifndef IRQMAP_OF_IRQ_H
#define IRQMAP_OF_IRQ_H

#include <stddef.h>
#include <stdint.h>

#include <irqmap/irqdomain.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most cells an interrupt specifier can have (the kernel's value). */
#define MAX_PHANDLE_ARGS 16

/* Cells of a unit address passed to of_irq_parse_raw(). */
#define IRQMAP_OF_ADDR_CELLS 3

/* A loaded device tree: the blob, one fwnode per node, the domains. */
struct irqmap_of;

/**
 * struct of_phandle_args - an interrupt specifier and the node it is for
 * @tree:	the tree @np belongs to
 * @np:		offset of the node (a controller or nexus) in @tree's blob
 * @args_count:	how many of @args are used (0..MAX_PHANDLE_ARGS)
 * @args:	the specifier's cells, in host byte order
 */
struct of_phandle_args {
	struct irqmap_of *tree;
	int np;
	int args_count;
	uint32_t args[MAX_PHANDLE_ARGS];
};

/**
 * irqmap_of_load() - load a device tree from a file
 * @path:	a flattened tree (.dtb), or a source file ending in ".dts",
 *		compiled with dtc (the program named by $IRQMAP_DTC, else
 *		"dtc" from $PATH)
 *
 * The blob is checked completely (fdt_check_full()) and indexed; nothing
 * is mapped and no domain is created until irqmap_of_irq_init().
 *
 * Return: the tree, or NULL with errno set: EINVAL for a NULL path or a
 * blob that is truncated or corrupt, ENOENT and the like when the file
 * cannot be read, ENOEXEC when dtc fails (its error is logged), ENOMEM.
 * Context: may sleep; runs dtc as a child process for ".dts" files. Needs
 * no irqmap_init().
 */
struct irqmap_of *irqmap_of_load(const char *path);

/**
 * irqmap_of_load_blob() - load a device tree from memory
 * @blob:	a flattened device tree; copied, the caller keeps it
 * @size:	bytes available at @blob (the header's totalsize must fit)
 *
 * Return: as irqmap_of_load().
 * Context: as irqmap_of_load().
 */
struct irqmap_of *irqmap_of_load_blob(const void *blob, size_t size);

/**
 * irqmap_of_irq_init() - bring up every interrupt controller of a tree
 * @tree:	the tree
 *
 * Like the kernel's of_irq_init(): every available node with an
 * interrupt-controller property (or whose driver implies one) gets a
 * domain from the driver its compatible string selects, a fallback driver
 * by #interrupt-cells otherwise. Controllers come up after the controllers
 * their own interrupts go to; such a cascaded controller then maps each of
 * its own interrupts, taking one reference on each parent line, held until
 * irqmap_of_free(). A controller whose parent never comes up stays down
 * and its failure is logged; the others still come up.
 *
 * Return: 0 when every controller came up, else the error of the first one
 * that did not; -EINVAL for a NULL tree, -EALREADY on a second call,
 * -ENODEV before irqmap_init() (nothing is done: call again after it).
 * Context: may sleep; after irqmap_init(); not concurrently with other
 * calls on @tree.
 */
int irqmap_of_irq_init(struct irqmap_of *tree);

/**
 * irqmap_of_free() - tear a tree down and free it
 * @tree:	the tree, or NULL (nothing to do)
 *
 * Drops the references cascaded controllers hold on their parent lines
 * and removes every domain of the tree, children first, then frees it.
 * Refused while somebody else still holds a mapping in one of the tree's
 * domains (the message names the domain): dispose it and call again.
 *
 * Return: 0; -EBUSY, or -ENOMEM when the check runs out of memory, with
 * the tree left as it was.
 * Context: may sleep; waits for grace periods; before irqmap_exit(); not
 * concurrently with other calls on @tree.
 */
int irqmap_of_free(struct irqmap_of *tree);

/**
 * irqmap_of_blob() - the flattened tree, for reading with libfdt
 * @tree:	the tree
 *
 * Return: the blob (valid until irqmap_of_free()), NULL for a NULL tree.
 * Context: any.
 */
const void *irqmap_of_blob(const struct irqmap_of *tree);

/**
 * irqmap_of_next_node() - walk every node in depth-first order
 * @tree:	the tree
 * @node:	the previous node's offset, or a negative number to start
 *
 * Return: the offset of the next node (the root, 0, first), -ENOENT after
 * the last one, -EINVAL for a NULL tree or an offset that is not a node.
 * Context: any.
 */
int irqmap_of_next_node(const struct irqmap_of *tree, int node);

/**
 * irqmap_of_find_node() - the offset of a node given its full path
 * @tree:	the tree
 * @path:	e.g. "/soc/serial@10000000"; aliases are not followed
 *
 * Return: the offset, -ENOENT when there is no such node, -EINVAL for
 * NULL arguments.
 * Context: any.
 */
int irqmap_of_find_node(const struct irqmap_of *tree, const char *path);

/**
 * irqmap_of_parent_node() - the parent of a node
 * @tree:	the tree
 * @node:	the node's offset
 *
 * Unlike libfdt's fdt_parent_offset(), which walks the blob from the root,
 * this reads the index built at load: constant time.
 *
 * Return: the parent's offset, -ENOENT for the root, -EINVAL for a NULL
 * tree or an offset that is not a node.
 * Context: any.
 */
int irqmap_of_parent_node(const struct irqmap_of *tree, int node);

/**
 * irqmap_of_node_path() - the full path of a node, with unit addresses
 * @tree:	the tree
 * @node:	the node's offset
 *
 * Return: the path (valid until irqmap_of_free()), or NULL when @node is
 * not a node (errno EINVAL) or, the first time it is asked for, there is
 * no memory to make it (errno ENOMEM).
 * Context: any.
 */
const char *irqmap_of_node_path(const struct irqmap_of *tree, int node);

/**
 * irqmap_of_node_fwnode() - the firmware node handle of a node
 * @tree:	the tree
 * @node:	the node's offset
 *
 * Its kind is FWNODE_KIND_OF and its name the node's full path; domains of
 * the tree's controllers are found by it.
 *
 * Return: the handle (valid until irqmap_of_free()), or NULL when @node is
 * not a node (errno EINVAL) or there is no memory for its name (ENOMEM).
 * Context: any.
 */
struct fwnode_handle *irqmap_of_node_fwnode(struct irqmap_of *tree, int node);

/**
 * irqmap_of_node_domain() - the domain serving a controller node
 * @tree:	the tree
 * @node:	the controller's offset
 *
 * Usually the controller's own domain. On IBM pSeries trees the auxiliary
 * controller nodes (/vdevice, /event-sources) have none: the platform
 * controller's domain serves them, as in the kernel.
 *
 * Return: the domain, or NULL (errno ENOENT) when the node is not a
 * controller that came up, EINVAL when it is not a node.
 * Context: any, after irqmap_of_irq_init().
 */
struct irq_domain *irqmap_of_node_domain(const struct irqmap_of *tree,
					 int node);

/**
 * irqmap_of_parent_irq() - a cascaded controller's hold on a parent line
 * @tree:	the tree
 * @node:	the controller's offset
 * @index:	which of its own interrupts
 *
 * Return: the virq the controller mapped for its interrupt @index when it
 * came up (it holds one reference on it), or 0 when it holds none.
 * Context: any, after irqmap_of_irq_init().
 */
unsigned int irqmap_of_parent_irq(const struct irqmap_of *tree, int node,
				  int index);

/**
 * irqmap_of_irq_entries() - how many interrupt specifiers a node lists
 * @tree:	the tree
 * @node:	the node's offset
 *
 * Counts the entries of interrupts-extended when the node has it, else of
 * interrupts. Unlike of_irq_count() it counts entries that do not resolve:
 * an entry whose size cannot be told (unknown parent, bad #interrupt-cells,
 * dangling phandle) counts as one and ends the list, and a truncated last
 * entry counts as one, so that asking of_irq_parse_one() for each index
 * reports every problem.
 *
 * Return: the count (0 when the node has no interrupts), -EINVAL when
 * @node is not a node.
 * Context: any.
 */
int irqmap_of_irq_entries(struct irqmap_of *tree, int node);

/**
 * of_irq_find_parent() - the interrupt parent of a node
 * @tree:	the tree
 * @node:	the node's offset
 *
 * Follows interrupt-parent, or the tree parent when there is none, until a
 * node with #interrupt-cells, as the kernel's (which takes a device_node).
 * The walk is bounded: a chain that loops is reported.
 *
 * Return: the parent's offset; -ENOENT when there is none (silently, as
 * for the root), -ENODEV for an interrupt-parent phandle that points to
 * no node, -ELOOP, -EINVAL when @node is not a node.
 * Context: any.
 */
int of_irq_find_parent(struct irqmap_of *tree, int node);

/**
 * of_irq_parse_one() - resolve one interrupt of a node
 * @tree:	the tree
 * @node:	the device's offset (the kernel takes a device_node)
 * @index:	which interrupt, from 0
 * @out_irq:	the resolved specifier and the controller it is for
 *
 * Takes entry @index of interrupts-extended, or of interrupts with the
 * interrupt parent's #interrupt-cells, then hands it to
 * of_irq_parse_raw() with the unit address made of the first cells of the
 * node's reg (zeros when it has none).
 *
 * Return: 0; -ENOENT when the node has no interrupt @index (logged at
 * debug level only); else, logged: -EINVAL for malformed properties,
 * -ENODEV for a phandle to no node, -EOVERFLOW for more than
 * MAX_PHANDLE_ARGS cells, -ELOOP, -ENXIO when no interrupt-map entry
 * matches.
 * Context: any.
 */
int of_irq_parse_one(struct irqmap_of *tree, int node, int index,
		     struct of_phandle_args *out_irq);

/**
 * enum irqmap_of_via - how an interrupt walk reached a node
 * @IRQMAP_OF_VIA_INTERRUPTS:		the device's interrupts property (the
 *					first hop only)
 * @IRQMAP_OF_VIA_INTERRUPTS_EXTENDED:	the device's interrupts-extended:
 *					the first hop, and the node its
 *					entry's phandle names
 * @IRQMAP_OF_VIA_INTERRUPT_PARENT:	interrupt-parent, or the tree parent
 *					when there is none, up to the first
 *					node with #interrupt-cells
 * @IRQMAP_OF_VIA_INTERRUPT_MAP:	an entry of the previous node's
 *					interrupt-map
 */
enum irqmap_of_via {
	IRQMAP_OF_VIA_INTERRUPTS,
	IRQMAP_OF_VIA_INTERRUPTS_EXTENDED,
	IRQMAP_OF_VIA_INTERRUPT_PARENT,
	IRQMAP_OF_VIA_INTERRUPT_MAP,
};

/**
 * struct irqmap_of_hop - one node of an interrupt's walk to its controller
 * @node:	the node's offset
 * @via:	how the walk got there (the first hop: which property of
 *		the device lists the interrupt)
 * @entry:	the interrupt's index in interrupts or interrupts-extended,
 *		the interrupt-map entry (from 0), or -1 for interrupt-parent
 * @args_count:	cells of @args
 * @args:	the specifier as this node sees it
 */
struct irqmap_of_hop {
	int node;
	enum irqmap_of_via via;
	int entry;
	int args_count;
	uint32_t args[MAX_PHANDLE_ARGS];
};

/**
 * irqmap_of_irq_explain() - the walk of_irq_parse_one() takes, hop by hop
 * @tree:	the tree
 * @node:	the device's offset
 * @index:	which interrupt, from 0
 * @hops:	where to write the hops; may be NULL when @max_hops is 0
 * @max_hops:	room at @hops
 *
 * Resolves interrupt @index of @node exactly as of_irq_parse_one() and
 * records the nodes it passes, as the kernel's of_irq_parse_raw() walks
 * them: first the device itself (via the property that lists the
 * interrupt, the cells as written there), then every node the specifier
 * moves to through interrupts-extended, interrupt-parent and each
 * interrupt-map entry, with the specifier as that node sees it. The last
 * hop is the controller of_irq_parse_one() returns. A walk takes at most
 * one hop per node of the tree, plus one.
 *
 * Return: how many hops the walk took (at least 2; only the first
 * @max_hops are written: call again with more room when it is larger), or
 * the negative errno of of_irq_parse_one(), logged as it logs it.
 * Context: any; reads the tree only.
 */
int irqmap_of_irq_explain(struct irqmap_of *tree, int node, int index,
			  struct irqmap_of_hop *hops, int max_hops);

/**
 * of_irq_parse_raw() - translate a specifier up to its controller
 * @addr:	the device's unit address, IRQMAP_OF_ADDR_CELLS cells in host
 *		byte order, zero-padded; NULL when it has none
 * @out_irq:	in: the specifier and the node it is for; out: the
 *		specifier as the controller sees it and the controller
 *
 * From out_irq->np, finds the node whose #interrupt-cells describes the
 * specifier, then walks towards a controller: an interrupt-map (matched
 * under interrupt-map-mask, all ones by default) replaces the specifier
 * and the unit address with those of the matching entry; a node without
 * one hands over to its interrupt parent. It stops at the first
 * interrupt-controller without an interrupt-map, or at a map entry that
 * points back at its own node. The initial unit address has the
 * #address-cells of the first node up from the specifier's node that has
 * one (2 when none has); addresses in map entries have the entry parent's
 * own #address-cells (0 when absent). Walks are bounded by the number of
 * nodes, so loops are reported, not followed.
 *
 * Return: 0, or a negative errno as of_irq_parse_one() (logged).
 * Context: any.
 */
int of_irq_parse_raw(const uint32_t *addr, struct of_phandle_args *out_irq);

/**
 * of_irq_parse_pci() - resolve the INTx of a PCI device without a node
 * @tree:	the tree
 * @bridge:	offset of the node of the bus the device is on: its host
 *		bridge, or a PCI-to-PCI bridge (the kernel takes a pci_dev)
 * @devfn:	the device's device and function number ((slot << 3) | fn)
 * @pin:	its interrupt pin, 1 (INTA) to 4 (INTD)
 * @out_irq:	the resolved specifier and controller
 *
 * While the bus node has no interrupt-map and is itself a PCI-to-PCI
 * bridge, swizzles the pin ((pin - 1 + slot) % 4 + 1) and continues with
 * the bridge as the device, one bus up. Then resolves the pin with
 * of_irq_parse_raw() at that node, with the unit address
 * (bus << 16 | devfn << 8, 0, 0), where bus is the first cell of the bus
 * node's bus-range (0 when it has none).
 *
 * Return: 0; -ENODEV for pin 0 (no interrupt; not logged); else a
 * negative errno as of_irq_parse_one() (logged).
 * Context: any.
 */
int of_irq_parse_pci(struct irqmap_of *tree, int bridge, unsigned int devfn,
		     unsigned int pin, struct of_phandle_args *out_irq);

/**
 * of_irq_count() - how many interrupts of a node resolve, in a row
 * @tree:	the tree
 * @node:	the device's offset
 *
 * As the kernel's: counts indexes from 0 while of_irq_parse_one()
 * succeeds (the failure that ends the count is logged when it is one).
 *
 * Return: the count, -EINVAL when @node is not a node.
 * Context: any.
 */
int of_irq_count(struct irqmap_of *tree, int node);

/**
 * irq_create_of_mapping() - map a resolved specifier
 * @irq_data:	the specifier and its controller, e.g. from
 *		of_irq_parse_one()
 *
 * Turns the specifier into a struct irq_fwspec on the controller node's
 * fwnode and calls irq_create_fwspec_mapping(): the first user maps the
 * line, every further one takes one more reference on the same virq.
 *
 * Return: the virq, or 0 (NULL argument, bad node or cell count, or as
 * irq_create_fwspec_mapping()).
 * Context: may sleep.
 */
unsigned int irq_create_of_mapping(struct of_phandle_args *irq_data);

/**
 * irq_of_parse_and_map() - resolve and map one interrupt of a node
 * @tree:	the tree
 * @node:	the device's offset (the kernel takes a device_node)
 * @index:	which interrupt
 *
 * of_irq_parse_one() then irq_create_of_mapping(). Drop the reference with
 * irq_dispose_mapping().
 *
 * Return: the virq, or 0.
 * Context: may sleep.
 */
unsigned int irq_of_parse_and_map(struct irqmap_of *tree, int node, int index);

/**
 * of_irq_parse_and_map_pci() - resolve and map a node-less PCI device's INTx
 * @tree:	the tree
 * @bridge:	as of_irq_parse_pci()
 * @devfn:	as of_irq_parse_pci()
 * @pin:	as of_irq_parse_pci()
 *
 * Return: the virq, or 0 (also for pin 0).
 * Context: may sleep.
 */
unsigned int of_irq_parse_and_map_pci(struct irqmap_of *tree, int bridge,
				      unsigned int devfn, unsigned int pin);

/* The kernel's "try again once the supplier is there" (not in libc). */
#ifndef EPROBE_DEFER
#define EPROBE_DEFER 517
#endif

/**
 * of_irq_get() - resolve and map one interrupt of a node, or defer
 * @tree:	the tree
 * @node:	the device's offset (the kernel takes a device_node)
 * @index:	which interrupt, from 0
 *
 * of_irq_parse_one(), then, when the controller the interrupt resolves to
 * has a domain, irq_create_of_mapping(). A driver whose interrupt
 * controller has not come up yet (irqmap_of_irq_init() not run, or its
 * driver not probed) gets -EPROBE_DEFER and tries again later, as in the
 * kernel. Drop the reference with irq_dispose_mapping().
 *
 * Return: the virq (> 0); -EPROBE_DEFER when the controller has no domain
 * yet (not logged); the error of of_irq_parse_one() (-ENOENT when the
 * node has no interrupt @index, -EINVAL when @node is not a node); -EINVAL
 * when the mapping fails (logged by the core).
 * Context: may sleep.
 */
int of_irq_get(struct irqmap_of *tree, int node, int index);

/**
 * struct of_imap_parser - an iterator over one node's interrupt-map
 * @tree:		the tree
 * @node:		the nexus's offset
 * @imap:		the next entry's first cell (big-endian, in the blob)
 * @imap_end:		past the map's last cell
 * @parent_offset:	cells of the child side of an entry: the child unit
 *			address (#address-cells of the nexus, or of its nearest
 *			ancestor with one, 2 by default), then the child
 *			specifier (#interrupt-cells of the nexus)
 * @child_addr_cells:	of which the unit address
 * @entry:		index of the next entry
 * @err:		0, or the negative errno that ended the walk early (a
 *			malformed entry, logged)
 *
 * Set up by of_imap_parser_init(); the fields are read-only to callers.
 */
struct of_imap_parser {
	struct irqmap_of *tree;
	int node;
	const uint32_t *imap;
	const uint32_t *imap_end;
	uint32_t parent_offset;
	uint32_t child_addr_cells;
	int entry;
	int err;
};

/**
 * struct of_imap_item - one entry of an interrupt-map
 * @parent_args:	the parent: its offset (np), and the parent specifier
 *			(#interrupt-cells of the parent), ready for
 *			irq_create_of_mapping()
 * @parent_addr_count:	cells of the parent unit address (#address-cells of
 *			the parent, 0 when it has none)
 * @parent_addr:	the parent unit address
 * @child_imap_count:	cells of @child_imap (the parser's @parent_offset)
 * @child_imap:		the child unit address, then the child specifier, in
 *			host byte order
 *
 * Unlike the kernel's, @parent_args holds no parent unit address (it is
 * in @parent_addr) and holds no node reference to put.
 */
struct of_imap_item {
	struct of_phandle_args parent_args;
	uint32_t parent_addr_count;
	uint32_t parent_addr[MAX_PHANDLE_ARGS];
	uint32_t child_imap_count;
	uint32_t child_imap[IRQMAP_OF_ADDR_CELLS + MAX_PHANDLE_ARGS];
};

/**
 * of_imap_parser_init() - start iterating over a node's interrupt-map
 * @parser:	the iterator to set up
 * @tree:	the tree
 * @node:	the nexus's offset
 * @item:	cleared; its child_imap_count set
 *
 * Return: 0; -ENOENT when the node has no interrupt-map (not logged);
 * -EINVAL when @node is not a node, has no #interrupt-cells, or the child
 * side of an entry would not fit in @item (logged).
 * Context: any; reads the tree only.
 */
int of_imap_parser_init(struct of_imap_parser *parser, struct irqmap_of *tree,
			int node, struct of_imap_item *item);

/**
 * of_imap_parser_one() - the next entry of an interrupt-map
 * @parser:	set up by of_imap_parser_init()
 * @item:	filled in with the entry
 *
 * Entries come in the order of the property. An entry whose parent
 * phandle points to no node (-ENODEV), whose parent has no
 * #interrupt-cells (-EINVAL), needs more cells than an item holds
 * (-EOVERFLOW) or is cut short (-EINVAL) ends the walk: parser->err
 * tells which, and it is logged once.
 *
 * Return: @item, or NULL after the last entry or on an error.
 * Context: any; reads the tree only.
 */
struct of_imap_item *of_imap_parser_one(struct of_imap_parser *parser,
					struct of_imap_item *item);

/* Loop over the entries of an interrupt-map (nothing to release early). */
#define for_each_of_imap_item(parser, item) \
	for (; of_imap_parser_one(parser, item);)

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_OF_IRQ_H */
