// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mapping.c - reference-counted mappings between (domain, hwirq) and virq.
 *
 * The protocol (docs/design.md has the picture):
 *  - A published mapping has a count > 0. The count drops to 0 only under
 *    the root domain's mutex, in the same critical section that unpublishes
 *    the mapping from every revmap and from its descriptor.
 *  - Sharing an existing mapping takes the count with get-unless-zero under
 *    RCU, without the mutex. A reader that loses the race with the last put
 *    sees 0, fails, and falls back to the mutex, where the dying mapping is
 *    already gone: it creates a fresh one. So a mapping is never revived,
 *    and a (domain, hwirq) never has two mappings.
 *  - Dropping a reference that is not the last is a CAS without the mutex;
 *    the last one takes the mutex, re-validates, and tears down.
 *  - Mapping and descriptor memory is freed by call_rcu, never under a
 *    reader.
 */
#include <errno.h>
#include <stdlib.h>

#include "alloc.h"
#include "core.h"
#include "log.h"

/*
 * A mapping with @nr_levels levels; the irq_data of every level below the
 * outermost lives in the same allocation, after the level array.
 */
struct irq_mapping *irqm_mapping_new(unsigned int nr_levels)
{
	struct irq_mapping *m;
	struct irq_data *pdata;
	size_t head = sizeof(*m) + nr_levels * sizeof(m->lv[0]);

	head = (head + _Alignof(struct irq_data) - 1) &
	       ~(_Alignof(struct irq_data) - 1);
	m = irqm_calloc(1, head + (nr_levels - 1) * sizeof(struct irq_data));
	if (!m)
		return NULL;
	m->nr_levels = nr_levels;
	irqm_ref_init(&m->ref, 1);
	pdata = (struct irq_data *)((char *)m + head);
	for (unsigned int i = 1; i < nr_levels; i++) {
		m->lv[i].data = &pdata[i - 1];
		m->lv[i].m = m;
	}
	m->lv[0].m = m;
	return m;
}

/*
 * Make every level findable: the descriptor's owner pointer first, so that
 * a virq handed out by a lock-free lookup of the revmaps already leads to
 * its mapping (for dispose and refcount queries); then the revmaps.
 */
void irqm_mapping_publish_locked(struct irq_mapping *m)
{
	irqm_lockdep_assert_held(irqm_root_mutex(m->lv[0].domain));
	m->published = true;
	for (unsigned int i = 0; i < m->nr_levels; i++)
		m->lv[i].hwirq = m->lv[i].data->hwirq;
	atomic_store_explicit(&irqm_mapping_desc(m)->mapping, m,
			      memory_order_release);
	for (unsigned int i = 0; i < m->nr_levels; i++) {
		irqm_revmap_insert_locked(&m->lv[i]);
		atomic_fetch_add(&m->lv[i].domain->priv->mapcount, 1);
	}
}

/* Remove from every revmap; the descriptor keeps pointing at it. */
void irqm_mapping_unpublish_revmaps_locked(struct irq_mapping *m)
{
	irqm_lockdep_assert_held(irqm_root_mutex(m->lv[0].domain));
	for (unsigned int i = 0; i < m->nr_levels; i++) {
		irqm_revmap_remove_locked(&m->lv[i]);
		atomic_fetch_sub(&m->lv[i].domain->priv->mapcount, 1);
	}
	m->published = false;
}

void irqm_mapping_unpublish_locked(struct irq_mapping *m)
{
	irqm_root_assert_held(m->lv[0].domain);
	irqm_mapping_unpublish_revmaps_locked(m);
	atomic_store_explicit(&irqm_mapping_desc(m)->mapping, NULL,
			      memory_order_release);
}

void irqm_mapping_free_now(struct irq_mapping *m)
{
	irqm_refdebug_free(m);
	irqm_free(m);
}

static void mapping_free_rcu(struct rcu_head *head)
{
	IRQM_RCU_CALLBACK_ENTER();
	irqm_mapping_free_now(caa_container_of(head, struct irq_mapping, rcu));
}

