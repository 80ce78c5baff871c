// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * hierarchy.c - interrupts that cross several domains.
 *
 * One allocation makes, for each virq, one mapping with one level per
 * domain from the outermost to the root. The library records which levels'
 * ->alloc succeeded and which ->free ran, so that an error anywhere, or a
 * driver that forgets to free its parent, still leaves no trace: levels
 * still allocated are freed children first. Trimmed (disconnected) levels
 * are never published and never freed through ->free.
 */
#include <errno.h>
#include <stdlib.h>

#include "alloc.h"
#include "core.h"
#include "log.h"

/* The trim marker a level's chip is set to by irq_domain_disconnect_hierarchy. */
static struct irq_chip chip_disconnected = { .name = "disconnected" };

unsigned int irqm_domain_depth(const struct irq_domain *d)
{
	unsigned int n = 1;

	for (; d->parent; d = d->parent)
		n++;
	return n;
}

struct irq_domain *irq_domain_create_hierarchy(struct irq_domain *parent,
					       unsigned int flags,
					       unsigned int size,
					       struct fwnode_handle *fwnode,
					       const struct irq_domain_ops *ops,
					       void *host_data)
{
	if (!parent) {
		irqm_err("NULL parent; create a root with irq_domain_create_linear/tree");
		errno = EINVAL;
		return NULL;
	}
	return irqm_domain_create(parent, flags | IRQ_DOMAIN_FLAG_HIERARCHY,
				  size, size ? size : ~0ul, fwnode, ops,
				  host_data, __func__);
}

struct irq_data *irq_domain_get_irq_data(struct irq_domain *domain,
					 unsigned int virq)
{
	struct irq_data *d = irq_get_irq_data(virq);

	for (; d; d = d->parent_data)
		if (d->domain == domain)
			return d;
	return NULL;
}

/*
 * The mapping of virq ctx->base + @i: from the array while allocating,
 * through the descriptor's owner pointer while freeing (it is cleared only
 * after every level is freed).
 */
static struct irq_mapping *ctx_get(struct irqm_alloc_ctx *ctx, unsigned int i)
{
	if (ctx->ms)
		return ctx->ms[i];
	return atomic_load(&irq_to_desc(ctx->base + i)->mapping);
}

/* Does @ctx cover [base, base + nr)? */
static bool ctx_covers(const struct irqm_alloc_ctx *ctx, unsigned int base,
		       unsigned int nr)
{
	return ctx && base >= ctx->base && nr <= ctx->nr &&
	       base - ctx->base <= ctx->nr - nr;
}

/* Record that @d's level of [base, base + nr) is now (un)allocated. */
static int mark_levels(struct irq_domain *d, unsigned int base,
		       unsigned int nr, bool allocated)
{
	struct irqm_alloc_ctx *ctx = d->root->priv->alloc_ctx;

	if (!ctx_covers(ctx, base, nr))
		return -EINVAL;
	for (unsigned int i = base - ctx->base; i < base - ctx->base + nr; i++) {
		struct irq_map_level *lv = irqm_mapping_level(ctx_get(ctx, i), d);

		if (!lv)
			return -EINVAL;
		lv->allocated = allocated;
	}
	return 0;
}

static int alloc_level_locked(struct irq_domain *d, unsigned int base,
			      unsigned int nr, void *arg)
{
	struct irqm_alloc_ctx *ctx = d->root->priv->alloc_ctx;
	int ret;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (!d->ops->alloc) {
		irqm_log(IRQMAP_LOG_ERR, "domain %s has no ->alloc", d->name);
		return -ENOSYS;
	}
	if (!ctx_covers(ctx, base, nr)) {
		irqm_log(IRQMAP_LOG_ERR,
			 "domain %s: virqs %u+%u are outside the allocation",
			 d->name, base, nr);
		return -EINVAL;
	}
	ret = d->ops->alloc(d, base, nr, arg);
	if (ret)
		return ret < 0 ? ret : -EINVAL;
	return mark_levels(d, base, nr, true);
}

/*
 * Free @d's level of each virq in [base, base + nr), one virq at a time as
 * the kernel does. Virqs that do not cross @d (trimmed) are skipped; a
 * level freed twice is reported and skipped.
 */
