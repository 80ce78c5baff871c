/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/types.h - basic types shared by every libirqmap header.
 *
 * The names, values and meaning follow the Linux kernel (include/linux/irq.h,
 * include/linux/fwnode.h, include/linux/types.h) so that code written against
 * the kernel's interrupt-domain API reads the same here.
 */
#ifndef IRQMAP_TYPES_H
#define IRQMAP_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** typedef irq_hw_number_t - a controller's own number for one of its lines */
typedef unsigned long irq_hw_number_t;

/*
 * Trigger types, as the kernel's enum in include/linux/irq.h. They are
 * stored per interrupt and reported by irq_get_trigger_type().
 */
#define IRQ_TYPE_NONE		0x00000000u
#define IRQ_TYPE_EDGE_RISING	0x00000001u
#define IRQ_TYPE_EDGE_FALLING	0x00000002u
#define IRQ_TYPE_EDGE_BOTH	(IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING)
#define IRQ_TYPE_LEVEL_HIGH	0x00000004u
#define IRQ_TYPE_LEVEL_LOW	0x00000008u
#define IRQ_TYPE_LEVEL_MASK	(IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH)
#define IRQ_TYPE_SENSE_MASK	0x0000000fu
#define IRQ_TYPE_DEFAULT	IRQ_TYPE_SENSE_MASK

/**
 * enum fwnode_kind - what a firmware node handle stands for
 * @FWNODE_KIND_NAMED:	allocated by irq_domain_alloc_named_fwnode()
 * @FWNODE_KIND_OF:	a device-tree node (set up by the of_irq front end)
 * @FWNODE_KIND_USER:	embedded and initialised by the application itself
 */
enum fwnode_kind {
	FWNODE_KIND_NAMED = 1,
	FWNODE_KIND_OF = 2,
	FWNODE_KIND_USER = 3,
};

/**
 * struct fwnode_handle - identifies the firmware description of a controller
 * @kind:	one of enum fwnode_kind
 * @name:	human-readable name, used as the default domain name
 * @data:	owner's private pointer (the of_irq layer keeps its node here)
 *
 * Domains are found by their fwnode (irq_find_matching_fwnode()). A handle
 * either comes from irq_domain_alloc_named_fwnode() or is embedded in the
 * application's own structure and filled in with fwnode_init(); it must
 * outlive every domain created on it.
 */
struct fwnode_handle {
	int kind;
	const char *name;
	void *data;
};

/**
 * fwnode_init() - initialise an application-owned firmware node handle
 * @fwnode:	the handle to fill in
 * @kind:	FWNODE_KIND_USER or FWNODE_KIND_OF
 * @name:	name, not copied: it must live as long as the handle
 * @data:	owner's private pointer
 *
 * Context: any; takes no lock.
 */
static inline void fwnode_init(struct fwnode_handle *fwnode, int kind,
			       const char *name, void *data)
{
	fwnode->kind = kind;
	fwnode->name = name;
	fwnode->data = data;
}

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_TYPES_H */
