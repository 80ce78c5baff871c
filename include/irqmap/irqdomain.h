/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/irqdomain.h - interrupt domains and reference-counted mappings.
 *
 * An interrupt domain translates a controller's line numbers (hwirq) into
 * virqs. Names, types and semantics follow the Linux kernel's
 * include/linux/irqdomain.h, with these deliberate differences (see
 * docs/kernel-developers.md):
 *
 *  - A mapping is reference counted. irq_create_mapping() and
 *    irq_create_fwspec_mapping() on an existing mapping return the same virq
 *    and take one more reference; irq_dispose_mapping() drops one, and only
 *    the last one unmaps. A domain can opt back into the kernel's behaviour
 *    with irq_domain_set_refcounting(domain, false).
 *  - irq_domain_remove() and irq_dispose_mapping() report misuse with a
 *    negative errno instead of a kernel warning, and change nothing.
 *  - ->match and ->xlate take a struct fwnode_handle, not a device_node.
 *
 * Error conventions, one per kind of call:
 *  - functions returning a virq return 0 on failure;
 *  - functions returning int return 0 or a negative errno;
 *  - functions returning a pointer return NULL on failure and set errno.
 * Every failure caused by the caller also prints one line naming the
 * problem through the log handler (irqmap/irqmap.h).
 *
 * Locking: lookups take no lock (RCU). Creating, disposing and every other
 * change to a domain's mappings serialise on the mutex of the domain's root
 * (the outermost parent), so unrelated controllers never contend. Domain
 * callbacks (->map, ->unmap, ->alloc, ->free, ->activate, ->deactivate) run
 * with that mutex held: they may sleep and may call irq_set_chip() and the
 * like, but must not create or dispose mappings in the same hierarchy.
 */
#ifndef IRQMAP_IRQDOMAIN_H
#define IRQMAP_IRQDOMAIN_H

#include <irqmap/irq.h>
#include <irqmap/irqdesc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most parameters a firmware interrupt specifier can carry. */
#define IRQ_DOMAIN_IRQ_SPEC_PARAMS 16

/**
 * struct irq_fwspec - a generic interrupt specifier
 * @fwnode:		the controller's firmware node
 * @param_count:	how many of @param are used (0..16)
 * @param:		the specifier's cells
 */
struct irq_fwspec {
	struct fwnode_handle *fwnode;
	int param_count;
	uint32_t param[IRQ_DOMAIN_IRQ_SPEC_PARAMS];
};

/**
 * enum irq_domain_bus_token - what a domain serves
 * @DOMAIN_BUS_ANY:		anything: the token of a new domain; in a lookup,
 *				any domain of the fwnode matches
 * @DOMAIN_BUS_WIRED:		wired lines
 * @DOMAIN_BUS_GENERIC_MSI:	generic MSI
 * @DOMAIN_BUS_PCI_MSI:		PCI MSI and MSI-X
 * @DOMAIN_BUS_PLATFORM_MSI:	platform MSI
 * @DOMAIN_BUS_NEXUS:		a nexus of MSI domains
 * @DOMAIN_BUS_IPI:		inter-processor interrupts
 * @DOMAIN_BUS_FSL_MC_MSI:	Freescale fsl-mc MSI
 * @DOMAIN_BUS_TI_SCI_INTA_MSI:	TI SCI interrupt aggregator MSI
 * @DOMAIN_BUS_WAKEUP:		wake-up sources
 * @DOMAIN_BUS_VMD_MSI:		Intel VMD MSI
 *
 * Tells apart the domains that share one fwnode (irq_find_matching_fwnode(),
 * irq_domain_update_bus_token()). Values as the kernel's.
 */