/* Free @m after a grace period: readers may still hold it. */
void irqm_mapping_free_deferred(struct irq_mapping *m)
{
	irqm_call_rcu(&m->rcu, mapping_free_rcu);
}

/* The level of @m in domain @d, or NULL when @m does not cross @d. */
struct irq_map_level *irqm_mapping_level(struct irq_mapping *m,
					 struct irq_domain *d)
{
	for (unsigned int i = 0; i < m->nr_levels; i++)
		if (m->lv[i].domain == d)
			return &m->lv[i];
	return NULL;
}

static bool norefcount(const struct irq_mapping *m)
{
	return m->norefcount;
}

void irqm_mapping_saturated(struct irq_mapping *m)
{
	irqm_log(IRQMAP_LOG_WARN,
		 "virq %u: reference count saturated; the mapping will never be freed",
		 m->virq);
}

/*
 * Bind the allocated descriptor of @virq to a new mapping of @hwirq in @d:
 * ->map, trigger type, then publication. Undoes everything on failure.
 */
int irqm_associate_locked(struct irq_domain *d, unsigned int virq,
			  irq_hw_number_t hwirq, unsigned int type,
			  bool legacy, const void *caller)
{
	struct irq_desc *desc = irq_to_desc(virq);
	struct irq_mapping *m;
	int ret;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	/*
	 * Room in the revmap first: publishing below cannot fail. A ->map
	 * may give the line a chip or a flow handler through calls that
	 * return nothing, so the line's handling state is made before it.
	 */
	m = irqm_revmap_reserve_locked(d, 1) ||
	    (d->ops->map && irqm_handling_alloc(desc)) ? NULL :
							  irqm_mapping_new(1);
	if (!m) {
		irqm_log(IRQMAP_LOG_ERR, "domain %s: out of memory mapping hwirq %lu",
			 d->name, hwirq);
		return -ENOMEM;
	}
	m->virq = virq;
	m->alloc_base = virq;
	m->alloc_nr = 1;
	m->legacy = legacy;
	m->norefcount = d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT;
	m->lv[0].domain = d;
	m->lv[0].data = &desc->irq_data;
	desc->irq_data.hwirq = hwirq;
	desc->irq_data.domain = d;

	if (d->ops->map) {
		ret = d->ops->map(d, virq, hwirq);
		if (ret) {
			irqm_log(IRQMAP_LOG_ERR,
				 "domain %s: ->map of hwirq %lu to virq %u failed: %d",
				 d->name, hwirq, virq, ret);
			desc->irq_data.domain = NULL;
			desc->irq_data.hwirq = 0;
			irqm_set_chip_ptr(&desc->irq_data, &no_irq_chip);
			desc->irq_data.chip_data = NULL;
			irqm_free(m);
			return ret < 0 ? ret : -EINVAL;
		}
	}
	/*
	 * As the kernel: the type is stored; the chip hears of it at startup.
	 * A create without a type keeps whatever ->map set.
	 */
	if (type != IRQ_TYPE_NONE)
		irqd_set_trigger_type(&desc->irq_data, type);
	irqm_refdebug_get(m, caller);
	irqm_mapping_publish_locked(m);
	return 0;
}

/*
 * Unpublish a mapping whose count is 0 (or that the domain is tearing
 * down), call ->unmap, and free it and its descriptor after a grace period.
 */
void irqm_mapping_teardown_locked(struct irq_mapping *m, bool call_unmap)
{
	struct irq_domain *d = m->lv[0].domain;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (m->hier) {
		irqm_hierarchy_teardown_locked(m->virq, 1);
		return;
	}
	if (call_unmap && d->ops->unmap)
		d->ops->unmap(d, m->virq);
	irqm_mapping_unpublish_locked(m);
	irqm_desc_free_range(m->virq, 1);
	irqm_mapping_free_deferred(m);
}