static void free_level_locked(struct irq_domain *d, unsigned int base,
			      unsigned int nr)
{
	struct irqm_alloc_ctx *ctx = d->root->priv->alloc_ctx;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (!ctx_covers(ctx, base, nr)) {
		irqm_log(IRQMAP_LOG_ERR,
			 "domain %s: virqs %u+%u are not being allocated or freed",
			 d->name, base, nr);
		return;
	}
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_map_level *lv;

		lv = irqm_mapping_level(ctx_get(ctx, base - ctx->base + i), d);
		if (!lv)
			continue;
		if (!lv->allocated) {
			irqm_log(IRQMAP_LOG_WARN,
				 "domain %s: virq %u freed twice", d->name,
				 base + i);
			continue;
		}
		/* unmark first: ->free frees its own parent level in turn */
		lv->allocated = false;
		if (d->ops->free)
			d->ops->free(d, base + i, 1);
	}
}

int irq_domain_alloc_irqs_parent(struct irq_domain *domain,
				 unsigned int irq_base, unsigned int nr_irqs,
				 void *arg)
{
	if (!domain || !domain->parent)
		return -ENOSYS;
	return alloc_level_locked(domain->parent, irq_base, nr_irqs, arg);
}

void irq_domain_free_irqs_parent(struct irq_domain *domain,
				 unsigned int irq_base, unsigned int nr_irqs)
{
	if (domain && domain->parent)
		free_level_locked(domain->parent, irq_base, nr_irqs);
}

int irq_domain_set_hwirq_and_chip(struct irq_domain *domain,
				  unsigned int virq, irq_hw_number_t hwirq,
				  struct irq_chip *chip, void *chip_data)
{
	struct irq_data *d = irq_domain_get_irq_data(domain, virq);

	if (!d)
		return -ENOENT;
	d->hwirq = hwirq;
	irqm_set_chip_ptr(d, chip ? chip : &no_irq_chip);
	d->chip_data = chip_data;
	return 0;
}

void irq_domain_set_info(struct irq_domain *domain, unsigned int virq,
			 irq_hw_number_t hwirq, struct irq_chip *chip,
			 void *chip_data, irq_flow_handler_t handler,
			 void *handler_data, const char *handler_name)
{
	if (irq_domain_set_hwirq_and_chip(domain, virq, hwirq, chip, chip_data))
		return;
	irqm_set_flow_handler(virq, handler, handler_name);
	irq_set_handler_data(virq, handler_data);
}

void irq_domain_reset_irq_data(struct irq_data *irq_data)
{
	irq_data->hwirq = 0;
	irqm_set_chip_ptr(irq_data, &no_irq_chip);
	irq_data->chip_data = NULL;
}

void irq_domain_free_irqs_common(struct irq_domain *domain, unsigned int virq,
				 unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *d = irq_domain_get_irq_data(domain, virq + i);

		if (d)
			irq_domain_reset_irq_data(d);
	}
	irq_domain_free_irqs_parent(domain, virq, nr_irqs);
}

void irq_domain_free_irqs_top(struct irq_domain *domain, unsigned int virq,
			      unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		irq_set_handler_data(virq + i, NULL);
		irqm_set_flow_handler(virq + i, NULL, NULL);
	}
	irq_domain_free_irqs_common(domain, virq, nr_irqs);
}

int irq_domain_disconnect_hierarchy(struct irq_domain *domain,
				    unsigned int virq)
{
	struct irq_data *d = irq_domain_get_irq_data(domain, virq);

	if (!d)
		return -EINVAL;
	irqm_set_chip_ptr(d, &chip_disconnected);
	return 0;
}

/*
 * Check the trim markers of one virq and cut the levels below the first
 * one off, as the kernel does: the outermost level needs a chip, a level
 * without a chip may only follow a marker, and none may have one after it.
 */
static int trim_locked(struct irq_mapping *m)
{
	struct irq_chip *top = m->lv[0].data->chip;
	int tail = -1;

	irqm_root_assert_held(m->lv[0].domain);
	if (!top || top == &chip_disconnected) {
		irqm_log(IRQMAP_LOG_ERR,
			 "domain %s: ->alloc set no chip for virq %u",
			 m->lv[0].domain->name, m->virq);
		return -EINVAL;
	}
	for (unsigned int l = 1; l < m->nr_levels; l++) {
		struct irq_chip *chip = m->lv[l].data->chip;

		if ((chip && tail >= 0) || (!chip && tail < 0)) {
			irqm_log(IRQMAP_LOG_ERR,
				 "virq %u: level %s is %s",
				 m->virq, m->lv[l].domain->name,
				 chip ? "set after a disconnected level"
				      : "not allocated");
			return -EINVAL;
		}
		if (chip == &chip_disconnected)
			tail = (int)l - 1;
	}
	if (tail < 0)
		return 0;
	irqm_log(IRQMAP_LOG_DEBUG, "virq %u: trimming hierarchy from %s",
		 m->virq, m->lv[tail + 1].domain->name);
	m->lv[tail].data->parent_data = NULL;
	m->nr_levels = (unsigned int)tail + 1;
	return 0;
}