enum irq_domain_bus_token {
	DOMAIN_BUS_ANY = 0,
	DOMAIN_BUS_WIRED,
	DOMAIN_BUS_GENERIC_MSI,
	DOMAIN_BUS_PCI_MSI,
	DOMAIN_BUS_PLATFORM_MSI,
	DOMAIN_BUS_NEXUS,
	DOMAIN_BUS_IPI,
	DOMAIN_BUS_FSL_MC_MSI,
	DOMAIN_BUS_TI_SCI_INTA_MSI,
	DOMAIN_BUS_WAKEUP,
	DOMAIN_BUS_VMD_MSI,
};

struct irq_domain;

/**
 * struct irq_domain_ops - what a controller driver provides to its domain
 * @match:	does this domain serve @node and @bus_token? (default: same
 *		fwnode, and the same token unless DOMAIN_BUS_ANY)
 * @select:	like @match, given the whole specifier; preferred when set
 * @map:	set up a new mapping of @hw at @virq (set the chip, the flow
 *		handler); a non-zero return fails the create
 * @unmap:	undo @map when the last reference goes
 * @xlate:	turn specifier cells into hwirq and trigger type
 * @alloc:	hierarchical domains: allocate @nr_irqs levels from @virq
 * @free:	hierarchical domains: free what @alloc set up
 * @activate:	hierarchical domains: program the hardware for one level
 * @deactivate:	hierarchical domains: undo @activate
 * @translate:	like @xlate, given the whole fwspec; preferred when set
 *
 * All callbacks run with the root domain's mutex held.
 */
struct irq_domain_ops {
	int (*match)(struct irq_domain *d, struct fwnode_handle *node,
		     enum irq_domain_bus_token bus_token);
	int (*select)(struct irq_domain *d, struct irq_fwspec *fwspec,
		      enum irq_domain_bus_token bus_token);
	int (*map)(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw);
	void (*unmap)(struct irq_domain *d, unsigned int virq);
	int (*xlate)(struct irq_domain *d, struct fwnode_handle *node,
		     const uint32_t *intspec, unsigned int intsize,
		     unsigned long *out_hwirq, unsigned int *out_type);
	int (*alloc)(struct irq_domain *d, unsigned int virq,
		     unsigned int nr_irqs, void *arg);
	void (*free)(struct irq_domain *d, unsigned int virq,
		     unsigned int nr_irqs);
	int (*activate)(struct irq_domain *d, struct irq_data *irqd,
			bool reserve);
	void (*deactivate)(struct irq_domain *d, struct irq_data *irq_data);
	int (*translate)(struct irq_domain *d, struct irq_fwspec *fwspec,
			 unsigned long *out_hwirq, unsigned int *out_type);
};

/* Domain flags; the values below 1 << 16 are the kernel's. */
#define IRQ_DOMAIN_FLAG_HIERARCHY	(1u << 0)
#define IRQ_DOMAIN_NAME_ALLOCATED	(1u << 1)
#define IRQ_DOMAIN_FLAG_MSI		(1u << 4)
#define IRQ_DOMAIN_FLAG_NO_MAP		(1u << 6)
#define IRQ_DOMAIN_FLAG_NONCORE		(1u << 16)
/*
 * irqmap's own: the domain keeps the kernel's unreferenced semantics (create
 * is idempotent and does not count, one dispose tears the mapping down).
 */
#define IRQ_DOMAIN_FLAG_NO_REFCOUNT	(1u << 24)

struct irq_domain_private;

/**
 * struct irq_domain - an interrupt domain
 * @name:	the domain's name (from its fwnode, or "unknown-N")
 * @ops:	the controller driver's callbacks
 * @host_data:	the controller driver's private pointer
 * @flags:	IRQ_DOMAIN_FLAG_*; read it, change it only through the API
 * @fwnode:	the firmware node the domain is found by, may be NULL
 * @bus_token:	what the domain serves (irq_domain_update_bus_token())
 * @parent:	the parent domain in a hierarchy, or NULL
 * @root:	the outermost parent (the domain itself when it has none);
 *		its mutex serialises the whole hierarchy
 * @hwirq_max:	one past the largest hwirq the domain accepts
 * @revmap_size: size of the linear reverse map, 0 for a tree domain
 * @priv:	library-internal state, not for the caller
 *
 * Every field is read-only for the caller after creation.
 */