unsigned int irqm_create_mapping(struct irq_domain *d, irq_hw_number_t hwirq,
				 unsigned int type, struct irq_fwspec *fwspec,
				 const void *caller)
{
	bool check_type = fwspec != NULL;
	struct irq_mapping *m;
	unsigned int virq = 0;
	int irq;

	if (!irqm_check_ready(fwspec ? "irq_create_fwspec_mapping"
				     : "irq_create_mapping"))
		return 0;
	if (!d) {
		irqm_log(IRQMAP_LOG_ERR, "irq_create_mapping: NULL domain");
		return 0;
	}
	if (hwirq >= d->hwirq_max) {
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_create_mapping: hwirq %lu is beyond domain %s (size %lu)",
			 hwirq, d->name, d->hwirq_max);
		return 0;
	}

	/*
	 * Fast path: share a live mapping without the mutex, when no trigger
	 * type is asked for or it is the mapping's own. Setting a type on a
	 * mapping still without one, and refusing a mismatch, take the mutex.
	 */
	irqm_rcu_read_lock();
	m = irqm_revmap_lookup(d, hwirq);
	if (m && (!check_type || type == IRQ_TYPE_NONE ||
		  type == irqd_get_trigger_type(m->lv[0].data)) &&
	    !irqm_mapping_get(m, caller))
		virq = m->virq;
	irqm_rcu_read_unlock();
	if (virq)
		return virq;

	irqm_mutex_lock(irqm_root_mutex(d));
	if (d->priv->dead) {
		irqm_mutex_unlock(irqm_root_mutex(d));
		irqm_log(IRQMAP_LOG_ERR, "irq_create_mapping: domain %s was removed",
			 d->name);
		return 0;
	}
	irqm_rcu_read_lock();
	m = irqm_revmap_lookup(d, hwirq);
	irqm_rcu_read_unlock();
	if (m) {
		/* Published and under the mutex: its count cannot be 0. */
		unsigned int cur = irqd_get_trigger_type(m->lv[0].data);

		if (check_type && type != IRQ_TYPE_NONE && type != cur) {
			if (cur != IRQ_TYPE_NONE) {
				irqm_mutex_unlock(irqm_root_mutex(d));
				irqm_log(IRQMAP_LOG_WARN,
					 "irq_create_fwspec_mapping: type mismatch, failed to map hwirq %lu of %s (mapped %s, asked %s)",
					 hwirq, d->name, irqm_type_name(cur),
					 irqm_type_name(type));
				return 0;
			}
			irqd_set_trigger_type(m->lv[0].data, type);
		}
		if (!irqm_mapping_get(m, caller))
			virq = m->virq;
		irqm_mutex_unlock(irqm_root_mutex(d));
		return virq;
	}

	if (d->flags & IRQ_DOMAIN_FLAG_HIERARCHY) {
		struct irq_fwspec plain = {
			.fwnode = d->fwnode, .param_count = 1,
			.param = { (uint32_t)hwirq },
		};

		irq = irqm_hierarchy_alloc_locked(d, 1, fwspec ? fwspec : &plain,
						  caller);
		if (irq > 0) {
			virq = (unsigned int)irq;
			if (type != IRQ_TYPE_NONE)
				irqd_set_trigger_type(irq_get_irq_data(virq),
						      type);
		}
		irqm_mutex_unlock(irqm_root_mutex(d));
		return virq;
	}
	irq = irq_alloc_descs(-1, 1, 1, 0);
	if (irq > 0) {
		if (irqm_associate_locked(d, (unsigned int)irq, hwirq, type,
					  false, caller))
			irqm_desc_free_range((unsigned int)irq, 1);
		else
			virq = (unsigned int)irq;
	}
	irqm_mutex_unlock(irqm_root_mutex(d));
	return virq;
}

unsigned int irq_create_mapping(struct irq_domain *domain,
				irq_hw_number_t hwirq)
{
	return irqm_create_mapping(domain, hwirq, IRQ_TYPE_NONE, NULL,
				   __builtin_return_address(0));
}

/* The mapping @virq belongs to; caller holds RCU or the root mutex. */
struct irq_mapping *irqm_virq_to_mapping(unsigned int virq)
{
	struct irq_desc *desc = irq_to_desc(virq);

	if (!desc)
		return NULL;
	return atomic_load_explicit(&desc->mapping, memory_order_acquire);
}

