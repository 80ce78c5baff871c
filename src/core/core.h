/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core.h - private structures of the core: descriptors, domains, mappings.
 *
 * Three layers, each with its own lifetime (docs/design.md):
 *  - struct irq_desc: one per allocated virq; published in the virq table;
 *    freed by call_rcu after it leaves the table.
 *  - struct irq_domain (+ irq_domain_private): one per controller level;
 *    freed after a grace period once removed.
 *  - struct irq_mapping: one per mapped (domain, hwirq), holding the
 *    reference count; published in every level's revmap; freed by call_rcu
 *    after its last reference is dropped and it leaves the revmaps.
 */
#ifndef IRQM_CORE_H
#define IRQM_CORE_H

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

#include "lock.h"
#include "rcu.h"
#include "refcount.h"
#include "internals.h"

struct irq_mapping;
struct irqm_refdebug;
struct irqm_tree;

struct irq_desc {
	struct irq_common_data irq_common_data;
	struct irq_data irq_data;		/* the outermost level; .irq is the virq */
	/* The mapping that owns this descriptor, set by the domain layer. */
	_Atomic(struct irq_mapping *) mapping;
	/*
	 * Interrupt handling's word (internals.h): the address of the line's
	 * handling state or, for a line that has none, its disable depth
	 * tagged with bit 0 (0 stands for depth 1, as every line starts).
	 */
	atomic_uintptr_t handling;
	struct rcu_head rcu;
};

/*
 * Descriptor locks (the kernel's desc->lock): chip calls, type changes and
 * the flow state. They live in a table indexed by virq rather than in each
 * descriptor, which keeps a descriptor at 104 bytes; consecutive virqs use
 * different locks. Two descriptor locks are never held at once (debug
 * builds check it), so sharing a lock between lines cannot deadlock.
 */
#define IRQM_DESC_LOCK_BITS 10

struct irqm_desc_lock_slot {
	struct irqm_mutex lock;
} __attribute__((aligned(64)));

extern struct irqm_desc_lock_slot irqm_desc_locks[1u << IRQM_DESC_LOCK_BITS];

static inline struct irqm_mutex *irqm_desc_lock_of(const struct irq_desc *desc)
{
	return &irqm_desc_locks[desc->irq_data.irq &
				((1u << IRQM_DESC_LOCK_BITS) - 1)].lock;
}

#ifdef IRQMAP_DEBUG_LOCKS
extern __thread unsigned int irqm_desc_locks_held;

static inline void irqm_desc_lock(struct irq_desc *desc)
{
	if (irqm_desc_locks_held) {
		fprintf(stderr, "irqmap: irq %u: nested descriptor lock\n",
			desc->irq_data.irq);
		abort();
	}
	irqm_mutex_lock(irqm_desc_lock_of(desc));
	irqm_desc_locks_held++;
}

static inline void irqm_desc_unlock(struct irq_desc *desc)
{
	irqm_desc_locks_held--;
	irqm_mutex_unlock(irqm_desc_lock_of(desc));
}
#else
static inline void irqm_desc_lock(struct irq_desc *desc)
{
	irqm_mutex_lock(irqm_desc_lock_of(desc));
}

static inline void irqm_desc_unlock(struct irq_desc *desc)
{
	irqm_mutex_unlock(irqm_desc_lock_of(desc));
}
#endif

/*
 * Read-mostly fields first, next to the public half that every lookup
 * reads; the fields every mapping change writes (the mutex, the counts)
 * come after a cache line of padding, so a writer on one CPU does not keep
 * evicting the revmap pointers from a reader's cache on another.
 */
struct irq_domain_private {
	struct irq_domain *domain;	/* the public half */
	/* Linear revmap, or a hash table for tree domains (revmap_tree.c). */
	_Atomic(struct irq_mapping *) *linear;
	_Atomic(struct irqm_tree *) tree;
	_Atomic(struct irq_domain_private *) next;	/* domain list, RCU */
	struct irq_domain_private *prev;	/* domain-list lock: writers only */
	unsigned long id;
	unsigned int nr_children;	/* under the domain-list lock */
	bool dead;			/* removed: under the root mutex */
	/* Legacy domains: the range created at irq_domain_create_legacy(). */
	unsigned int legacy_first_irq;
	unsigned int legacy_size;
	irq_hw_number_t legacy_first_hwirq;
	char *allocated_name;
	char pad[64];			/* keeps the written fields apart */
	struct irqm_mutex mutex;	/* used when this domain is a root */
	atomic_uint mapcount;
	atomic_ulong spurious;		/* deliveries to unmapped hwirqs */
	/* Root domains: the range being allocated or freed (root mutex). */
	struct irqm_alloc_ctx *alloc_ctx;
};

/* The virqs an ->alloc/->free chain is working on, seen from any level. */
struct irqm_alloc_ctx {
	unsigned int base;
	unsigned int nr;
	struct irq_mapping **ms;	/* NULL: through desc->mapping */
};