struct irq_domain {
	const char *name;
	const struct irq_domain_ops *ops;
	void *host_data;
	unsigned int flags;
	struct fwnode_handle *fwnode;
	enum irq_domain_bus_token bus_token;
	struct irq_domain *parent;
	struct irq_domain *root;
	irq_hw_number_t hwirq_max;
	unsigned int revmap_size;
	struct irq_domain_private *priv;
};

/**
 * irq_domain_alloc_named_fwnode() - allocate a firmware node with a name
 * @name:	the name, copied
 *
 * Return: the handle, or NULL with errno set (EINVAL for a NULL name,
 * ENOMEM).
 * Context: may sleep.
 */
struct fwnode_handle *irq_domain_alloc_named_fwnode(const char *name);

/**
 * irq_domain_free_fwnode() - free a handle from irq_domain_alloc_named_fwnode()
 * @fwnode:	the handle; NULL is ignored, other kinds are refused with a
 *		message
 *
 * Context: may sleep. No domain may still use the handle.
 */
void irq_domain_free_fwnode(struct fwnode_handle *fwnode);

/**
 * irq_domain_create_linear() - create a domain with a linear reverse map
 * @fwnode:	firmware node to find the domain by, or NULL
 * @size:	number of hwirqs, 0 to @size - 1 (at least 1)
 * @ops:	callbacks, may not be NULL
 * @host_data:	driver's private pointer
 *
 * Lookups cost one bounds check and two loads.
 *
 * Return: the domain, or NULL with errno set (EINVAL, ENOMEM, ENODEV before
 * irqmap_init()).
 * Context: may sleep; takes the global domain-list lock.
 */
struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode,
					    unsigned int size,
					    const struct irq_domain_ops *ops,
					    void *host_data);

/**
 * irq_domain_create_tree() - create a domain for sparse hwirqs
 * @fwnode:	firmware node to find the domain by, or NULL
 * @ops:	callbacks, may not be NULL
 * @host_data:	driver's private pointer
 *
 * The reverse map is a hash table read without locks (RCU) that grows and
 * shrinks with the number of mappings; any hwirq is accepted.
 *
 * Return: as irq_domain_create_linear().
 * Context: as irq_domain_create_linear().
 */
struct irq_domain *irq_domain_create_tree(struct fwnode_handle *fwnode,
					  const struct irq_domain_ops *ops,
					  void *host_data);

/**
 * irq_domain_create_legacy() - create a domain over a fixed range of virqs
 * @fwnode:	firmware node, or NULL
 * @size:	number of interrupts
 * @first_irq:	first virq of the range (allocated here, must be free)
 * @first_hwirq: hwirq that @first_irq maps
 * @ops:	callbacks, may not be NULL
 * @host_data:	driver's private pointer
 *
 * Every hwirq of the range is mapped at once (->map is called for each) and
 * the domain itself holds one reference on each of these mappings: users'
 * creates and disposes count above it, and the mappings go when the domain
 * is removed.
 *
 * Return: as irq_domain_create_linear(); errno is also EEXIST when the
 * virq range is taken.
 * Context: as irq_domain_create_linear().
 */
struct irq_domain *irq_domain_create_legacy(struct fwnode_handle *fwnode,
					    unsigned int size,
					    unsigned int first_irq,
					    irq_hw_number_t first_hwirq,
					    const struct irq_domain_ops *ops,
					    void *host_data);