struct level_key {
	struct irq_domain *domain;
	irq_hw_number_t hwirq;
};

static int cmp_key(const void *a, const void *b)
{
	const struct level_key *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	return x->hwirq < y->hwirq ? -1 : x->hwirq > y->hwirq;
}

/* Every level's hwirq must fit its domain and be free, within and without. */
static int check_levels_locked(struct irq_mapping **ms, unsigned int nr)
{
	struct level_key *keys;
	size_t n = 0;
	int ret = 0;

	irqm_root_assert_held(ms[0]->lv[0].domain);
	for (unsigned int i = 0; i < nr; i++)
		n += ms[i]->nr_levels;
	keys = irqm_calloc(n, sizeof(*keys));
	if (!keys)
		return -ENOMEM;
	n = 0;
	irqm_rcu_read_lock();
	for (unsigned int i = 0; i < nr && !ret; i++) {
		for (unsigned int l = 0; l < ms[i]->nr_levels; l++) {
			struct irq_domain *d = ms[i]->lv[l].domain;
			irq_hw_number_t hw = ms[i]->lv[l].data->hwirq;
			struct irq_mapping *old;

			if (hw >= d->hwirq_max) {
				irqm_log(IRQMAP_LOG_ERR,
					 "domain %s: ->alloc chose hwirq %lu, beyond its size %lu",
					 d->name, hw, d->hwirq_max);
				ret = -EINVAL;
				break;
			}
			old = irqm_revmap_lookup(d, hw);
			if (old) {
				irqm_log(IRQMAP_LOG_ERR,
					 "domain %s: hwirq %lu is already mapped to virq %u",
					 d->name, hw, old->virq);
				ret = -EEXIST;
				break;
			}
			keys[n].domain = d;
			keys[n++].hwirq = hw;
		}
	}
	irqm_rcu_read_unlock();
	if (!ret && n > 1) {
		qsort(keys, n, sizeof(*keys), cmp_key);
		for (size_t i = 1; i < n; i++)
			if (!cmp_key(&keys[i - 1], &keys[i])) {
				irqm_log(IRQMAP_LOG_ERR,
					 "domain %s: hwirq %lu allocated twice",
					 keys[i].domain->name, keys[i].hwirq);
				ret = -EEXIST;
				break;
			}
	}
	irqm_free(keys);
	return ret;
}

/*
 * Free every level of the virqs of @ctx that is still allocated, one virq
 * at a time: the outermost through its ->free (which frees its parents in
 * turn), then whatever a driver left behind, children before parents.
 */
static void release_levels_locked(struct irq_domain *top,
				  struct irqm_alloc_ctx *ctx)
{
	struct irqm_alloc_ctx *saved = top->root->priv->alloc_ctx;
	unsigned int depth = irqm_domain_depth(top);

	irqm_root_assert_held(top);
	top->root->priv->alloc_ctx = ctx;
	for (unsigned int l = 0; l < depth; l++)
		for (unsigned int i = 0; i < ctx->nr; i++) {
			struct irq_mapping *m = ctx_get(ctx, i);

			if (l < m->nr_levels && m->lv[l].allocated)
				free_level_locked(m->lv[l].domain,
						  ctx->base + i, 1);
		}
	top->root->priv->alloc_ctx = saved;
}