/* One level of a mapping as published in that level's revmap. */
struct irq_map_level {
	struct irq_data *data;		/* this level's irq_data */
	struct irq_domain *domain;
	irq_hw_number_t hwirq;		/* the revmap key, from data->hwirq */
	struct irq_mapping *m;
	bool allocated;			/* ->alloc done, ->free not yet */
};

/*
 * A mapping: the reference count and every level of one virq. Levels below
 * the outermost keep their irq_data in the same allocation (after lv[]),
 * so one grace period frees them all. The outermost level's irq_data is
 * the descriptor's (irqm_mapping_desc()).
 */
struct irq_mapping {
	irqm_ref_t ref;
	unsigned int virq;
	unsigned int alloc_base;	/* first virq of its allocation */
	unsigned int alloc_nr;		/* size of that allocation */
	bool legacy;			/* the domain holds one reference */
	bool norefcount;		/* kernel semantics (domain flag at creation) */
	bool hier;			/* allocated through ->alloc */
	bool published;			/* in the revmaps: under root mutex */
	unsigned int nr_levels;		/* levels in use (after trimming) */
	struct irqm_refdebug *rd;	/* IRQMAP_DEBUG_REFS records */
	struct rcu_head rcu;
	struct irq_map_level lv[];	/* lv[0]: the domain it was made in */
};

/* The descriptor of a mapping: the one its outermost irq_data lives in. */
static inline struct irq_desc *irqm_mapping_desc(const struct irq_mapping *m)
{
	return caa_container_of(m->lv[0].data, struct irq_desc, irq_data);
}

/* Library-wide state, set up by irqmap_init(). */
struct irqm_state {
	atomic_bool ready;
	unsigned int nr_irqs;
	bool debug_refs;
	struct irqm_mutex domain_lock;	/* domain list writers */
	/* RCU list, parents before children; see irqm_for_each_domain() */
	_Atomic(struct irq_domain_private *) domains;
	struct irq_domain_private *domains_tail;	/* domain-list lock */
	unsigned long next_domain_id;
	unsigned long generation;	/* irqmap_init() calls so far */
	_Atomic(struct irq_domain *) default_domain;
};

/* domset.c: registered domain pointers (domain-list lock held) */
int irqm_domset_add_locked(struct irq_domain *d);
bool irqm_domset_has_locked(const struct irq_domain *d);
void irqm_domset_del_locked(const struct irq_domain *d);
void irqm_domset_exit(void);

extern struct irqm_state irqm;

/* Walk the domain list: under RCU, or with the domain-list lock held. */
#define irqm_for_each_domain(p)						\
	for ((p) = irqm_rcu_deref(irqm.domains); (p);			\
	     (p) = irqm_rcu_deref((p)->next))

/*
 * A level's chip pointer. irqmap_show_interrupts() reads the outermost one
 * without the locks its writers hold (the root domain's mutex in ->alloc
 * and ->free, the descriptor's lock in irq_set_chip()): it is stored and
 * read with relaxed atomics, as the trigger type is.
 */
static inline void irqm_set_chip_ptr(struct irq_data *d, struct irq_chip *chip)
{
	__atomic_store_n(&d->chip, chip, __ATOMIC_RELAXED);
}

static inline struct irq_chip *irqm_chip_ptr(struct irq_data *d)
{
	return __atomic_load_n(&d->chip, __ATOMIC_RELAXED);
}

/* Refuse work before irqmap_init(): logs and returns false. */
bool irqm_not_ready(const char *func);

static inline bool irqm_check_ready(const char *func)
{
	if (__builtin_expect(atomic_load_explicit(&irqm.ready,
						  memory_order_acquire), 1))
		return true;
	return irqm_not_ready(func);
}
#define IRQM_READY() irqm_check_ready(__func__)

static inline struct irqm_mutex *irqm_root_mutex(struct irq_domain *d)
{
	return &d->root->priv->mutex;
}

/*
 * "_locked" in the core means: the root mutex of the hierarchy held (the
 * domain-list lock, the descriptor lock or the virq-space lock where the
 * function's comment says so). Debug builds abort when it is not.
 */
#define irqm_root_assert_held(d) irqm_lockdep_assert_held(irqm_root_mutex(d))

/* irqdesc.c */
int irqm_desc_init(unsigned int nr_irqs);
void irqm_desc_exit(void);
void irqm_desc_free_range(unsigned int irq, unsigned int cnt);
unsigned int irqm_desc_count(void);
int irqm_desc_for_each(int (*fn)(struct irq_desc *desc, void *arg), void *arg);
void irqm_desc_set_cursor(unsigned int next);

/* revmap.c: callers hold the root mutex for insert/remove, RCU for lookup */
int irqm_revmap_init(struct irq_domain *d, unsigned int size);
void irqm_revmap_destroy(struct irq_domain *d);
struct irq_mapping *irqm_revmap_lookup_tree(struct irq_domain *d,
					    irq_hw_number_t hwirq);