/**
 * irq_domain_remove() - remove a domain
 * @domain:	the domain
 *
 * Refused while the domain still has mappings other than its own legacy
 * ones, or child domains: the message names what is left (and, with
 * IRQMAP_DEBUG_REFS=1, who holds it). The memory is freed after a grace
 * period.
 *
 * Return: 0, -EINVAL for NULL or an unknown domain, -EBUSY.
 * Context: may sleep; waits for a grace period; not inside
 * irqmap_read_lock().
 */
int irq_domain_remove(struct irq_domain *domain);

/**
 * irq_domain_update_bus_token() - say what the domain serves
 * @domain:	the domain
 * @bus_token:	the token
 *
 * Context: may sleep.
 */
void irq_domain_update_bus_token(struct irq_domain *domain,
				 enum irq_domain_bus_token bus_token);

/**
 * irq_domain_set_refcounting() - choose counted or kernel-style mappings
 * @domain:	the domain
 * @enable:	true (the default) for reference-counted mappings; false for
 *		the kernel's semantics: create is idempotent and takes no
 *		reference, the first dispose tears the mapping down
 *
 * Only allowed while the domain has no mappings.
 *
 * Return: 0, -EINVAL for NULL, -EBUSY when mappings exist.
 * Context: may sleep.
 */
int irq_domain_set_refcounting(struct irq_domain *domain, bool enable);

/**
 * irq_set_default_host() - the domain used for specifiers without a fwnode
 * @domain:	the domain, or NULL for none
 *
 * Also used by irq_find_mapping() when passed a NULL domain, as the kernel.
 * Context: may sleep.
 */
void irq_set_default_host(struct irq_domain *domain);

/**
 * irq_get_default_host() - the domain set by irq_set_default_host()
 *
 * Return: the domain, or NULL when none is set.
 * Context: any.
 */
struct irq_domain *irq_get_default_host(void);

/**
 * irq_find_matching_fwspec() - find the domain for a specifier
 * @fwspec:	the specifier (its fwnode is what is matched)
 * @bus_token:	the token wanted, or DOMAIN_BUS_ANY
 *
 * Uses ->select, else ->match, else compares the fwnode and the token.
 *
 * Return: the domain or NULL (errno ENOENT, or EINVAL for NULL).
 * Context: any; lock-free. The domain stays valid until it is removed.
 */
struct irq_domain *irq_find_matching_fwspec(struct irq_fwspec *fwspec,
					    enum irq_domain_bus_token bus_token);

/**
 * irq_find_matching_fwnode() - find the domain of a firmware node
 * @fwnode:	the node
 * @bus_token:	the token wanted, or DOMAIN_BUS_ANY
 *
 * Return: as irq_find_matching_fwspec().
 * Context: as irq_find_matching_fwspec().
 */
struct irq_domain *irq_find_matching_fwnode(struct fwnode_handle *fwnode,
					    enum irq_domain_bus_token bus_token);

/**
 * irq_create_mapping() - map a hwirq, or take a reference on its mapping
 * @domain:	the domain
 * @hwirq:	the line
 *
 * On an unmapped line: allocates a virq and its descriptor, calls ->map
 * once, and returns the virq holding one reference. On a mapped line:
 * returns the same virq with one more reference (none in a domain without
 * refcounting), without calling ->map. A mapping whose last reference is
 * being dropped is never revived: a fresh one is made after it is gone.
 *
 * Return: the virq, or 0 for a NULL or removed domain, a hwirq past
 * hwirq_max, no free virq, no memory, or ->map failing.
 * Context: may sleep. The existing-mapping case takes no lock.
 */
unsigned int irq_create_mapping(struct irq_domain *domain,
				irq_hw_number_t hwirq);