/* Build the level chain of one new virq below @d. */
static struct irq_mapping *mapping_for(struct irq_domain *d, unsigned int virq,
				       unsigned int base, unsigned int nr)
{
	unsigned int depth = irqm_domain_depth(d);
	struct irq_mapping *m = irqm_mapping_new(depth);
	struct irq_desc *desc = irq_to_desc(virq);

	if (!m)
		return NULL;
	m->virq = virq;
	m->alloc_base = base;
	m->alloc_nr = nr;
	m->hier = true;
	m->norefcount = d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT;
	m->lv[0].data = &desc->irq_data;
	/* depth counts d and its parents, so d is never NULL here */
	for (unsigned int l = 0; l < depth && d; l++, d = d->parent) {
		struct irq_data *data = m->lv[l].data;

		m->lv[l].domain = d;
		data->domain = d;
		if (l > 0) {
			/* the outermost level's is the descriptor's own */
			data->irq = virq;
			data->common = &desc->irq_common_data;
			data->chip = NULL;	/* set by the level's ->alloc */
			m->lv[l - 1].data->parent_data = data;
		}
	}
	return m;
}

int irqm_hierarchy_alloc_locked(struct irq_domain *d, unsigned int nr_irqs,
				void *arg, const void *caller)
{
	struct irqm_alloc_ctx ctx;
	struct irq_mapping **ms;
	unsigned int i, made = 0;
	int irq, ret;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (!(d->flags & IRQ_DOMAIN_FLAG_HIERARCHY) || !d->ops->alloc) {
		irqm_log(IRQMAP_LOG_ERR,
			 "domain %s is not hierarchical (no ->alloc)", d->name);
		return -EINVAL;
	}
	if (!nr_irqs || nr_irqs >= irq_get_nr_irqs()) {
		irqm_log(IRQMAP_LOG_ERR, "domain %s: cannot allocate %u interrupts",
			 d->name, nr_irqs);
		return -EINVAL;
	}
	/* room in every level's revmap first: publishing cannot fail */
	for (struct irq_domain *l = d; l; l = l->parent) {
		ret = irqm_revmap_reserve_locked(l, nr_irqs);
		if (ret)
			return ret;
	}
	ms = irqm_calloc(nr_irqs, sizeof(*ms));
	if (!ms)
		return -ENOMEM;
	irq = irq_alloc_descs(-1, 1, nr_irqs, 0);
	if (irq < 0) {
		irqm_free(ms);
		return irq;
	}
	for (i = 0; i < nr_irqs; i++, made++) {
		/*
		 * ->alloc sets chips and flow handlers through calls that
		 * return nothing (irq_domain_set_info()): each line gets its
		 * handling state first.
		 */
		ms[i] = irqm_handling_alloc(irq_to_desc((unsigned int)irq + i)) ?
			NULL : mapping_for(d, (unsigned int)irq + i,
					   (unsigned int)irq, nr_irqs);
		if (!ms[i]) {
			ret = -ENOMEM;
			goto undo;
		}
	}
	ctx = (struct irqm_alloc_ctx){ (unsigned int)irq, nr_irqs, ms };
	d->root->priv->alloc_ctx = &ctx;
	ret = alloc_level_locked(d, (unsigned int)irq, nr_irqs, arg);
	d->root->priv->alloc_ctx = NULL;
	for (i = 0; i < nr_irqs && !ret; i++)
		ret = trim_locked(ms[i]);
	if (!ret)
		ret = check_levels_locked(ms, nr_irqs);
	if (ret) {
		irqm_log(IRQMAP_LOG_ERR,
			 "domain %s: allocation of %u interrupt%s failed: %d",
			 d->name, nr_irqs, nr_irqs == 1 ? "" : "s", ret);
		release_levels_locked(d, &ctx);
		goto undo;
	}
	for (i = 0; i < nr_irqs; i++) {
		irqm_refdebug_get(ms[i], caller);
		irqm_mapping_publish_locked(ms[i]);
	}
	irqm_free(ms);
	return irq;

undo:
	/* descriptors were visible: free both after a grace period */
	for (i = 0; i < made; i++)
		irqm_mapping_free_deferred(ms[i]);
	irqm_desc_free_range((unsigned int)irq, nr_irqs);
	irqm_free(ms);
	return ret;
}

/*
 * Deactivate, unpublish and free the levels of the @nr mappings from @base,
 * which all belong to one hierarchy. Allocates nothing: freeing never
 * fails.
 */
void irqm_hierarchy_teardown_locked(unsigned int base, unsigned int nr)
{
	struct irqm_alloc_ctx ctx = { base, nr, NULL };
	struct irq_domain *top = ctx_get(&ctx, 0)->lv[0].domain;

	irqm_root_assert_held(top);
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_mapping *m = ctx_get(&ctx, i);

		irq_domain_deactivate_irq(m->lv[0].data);
		irqm_mapping_unpublish_revmaps_locked(m);
	}
	release_levels_locked(top, &ctx);
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_desc *desc = irq_to_desc(base + i);
		struct irq_mapping *m = atomic_load(&desc->mapping);

		atomic_store_explicit(&desc->mapping, NULL, memory_order_release);
		irqm_mapping_free_deferred(m);
	}
	irqm_desc_free_range(base, nr);
}