/* The mapping at @hwirq, or NULL; caller holds RCU or the root mutex. */
static inline struct irq_mapping *irqm_revmap_lookup(struct irq_domain *d,
						     irq_hw_number_t hwirq)
{
	struct irq_domain_private *p = d->priv;

	if (p->linear) {
		if (hwirq >= d->revmap_size)
			return NULL;
		return irqm_rcu_deref(p->linear[hwirq]);
	}
	return irqm_revmap_lookup_tree(d, hwirq);
}
int irqm_revmap_reserve_locked(struct irq_domain *d, unsigned int n);
void irqm_revmap_insert_locked(struct irq_map_level *lv);
void irqm_revmap_remove_locked(struct irq_map_level *lv);
int irqm_revmap_for_each(struct irq_domain *d,
			 int (*fn)(struct irq_map_level *lv, void *arg),
			 void *arg);

/* mapping.c */
struct irq_mapping *irqm_mapping_new(unsigned int nr_levels);
void irqm_mapping_publish_locked(struct irq_mapping *m);
void irqm_mapping_unpublish_locked(struct irq_mapping *m);
void irqm_mapping_unpublish_revmaps_locked(struct irq_mapping *m);
int irqm_associate_locked(struct irq_domain *d, unsigned int virq,
			  irq_hw_number_t hwirq, unsigned int type,
			  bool legacy, const void *caller);
int irqm_dispose_mapping(unsigned int virq, const void *caller);
unsigned int irqm_create_mapping(struct irq_domain *d, irq_hw_number_t hwirq,
				 unsigned int type, struct irq_fwspec *fwspec,
				 const void *caller);
void irqm_mapping_teardown_locked(struct irq_mapping *m, bool call_unmap);
struct irq_mapping *irqm_virq_to_mapping(unsigned int virq);
void irqm_mapping_free_now(struct irq_mapping *m);
void irqm_mapping_free_deferred(struct irq_mapping *m);
struct irq_map_level *irqm_mapping_level(struct irq_mapping *m,
					 struct irq_domain *d);
void irqm_mapping_info(struct irq_mapping *m, struct irq_domain *d,
		       irq_hw_number_t hwirq, struct irqmap_mapping_info *info);

/* irqdomain.c */
struct irq_domain *irqm_domain_create(struct irq_domain *parent,
				      unsigned int flags, unsigned int size,
				      irq_hw_number_t hwirq_max,
				      struct fwnode_handle *fwnode,
				      const struct irq_domain_ops *ops,
				      void *host_data, const char *func);
int irqm_domain_for_each_mapping_locked(struct irq_domain *d,
		int (*fn)(const struct irqmap_mapping_info *m, void *arg),
		void *arg);
void irqm_domain_free_all(void);
void irqm_domain_lock_list(void);
void irqm_domain_unlock_list(void);

/* hierarchy.c */
int irqm_hierarchy_alloc_locked(struct irq_domain *d, unsigned int nr_irqs,
				void *arg, const void *caller);
void irqm_hierarchy_teardown_locked(unsigned int base, unsigned int nr);
unsigned int irqm_domain_depth(const struct irq_domain *d);

/* refdebug.c */
void irqm_refdebug_get_slow(struct irq_mapping *m, const void *caller);
void irqm_refdebug_put_slow(struct irq_mapping *m, const void *caller);

/* Record a reference taken (only when tracking is on). */
static inline void irqm_refdebug_get(struct irq_mapping *m, const void *caller)
{
	if (__builtin_expect(irqm.debug_refs, 0))
		irqm_refdebug_get_slow(m, caller);
}

/* Forget a reference dropped (only mappings made while tracking). */
static inline void irqm_refdebug_put(struct irq_mapping *m, const void *caller)
{
	if (__builtin_expect(m->rd != NULL, 0))
		irqm_refdebug_put_slow(m, caller);
}
void irqm_refdebug_free(struct irq_mapping *m);

/* mapping.c: the one-line warning when a count saturates */
void irqm_mapping_saturated(struct irq_mapping *m);

/*
 * Take one more reference on a mapping found by a lookup, under RCU or the
 * root mutex. Fails with -ENOENT when the mapping is dying (count 0).
 */
static inline int irqm_mapping_get(struct irq_mapping *m, const void *caller)
{
	bool saturated;

	if (m->norefcount)
		return irqm_ref_read(&m->ref) ? 0 : -ENOENT;
	if (!irqm_ref_get_unless_zero(&m->ref, &saturated))
		return -ENOENT;
	if (__builtin_expect(saturated, 0))
		irqm_mapping_saturated(m);
	irqm_refdebug_get(m, caller);
	return 0;
}
int irqm_refdebug_show(FILE *f, struct irq_mapping *m, const char *indent);
void irqm_refdebug_log_holders(struct irq_mapping *m);
void irqm_symbolize(const void *addr, char *buf, size_t len);

/* irqdata.c */
const char *irqm_type_name(unsigned int type);
/* fwspec.c */
unsigned int irqm_create_fwspec_mapping(struct irq_fwspec *fwspec,
					const void *caller);
unsigned int irqm_create_fwspec_mapping_hint(struct irq_fwspec *fwspec,
					     struct irq_domain *const *hint,
					     const void *caller);
int irqm_domain_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			  irq_hw_number_t *hwirq, unsigned int *type);

#endif