/**
 * irq_create_fwspec_mapping() - map a firmware specifier, or share its line
 * @fwspec:	the specifier
 *
 * Finds the domain by fwspec->fwnode (DOMAIN_BUS_WIRED first, then any),
 * translates the cells (->translate, else ->xlate, else param[0] as the
 * hwirq) and maps. On an existing mapping, as the kernel: a requested type
 * of NONE or the mapping's own type shares it (+1 reference); a mapping
 * still of type NONE takes the requested type and is shared; another type
 * is refused with a message and the count is unchanged. A new mapping gets
 * the requested type.
 *
 * Return: the virq, or 0 (NULL fwspec, param_count outside 0..16, unknown
 * fwnode, translation failure, type outside IRQ_TYPE_SENSE_MASK, type
 * mismatch, or as irq_create_mapping()).
 * Context: may sleep.
 */
unsigned int irq_create_fwspec_mapping(struct irq_fwspec *fwspec);

/**
 * irq_find_mapping() - the virq of a mapped hwirq
 * @domain:	the domain
 * @hwirq:	the line
 *
 * Return: the virq, or 0 when not mapped (or @domain is NULL). A mapping
 * whose last reference is being dropped may still be reported until it is
 * gone; the result is a snapshot.
 * Context: any; lock-free, never blocks.
 */
unsigned int irq_find_mapping(struct irq_domain *domain,
			      irq_hw_number_t hwirq);

/**
 * irq_resolve_mapping() - the descriptor of a mapped hwirq (hot path)
 * @domain:	the domain
 * @hwirq:	the line
 *
 * Return: the descriptor, or NULL when not mapped.
 * Context: must be called inside irqmap_read_lock(); the descriptor is valid
 * until irqmap_read_unlock(). Lock-free, never blocks.
 */
struct irq_desc *irq_resolve_mapping(struct irq_domain *domain,
				     irq_hw_number_t hwirq);

/**
 * irq_dispose_mapping() - drop one reference on a mapping
 * @virq:	the virq returned by a create
 *
 * The last reference disassociates the mapping (->unmap once; lookups then
 * return 0 and irq_to_desc() NULL) and frees its descriptor after a grace
 * period. In a domain without refcounting every dispose is the last.
 *
 * Return: 0 (also for @virq 0, a no-op), -ENOENT when @virq has no mapping,
 * -EBUSY when the last reference would go while handlers are still
 * requested on the line (free_irq() first).
 * Context: may sleep. Dropping a reference that is not the last takes no
 * lock.
 */
int irq_dispose_mapping(unsigned int virq);

/**
 * irq_mapping_refcount() - how many references a mapping holds
 * @virq:	the virq
 *
 * Return: the count (IRQMAP_REFCOUNT_SATURATED once saturated), or 0 when
 * @virq has no mapping.
 * Context: any; lock-free; a snapshot.
 */
unsigned int irq_mapping_refcount(unsigned int virq);

/* Counts stick at this value instead of wrapping, as the kernel's refcount_t. */
#define IRQMAP_REFCOUNT_SATURATED 0xc0000000u
/* The largest count that still behaves as a count. */
#define IRQMAP_REFCOUNT_MAX 0x7fffffffu

/**
 * irq_domain_xlate_onecell() - ->xlate for one cell: the hwirq
 * @d:		the domain (unused)
 * @node:	the controller's firmware node (unused)
 * @intspec:	the specifier's cells
 * @intsize:	how many cells @intspec has (at least 1)
 * @out_hwirq:	set to @intspec[0]
 * @out_type:	set to IRQ_TYPE_NONE
 *
 * Return: 0, or -EINVAL when @intsize is too small.
 * Context: any.
 */
int irq_domain_xlate_onecell(struct irq_domain *d, struct fwnode_handle *node,
			     const uint32_t *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type);

/**
 * irq_domain_xlate_twocell() - ->xlate for two cells: hwirq and type
 * @d:		the domain (unused)
 * @node:	the controller's firmware node (unused)
 * @intspec:	the specifier's cells
 * @intsize:	how many cells @intspec has (at least 2)
 * @out_hwirq:	set to @intspec[0]
 * @out_type:	set to @intspec[1] & IRQ_TYPE_SENSE_MASK
 *
 * Return: 0, or -EINVAL when @intsize is too small.
 * Context: any.
 */