static int dispose_locked(struct irq_mapping *m, const void *caller)
{
	char who[128];

	irqm_lockdep_assert_held(irqm_root_mutex(m->lv[0].domain));
	if (!m->published) {
		irqm_symbolize(caller, who, sizeof(who));
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_dispose_mapping: virq %u was disposed already (extra dispose from %s)",
			 m->virq, who);
		return -ENOENT;
	}
	if (!norefcount(m) && m->legacy && irqm_ref_read(&m->ref) == 1) {
		irqm_symbolize(caller, who, sizeof(who));
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_dispose_mapping: virq %u holds only its legacy domain's reference (extra dispose from %s)",
			 m->virq, who);
		return -ENOENT;
	}
	if ((norefcount(m) || irqm_ref_read(&m->ref) == 1) &&
	    irqm_desc_has_actions(irqm_mapping_desc(m))) {
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_dispose_mapping: virq %u still has handlers; free_irq() them first",
			 m->virq);
		return -EBUSY;
	}
	if (norefcount(m)) {
		irqm_refdebug_put(m, caller);
		irqm_mapping_teardown_locked(m, true);
		return 0;
	}
	if (irqm_ref_put_and_test(&m->ref)) {
		irqm_refdebug_put(m, caller);
		irqm_mapping_teardown_locked(m, true);
		return 0;
	}
	irqm_refdebug_put(m, caller);
	return 0;
}

int irqm_dispose_mapping(unsigned int virq, const void *caller)
{
	struct irq_mapping *m;
	struct irqm_mutex *root;
	char who[128];
	int ret;

	irqm_rcu_read_lock();
	m = irqm_virq_to_mapping(virq);
	if (!m) {
		irqm_rcu_read_unlock();
		irqm_symbolize(caller, who, sizeof(who));
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_dispose_mapping: virq %u has no mapping (dispose from %s)",
			 virq, who);
		return -ENOENT;
	}
	if (!norefcount(m) && irqm_ref_put_not_last(&m->ref)) {
		irqm_refdebug_put(m, caller);
		irqm_rcu_read_unlock();
		return 0;
	}
	/*
	 * Possibly the last reference: take the mutex. Still inside the RCU
	 * section, so @m and its domain stay valid while we wait; nothing
	 * that holds a root mutex ever waits for a grace period.
	 */
	root = irqm_root_mutex(m->lv[0].domain);
	irqm_mutex_lock(root);
	ret = dispose_locked(m, caller);
	irqm_mutex_unlock(root);
	irqm_rcu_read_unlock();
	return ret;
}

int irq_dispose_mapping(unsigned int virq)
{
	if (!virq)
		return 0;
	if (!IRQM_READY())
		return -ENODEV;
	return irqm_dispose_mapping(virq, __builtin_return_address(0));
}

struct irq_desc *irq_resolve_mapping(struct irq_domain *domain,
				     irq_hw_number_t hwirq)
{
	struct irq_mapping *m;

#ifdef IRQMAP_DEBUG_LOCKS
	if (!irqm_rcu_read_ongoing()) {
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_resolve_mapping: called outside irqmap_read_lock()");
		abort();
	}
#endif
	if (!domain || hwirq >= domain->hwirq_max)
		return NULL;
	m = irqm_revmap_lookup(domain, hwirq);
	return m ? irqm_mapping_desc(m) : NULL;
}

unsigned int irq_mapping_refcount(unsigned int virq)
{
	struct irq_mapping *m;
	unsigned int n = 0;

	irqm_rcu_read_lock();
	m = irqm_virq_to_mapping(virq);
	if (m)
		n = irqm_ref_read(&m->ref);
	irqm_rcu_read_unlock();
	return n;
}

void irqm_mapping_info(struct irq_mapping *m, struct irq_domain *d,
		       irq_hw_number_t hwirq, struct irqmap_mapping_info *info)
{
	info->domain = d;
	info->hwirq = hwirq;
	info->virq = m->virq;
	info->type = irqd_get_trigger_type(m->lv[0].data);
	info->refcount = irqm_ref_read(&m->ref);
	info->nr_irqs = m->alloc_nr;
	info->legacy = m->legacy;
}