int irq_domain_alloc_irqs(struct irq_domain *domain, unsigned int nr_irqs,
			  int node, void *arg)
{
	const void *caller = __builtin_return_address(0);
	int ret;

	(void)node;
	if (!IRQM_READY())
		return -ENODEV;
	if (!domain) {
		irqm_err("NULL domain");
		return -EINVAL;
	}
	irqm_mutex_lock(irqm_root_mutex(domain));
	if (domain->priv->dead) {
		irqm_mutex_unlock(irqm_root_mutex(domain));
		irqm_err("domain %s was removed", domain->name);
		return -ENODEV;
	}
	ret = irqm_hierarchy_alloc_locked(domain, nr_irqs, arg, caller);
	irqm_mutex_unlock(irqm_root_mutex(domain));
	return ret;
}

/* Why the range cannot be freed as one allocation, or 0. */
static int check_range_locked(unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_mapping *m = irqm_virq_to_mapping(virq + i);

		if (!m || !m->published) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irq_domain_free_irqs: virq %u is not mapped",
				 virq + i);
			return -ENOENT;
		}
		irqm_root_assert_held(m->lv[0].domain);
		if (!m->hier) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irq_domain_free_irqs: virq %u was not allocated through a hierarchy",
				 virq + i);
			return -EINVAL;
		}
		if (m->alloc_base != virq || m->alloc_nr != nr_irqs) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irq_domain_free_irqs: virqs %u+%u are not one allocation (virq %u belongs to %u+%u)",
				 virq, nr_irqs, virq + i, m->alloc_base,
				 m->alloc_nr);
			return -EBUSY;
		}
		if (irqm_desc_has_actions(irqm_mapping_desc(m))) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irq_domain_free_irqs: virq %u still has handlers; free_irq() them first",
				 virq + i);
			return -EBUSY;
		}
	}
	return 0;
}

/*
 * Take each count from 1 to 0 while the mutex keeps lookups from reviving
 * them; a count above 1 means another user shares the vector. If one is
 * shared, the counts already taken are put back: no lockless reader can
 * have taken a reference meanwhile (get-unless-zero fails on 0), and the
 * mutex keeps every other path out.
 */
static int zero_range_locked(unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_mapping *m = irqm_virq_to_mapping(virq + i);
		unsigned int one = 1;

		irqm_root_assert_held(m->lv[0].domain);
		if (!atomic_compare_exchange_strong(&m->ref.refs, &one, 0)) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irq_domain_free_irqs: virq %u is shared: %u references",
				 virq + i, one);
			irqm_refdebug_log_holders(m);
			while (i--)
				atomic_store(&irqm_virq_to_mapping(virq + i)->ref.refs, 1);
			return -EBUSY;
		}
	}
	return 0;
}

int irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs)
{
	const void *caller = __builtin_return_address(0);
	struct irq_mapping *first;
	struct irqm_mutex *root;
	int ret;

	if (!IRQM_READY())
		return -ENODEV;
	if (!nr_irqs || !virq || nr_irqs >= irq_get_nr_irqs()) {
		irqm_err("bad range %u+%u", virq, nr_irqs);
		return -EINVAL;
	}
	irqm_rcu_read_lock();
	first = irqm_virq_to_mapping(virq);
	if (!first) {
		irqm_rcu_read_unlock();
		irqm_err("virq %u is not mapped", virq);
		return -ENOENT;
	}
	root = irqm_root_mutex(first->lv[0].domain);
	irqm_mutex_lock(root);
	ret = check_range_locked(virq, nr_irqs);
	if (!ret)
		ret = zero_range_locked(virq, nr_irqs);
	if (!ret) {
		for (unsigned int i = 0; i < nr_irqs; i++)
			irqm_refdebug_put(irqm_virq_to_mapping(virq + i), caller);
		irqm_hierarchy_teardown_locked(virq, nr_irqs);
	}
	irqm_mutex_unlock(root);
	irqm_rcu_read_unlock();
	return ret;
}