int irq_domain_xlate_twocell(struct irq_domain *d, struct fwnode_handle *node,
			     const uint32_t *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type);

/**
 * irq_domain_xlate_onetwocell() - ->xlate for one or two cells
 * @d:		the domain (unused)
 * @node:	the controller's firmware node (unused)
 * @intspec:	the specifier's cells
 * @intsize:	how many cells @intspec has (at least 1)
 * @out_hwirq:	set to @intspec[0]
 * @out_type:	set to @intspec[1] & IRQ_TYPE_SENSE_MASK when there are two
 *		cells, else IRQ_TYPE_NONE
 *
 * Return: 0, or -EINVAL when @intsize is too small.
 * Context: any.
 */
int irq_domain_xlate_onetwocell(struct irq_domain *d,
				struct fwnode_handle *node,
				const uint32_t *intspec, unsigned int intsize,
				unsigned long *out_hwirq,
				unsigned int *out_type);

/**
 * irq_domain_translate_onecell() - ->translate for one cell: the hwirq
 * @d:		the domain (unused)
 * @fwspec:	the specifier (at least one cell)
 * @out_hwirq:	set to param[0]
 * @out_type:	set to IRQ_TYPE_NONE
 *
 * Return: 0, or -EINVAL when the fwspec has too few cells.
 * Context: any.
 */
int irq_domain_translate_onecell(struct irq_domain *d,
				 struct irq_fwspec *fwspec,
				 unsigned long *out_hwirq,
				 unsigned int *out_type);

/**
 * irq_domain_translate_twocell() - ->translate for two cells: hwirq and type
 * @d:		the domain (unused)
 * @fwspec:	the specifier (at least two cells)
 * @out_hwirq:	set to param[0]
 * @out_type:	set to param[1] & IRQ_TYPE_SENSE_MASK
 *
 * Return: 0, or -EINVAL when the fwspec has too few cells.
 * Context: any.
 */
int irq_domain_translate_twocell(struct irq_domain *d,
				 struct irq_fwspec *fwspec,
				 unsigned long *out_hwirq,
				 unsigned int *out_type);

/*
 * Hierarchical domains.
 *
 * A hierarchy is a chain of domains from the one a device talks to (the
 * outermost, e.g. a PCI bridge's INTx or an MSI domain) down to the root
 * (e.g. the platform controller). One virq has one struct irq_data per
 * level, linked by ->parent_data. irq_domain_alloc_irqs() calls ->alloc of
 * the outermost domain, which sets its level up (irq_domain_set_info()) and
 * calls irq_domain_alloc_irqs_parent() for the next one, down to the root.
 *
 * Reference counting sits above all of it: the mapping made by one
 * allocation is one counted object for every level. A second create of the
 * same (domain, hwirq) allocates nothing anywhere; the last dispose frees
 * every level (->free children before parents) and the memory of all
 * levels after one grace period.
 *
 * Every function below that takes an irq_base runs under the root domain's
 * mutex: from ->alloc/->free callbacks, or from the library.
 */

/* State bit in irq_common_data: the interrupt is activated (kernel value). */
#define IRQD_ACTIVATED (1u << 9)

/**
 * irq_domain_create_hierarchy() - create a domain below @parent
 * @parent:	the parent domain (required)
 * @flags:	IRQ_DOMAIN_FLAG_* to set, e.g. IRQ_DOMAIN_FLAG_NO_REFCOUNT
 * @size:	linear revmap size, 0 for a tree revmap
 * @fwnode:	firmware node to find the domain by, or NULL
 * @ops:	callbacks; ->alloc is needed to map through the hierarchy
 * @host_data:	driver's private pointer
 *
 * Return: the domain, or NULL with errno set (EINVAL for a NULL or
 * unregistered parent or NULL ops, ENOMEM).
 * Context: may sleep.
 */
struct irq_domain *irq_domain_create_hierarchy(struct irq_domain *parent,
					       unsigned int flags,
					       unsigned int size,
					       struct fwnode_handle *fwnode,
					       const struct irq_domain_ops *ops,
					       void *host_data);

/**
 * irq_domain_alloc_irqs() - allocate interrupts through a hierarchy
 * @domain:	the outermost domain
 * @nr_irqs:	how many contiguous virqs (MSI-style multi-vector: > 1)
 * @node:	NUMA node hint, ignored
 * @arg:	passed to ->alloc (for fwspec mappings, the struct irq_fwspec)
 *
 * Each virq becomes a mapping holding one reference (the allocation's).
 * On any failure, at any level, everything done is undone: levels already
 * allocated are freed (children first, even if a driver forgot to), the
 * virqs are released, and the domains are as before.
 *
 * Return: the first virq, or -EINVAL (NULL or non-hierarchical domain,
 * @nr_irqs 0 or past the virq space), -ENODEV (removed domain), -EEXIST (a
 * level's hwirq is already mapped), -ENOSPC, -ENOMEM, or ->alloc's error.
 * Context: may sleep; takes the root domain's mutex.
 */
int irq_domain_alloc_irqs(struct irq_domain *domain, unsigned int nr_irqs,
			  int node, void *arg);

/**
 * irq_domain_free_irqs() - free interrupts allocated by irq_domain_alloc_irqs()
 * @virq:	the first virq of the allocation
 * @nr_irqs:	its size
 *
 * Refused, with nothing changed, when a virq of the range is shared (holds
 * more than the allocation's reference), still has handlers, or the range
 * is not exactly one allocation.
 *
 * Return: 0, -ENOENT (a virq is not mapped), -EINVAL (not allocated through
 * a hierarchy, or @nr_irqs 0), -EBUSY.
 * Context: may sleep; takes the root domain's mutex.
 */
int irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs);

/**
 * irq_domain_alloc_irqs_parent() - allocate the next level down
 * @domain:	the level calling (its parent is allocated)
 * @irq_base:	first virq
 * @nr_irqs:	how many
 * @arg:	passed to the parent's ->alloc
 *
 * Return: 0, -ENOSYS when @domain has no parent or the parent no ->alloc,
 * -EINVAL outside an allocation, or the parent's error.
 * Context: from ->alloc, root mutex held.
 */
int irq_domain_alloc_irqs_parent(struct irq_domain *domain,
				 unsigned int irq_base, unsigned int nr_irqs,
				 void *arg);

/**
 * irq_domain_free_irqs_parent() - free the next level down
 * @domain:	the level calling
 * @irq_base:	first virq
 * @nr_irqs:	how many
 *
 * Context: from ->free (or ->alloc's error path), root mutex held.
 */
void irq_domain_free_irqs_parent(struct irq_domain *domain,
				 unsigned int irq_base, unsigned int nr_irqs);

/**
 * irq_domain_get_irq_data() - the irq_data of @virq at @domain's level
 * @domain:	the level
 * @virq:	the virq
 *
 * Return: the data, or NULL when @virq does not cross @domain.
 * Context: root mutex held, or inside irqmap_read_lock().
 */
struct irq_data *irq_domain_get_irq_data(struct irq_domain *domain,
					 unsigned int virq);

/**
 * irq_domain_set_hwirq_and_chip() - fill in one level of an interrupt
 * @domain:	the level
 * @virq:	the virq
 * @hwirq:	the line at this level
 * @chip:	its chip (NULL: no_irq_chip)
 * @chip_data:	the chip's data
 *
 * Return: 0, or -ENOENT when @virq does not cross @domain.
 * Context: from ->alloc, root mutex held.
 */
int irq_domain_set_hwirq_and_chip(struct irq_domain *domain,
				  unsigned int virq, irq_hw_number_t hwirq,
				  struct irq_chip *chip, void *chip_data);

/**
 * irq_domain_set_info() - fill in one level, with the flow handler
 * @domain:	the level
 * @virq:	the virq
 * @hwirq:	the line at this level
 * @chip:	its chip
 * @chip_data:	the chip's data
 * @handler:	flow handler of the interrupt (may be NULL)
 * @handler_data: the flow handler's data
 * @handler_name: name shown with the handler (may be NULL)
 *
 * Context: from ->alloc, root mutex held.
 */
void irq_domain_set_info(struct irq_domain *domain, unsigned int virq,
			 irq_hw_number_t hwirq, struct irq_chip *chip,
			 void *chip_data, irq_flow_handler_t handler,
			 void *handler_data, const char *handler_name);

/**
 * irq_domain_reset_irq_data() - clear one level (hwirq 0, no chip)
 * @irq_data:	the level
 *
 * Context: from ->free, root mutex held.
 */
void irq_domain_reset_irq_data(struct irq_data *irq_data);

/**
 * irq_domain_free_irqs_common() - ->free for most levels
 * @domain:	the level
 * @virq:	first virq
 * @nr_irqs:	how many
 *
 * Resets this level's data and frees the parent level.
 * Context: from ->free, root mutex held.
 */
void irq_domain_free_irqs_common(struct irq_domain *domain, unsigned int virq,
				 unsigned int nr_irqs);

/**
 * irq_domain_free_irqs_top() - ->free for an outermost level
 * @domain:	the level
 * @virq:	first virq
 * @nr_irqs:	how many
 *
 * Clears the flow handler and its data, then as
 * irq_domain_free_irqs_common().
 * Context: from ->free, root mutex held.
 */
void irq_domain_free_irqs_top(struct irq_domain *domain, unsigned int virq,
			      unsigned int nr_irqs);

/**
 * irq_domain_disconnect_hierarchy() - mark @domain's level as unused
 * @domain:	the first level the interrupt does not use
 * @virq:	the virq
 *
 * Called from a child's ->alloc when the interrupt stops short of the
 * root: once the allocation succeeds, this level and every level below it
 * are trimmed off (no ->free is called for them), as the kernel does.
 *
 * Return: 0, or -EINVAL when @virq does not cross @domain.
 * Context: from ->alloc, root mutex held.
 */
int irq_domain_disconnect_hierarchy(struct irq_domain *domain,
				    unsigned int virq);

/**
 * irq_domain_activate_irq() - activate every level, parents first
 * @irq_data:	the outermost level
 * @reserve:	passed to ->activate (reserve resources only)
 *
 * Calls ->activate of each level from the root outwards; when one fails,
 * the levels already activated are deactivated again. A no-op when already
 * active.
 *
 * Return: 0 or the failing ->activate's error; -EINVAL for NULL.
 * Context: may sleep; takes the descriptor's lock.
 */
int irq_domain_activate_irq(struct irq_data *irq_data, bool reserve);

/**
 * irq_domain_deactivate_irq() - deactivate every level, children first
 * @irq_data:	the outermost level
 *
 * A no-op when not active. The last dispose of an active mapping
 * deactivates it before freeing.
 * Context: may sleep; takes the descriptor's lock.
 */
void irq_domain_deactivate_irq(struct irq_data *irq_data);

/**
 * irqd_is_activated() - is the interrupt activated?
 * @d:	the outermost level's data
 *
 * request_irq() activates a line (every level's ->activate, parents
 * first) before starting it up; the last free_irq() deactivates it after
 * shutting it down.
 *
 * Return: true while IRQD_ACTIVATED is set; false for NULL.
 * Context: any; lock-free; a snapshot.
 */
bool irqd_is_activated(struct irq_data *d);

/* Ready-made ops for simple controllers: ->xlate is the one/two-cell one. */
extern const struct irq_domain_ops irq_domain_simple_ops;

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_IRQDOMAIN_H */
