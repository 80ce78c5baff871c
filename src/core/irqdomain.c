// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqdomain.c - creating, finding and removing interrupt domains.
 *
 * Domains live on one RCU list, parents before children. The domain-list
 * lock serialises creation and removal; each hierarchy's mappings are
 * serialised by the mutex of its root. Lock order: domain-list lock, then a
 * root mutex, then the virq-space lock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "core.h"
#include "internals.h"
#include "log.h"

struct irqm_domain {
	struct irq_domain d;
	struct irq_domain_private p;
};

void irqm_domain_lock_list(void)
{
	irqm_mutex_lock(&irqm.domain_lock);
}

void irqm_domain_unlock_list(void)
{
	irqm_mutex_unlock(&irqm.domain_lock);
}

struct fwnode_handle *irq_domain_alloc_named_fwnode(const char *name)
{
	struct fwnode_handle *fw;

	if (!name) {
		irqm_err("NULL name");
		errno = EINVAL;
		return NULL;
	}
	fw = irqm_calloc(1, sizeof(*fw));
	if (fw)
		fw->name = irqm_strdup(name);
	if (!fw || !fw->name) {
		irqm_free(fw);
		irqm_err("out of memory");
		errno = ENOMEM;
		return NULL;
	}
	fw->kind = FWNODE_KIND_NAMED;
	return fw;
}

void irq_domain_free_fwnode(struct fwnode_handle *fwnode)
{
	if (!fwnode)
		return;
	if (fwnode->kind != FWNODE_KIND_NAMED) {
		irqm_err("fwnode %s was not allocated by irq_domain_alloc_named_fwnode()",
			 fwnode->name ? fwnode->name : "(unnamed)");
		return;
	}
	irqm_free((char *)fwnode->name);
	irqm_free(fwnode);
}

/* Is @d on the domain list? Caller holds the list lock. */
static bool domain_registered_locked(struct irq_domain *d)
{
	return irqm_domset_has_locked(d);
}

/*
 * Writers keep a tail and a prev link (under the list lock) so that adding
 * and removing a domain do not walk the list; readers only follow next.
 */
static void domain_list_append_locked(struct irq_domain_private *p)
{
	irqm_lockdep_assert_held(&irqm.domain_lock);
	atomic_init(&p->next, NULL);
	p->prev = irqm.domains_tail;
	if (p->prev)
		irqm_rcu_assign(p->prev->next, p);
	else
		irqm_rcu_assign(irqm.domains, p);
	irqm.domains_tail = p;
}

/* Readers already on @p keep walking: its next pointer stays intact. */
static void domain_list_del_locked(struct irq_domain_private *p)
{
	struct irq_domain_private *next = atomic_load(&p->next);

	irqm_lockdep_assert_held(&irqm.domain_lock);
	if (p->prev)
		irqm_rcu_assign(p->prev->next, next);
	else
		irqm_rcu_assign(irqm.domains, next);
	if (next)
		next->prev = p->prev;
	else
		irqm.domains_tail = p->prev;
	irqm_domset_del_locked(p->domain);
}

static void domain_free(struct irq_domain *d)
{
	struct irqm_domain *dd = caa_container_of(d, struct irqm_domain, d);

	irqm_revmap_destroy(d);
	irqm_mutex_destroy(&dd->p.mutex);
	irqm_free(dd->p.allocated_name);
	irqm_free(dd);
}

/*
 * Create and register a domain. @size 0 gives a tree revmap. @parent, when
 * set, must be registered; the new domain joins its hierarchy.
 */
struct irq_domain *irqm_domain_create(struct irq_domain *parent,
				      unsigned int flags, unsigned int size,
				      irq_hw_number_t hwirq_max,
				      struct fwnode_handle *fwnode,
				      const struct irq_domain_ops *ops,
				      void *host_data, const char *func)
{
	struct irqm_domain *dd;
	struct irq_domain *d;
	char buf[32];

	if (!irqm_check_ready(func)) {
		errno = ENODEV;
		return NULL;
	}
	if (!ops) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL ops", func);
		errno = EINVAL;
		return NULL;
	}
	dd = irqm_calloc(1, sizeof(*dd));
	if (!dd)
		goto nomem;
	d = &dd->d;
	d->priv = &dd->p;
	dd->p.domain = d;
	d->ops = ops;
	d->host_data = host_data;
	d->flags = flags | (ops->alloc ? IRQ_DOMAIN_FLAG_HIERARCHY : 0);
	d->fwnode = fwnode;
	d->bus_token = DOMAIN_BUS_ANY;
	d->hwirq_max = hwirq_max;
	d->revmap_size = size;
	irqm_mutex_init(&dd->p.mutex, "irq_domain.root.mutex");
	atomic_init(&dd->p.mapcount, 0);
	if (irqm_revmap_init(d, size)) {
		irqm_mutex_destroy(&dd->p.mutex);
		irqm_free(dd);
		goto nomem;
	}

	irqm_domain_lock_list();
	if (parent && (!domain_registered_locked(parent) ||
		       parent->priv->dead)) {
		irqm_domain_unlock_list();
		domain_free(d);
		irqm_log(IRQMAP_LOG_ERR, "%s: parent domain is not registered",
			 func);
		errno = EINVAL;
		return NULL;
	}
	dd->p.id = irqm.next_domain_id;
	if (!fwnode || !fwnode->name) {
		snprintf(buf, sizeof(buf), "unknown-%lu", dd->p.id);
		dd->p.allocated_name = irqm_strdup(buf);
		if (!dd->p.allocated_name) {
			irqm_domain_unlock_list();
			domain_free(d);
			goto nomem;
		}
		d->name = dd->p.allocated_name;
		d->flags |= IRQ_DOMAIN_NAME_ALLOCATED;
	} else {
		d->name = fwnode->name;
	}
	irqm.next_domain_id++;
	d->parent = parent;
	d->root = parent ? parent->root : d;
	if (irqm_domset_add_locked(d)) {
		irqm_domain_unlock_list();
		domain_free(d);
		goto nomem;
	}
	if (parent)
		parent->priv->nr_children++;
	domain_list_append_locked(&dd->p);
	irqm_domain_unlock_list();
	return d;

nomem:
	irqm_log(IRQMAP_LOG_ERR, "%s: out of memory", func);
	errno = ENOMEM;
	return NULL;
}

struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode,
					    unsigned int size,
					    const struct irq_domain_ops *ops,
					    void *host_data)
{
	if (!size) {
		irqm_err("size 0");
		errno = EINVAL;
		return NULL;
	}
	return irqm_domain_create(NULL, 0, size, size, fwnode, ops, host_data,
				  __func__);
}

struct irq_domain *irq_domain_create_tree(struct fwnode_handle *fwnode,
					  const struct irq_domain_ops *ops,
					  void *host_data)
{
	return irqm_domain_create(NULL, 0, 0, ~0ul, fwnode, ops, host_data,
				  __func__);
}

/* Remove the legacy range's own mappings and descriptors. */
static void legacy_teardown_locked(struct irq_domain *d, unsigned int done)
{
	struct irq_domain_private *p = d->priv;

	irqm_root_assert_held(d);
	for (unsigned int i = 0; i < p->legacy_size; i++) {
		unsigned int virq = p->legacy_first_irq + i;
		struct irq_mapping *m = irqm_virq_to_mapping(virq);

		if (i < done && m)
			irqm_mapping_teardown_locked(m, true);
		else
			irqm_desc_free_range(virq, 1);
	}
}

struct irq_domain *irq_domain_create_legacy(struct fwnode_handle *fwnode,
					    unsigned int size,
					    unsigned int first_irq,
					    irq_hw_number_t first_hwirq,
					    const struct irq_domain_ops *ops,
					    void *host_data)
{
	const void *caller = __builtin_return_address(0);
	struct irq_domain *d;
	unsigned int i;
	int ret;

	if (!size || !first_irq || first_hwirq + size < first_hwirq) {
		irqm_err("bad range: size %u, first irq %u, first hwirq %lu",
			 size, first_irq, first_hwirq);
		errno = EINVAL;
		return NULL;
	}
	if (first_hwirq + size > ~0u) {
		irqm_err("hwirq range too large for a linear map");
		errno = EINVAL;
		return NULL;
	}
	d = irqm_domain_create(NULL, 0, (unsigned int)(first_hwirq + size),
			       first_hwirq + size, fwnode, ops, host_data,
			       __func__);
	if (!d)
		return NULL;
	ret = irq_alloc_descs((int)first_irq, first_irq, size, 0);
	if (ret < 0) {
		irq_domain_remove(d);
		errno = -ret;
		return NULL;
	}
	d->priv->legacy_first_irq = first_irq;
	d->priv->legacy_first_hwirq = first_hwirq;
	d->priv->legacy_size = size;

	irqm_mutex_lock(irqm_root_mutex(d));
	for (i = 0; i < size; i++) {
		ret = irqm_associate_locked(d, first_irq + i, first_hwirq + i,
					    IRQ_TYPE_NONE, true, caller);
		if (ret)
			break;
	}
	if (i < size) {
		legacy_teardown_locked(d, i);
		d->priv->legacy_size = 0;
		irqm_mutex_unlock(irqm_root_mutex(d));
		irq_domain_remove(d);
		errno = ret == -ENOMEM ? ENOMEM : EINVAL;
		return NULL;
	}
	irqm_mutex_unlock(irqm_root_mutex(d));
	return d;
}

static int busy_report(const struct irqmap_mapping_info *info, void *arg)
{
	struct irq_mapping *m = irqm_virq_to_mapping(info->virq);

	(void)arg;
	if (info->legacy && info->refcount == 1 && m &&
	    !irqm_desc_has_actions(irqm_mapping_desc(m)))
		return 0;
	if (m && irqm_desc_has_actions(irqm_mapping_desc(m)))
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_domain_remove: virq %u still has handlers; free_irq() them first",
			 info->virq);
	irqm_log(IRQMAP_LOG_ERR,
		 "irq_domain_remove: domain %s still maps hwirq %lu to virq %u (%u reference%s)",
		 info->domain->name, info->hwirq, info->virq, info->refcount,
		 info->refcount == 1 ? "" : "s");
	if (m)
		irqm_refdebug_log_holders(m);
	return 0;
}

static int count_user_mapping(struct irq_map_level *lv, void *arg)
{
	struct irq_mapping *m = lv->m;

	/* a legacy line with only the domain's pin and no handler is free */
	if (!(m->legacy && lv->domain == m->lv[0].domain &&
	      irqm_ref_read(&m->ref) == 1 && !irqm_desc_has_actions(irqm_mapping_desc(m))))
		++*(unsigned int *)arg;
	return 0;
}

int irq_domain_remove(struct irq_domain *d)
{
	unsigned int users = 0;

	if (!IRQM_READY())
		return -ENODEV;
	if (!d) {
		irqm_err("NULL domain");
		return -EINVAL;
	}
	irqm_domain_lock_list();
	if (!domain_registered_locked(d)) {
		irqm_domain_unlock_list();
		irqm_err("not a registered domain");
		return -EINVAL;
	}
	if (d->priv->nr_children) {
		irqm_domain_unlock_list();
		irqm_err("domain %s still has %u child domain%s",
			 d->name, d->priv->nr_children,
			 d->priv->nr_children == 1 ? "" : "s");
		return -EBUSY;
	}
	irqm_mutex_lock(irqm_root_mutex(d));
	/* legacy domains are linear: the walk allocates nothing */
	if (d->priv->legacy_size)
		irqm_revmap_for_each(d, count_user_mapping, &users);
	else
		users = atomic_load(&d->priv->mapcount);
	if (users) {
		irqm_err("domain %s still has %u mapping%s", d->name, users,
			 users == 1 ? "" : "s");
		irqm_domain_for_each_mapping_locked(d, busy_report, NULL);
		irqm_mutex_unlock(irqm_root_mutex(d));
		irqm_domain_unlock_list();
		return -EBUSY;
	}
	d->priv->dead = true;
	legacy_teardown_locked(d, d->priv->legacy_size);
	irqm_mutex_unlock(irqm_root_mutex(d));
	domain_list_del_locked(d->priv);
	if (d->fwnode && d->fwnode->kind == FWNODE_KIND_OF)
		irqm_of_domain_removed(d);
	if (d->parent)
		d->parent->priv->nr_children--;
	if (atomic_load(&irqm.default_domain) == d)
		atomic_store(&irqm.default_domain, NULL);
	irqm_domain_unlock_list();

	irqm_synchronize_rcu();
	domain_free(d);
	return 0;
}

/* irqmap_exit(): free every domain, children first, without callbacks. */
void irqm_domain_free_all(void)
{
	struct irq_domain_private *p;

	irqm.domains_tail = NULL;
	irqm_domset_exit();
	while ((p = atomic_load(&irqm.domains))) {
		atomic_store(&irqm.domains, atomic_load(&p->next));
		/*
		 * No call to the device-tree layer here: a fwnode left behind
		 * may be gone already. Its trees tell by the generation.
		 */
		domain_free(p->domain);
	}
}

void irq_domain_update_bus_token(struct irq_domain *domain,
				 enum irq_domain_bus_token bus_token)
{
	if (!domain) {
		irqm_err("NULL domain");
		return;
	}
	irqm_domain_lock_list();
	domain->bus_token = bus_token;
	irqm_domain_unlock_list();
}

int irq_domain_set_refcounting(struct irq_domain *domain, bool enable)
{
	int ret = 0;

	if (!domain) {
		irqm_err("NULL domain");
		return -EINVAL;
	}
	irqm_mutex_lock(irqm_root_mutex(domain));
	if (atomic_load(&domain->priv->mapcount)) {
		irqm_err("domain %s has mappings; change its semantics before mapping",
			 domain->name);
		ret = -EBUSY;
	} else if (enable) {
		domain->flags &= ~IRQ_DOMAIN_FLAG_NO_REFCOUNT;
	} else {
		domain->flags |= IRQ_DOMAIN_FLAG_NO_REFCOUNT;
	}
	irqm_mutex_unlock(irqm_root_mutex(domain));
	return ret;
}

static bool domain_matches(struct irq_domain *d, struct irq_fwspec *fwspec,
			   enum irq_domain_bus_token bus_token)
{
	if (fwspec->fwnode && d->ops->select && bus_token != DOMAIN_BUS_ANY)
		return d->ops->select(d, fwspec, bus_token);
	if (d->ops->match)
		return d->ops->match(d, fwspec->fwnode, bus_token);
	return d->fwnode && d->fwnode == fwspec->fwnode &&
	       (bus_token == DOMAIN_BUS_ANY || d->bus_token == bus_token);
}

struct irq_domain *irq_find_matching_fwspec(struct irq_fwspec *fwspec,
					    enum irq_domain_bus_token bus_token)
{
	struct irq_domain_private *p;
	struct irq_domain *found = NULL;

	if (!fwspec) {
		irqm_err("NULL fwspec");
		errno = EINVAL;
		return NULL;
	}
	if (!atomic_load(&irqm.ready))
		return NULL;
	irqm_rcu_read_lock();
	irqm_for_each_domain(p) {
		struct irq_domain *d = p->domain;

		if (domain_matches(d, fwspec, bus_token)) {
			found = d;
			break;
		}
	}
	irqm_rcu_read_unlock();
	if (!found)
		errno = ENOENT;
	return found;
}

struct irq_domain *irq_find_matching_fwnode(struct fwnode_handle *fwnode,
					    enum irq_domain_bus_token bus_token)
{
	struct irq_fwspec fwspec = { .fwnode = fwnode };

	if (!fwnode) {
		errno = ENOENT;
		return NULL;
	}
	return irq_find_matching_fwspec(&fwspec, bus_token);
}

void irq_set_default_host(struct irq_domain *domain)
{
	irqm_domain_lock_list();
	atomic_store(&irqm.default_domain, domain);
	irqm_domain_unlock_list();
}

struct irq_domain *irq_get_default_host(void)
{
	return atomic_load(&irqm.default_domain);
}

unsigned int irq_domain_mapcount(struct irq_domain *domain)
{
	return domain ? atomic_load(&domain->priv->mapcount) : 0;
}

int irq_domain_for_each(int (*fn)(struct irq_domain *d, void *arg), void *arg)
{
	struct irq_domain_private *p;
	int ret = 0;

	if (!IRQM_READY())
		return -ENODEV;
	irqm_domain_lock_list();
	irqm_for_each_domain(p) {
		ret = fn(p->domain, arg);
		if (ret)
			break;
	}
	irqm_domain_unlock_list();
	return ret;
}

struct info_walk {
	int (*fn)(const struct irqmap_mapping_info *m, void *arg);
	void *arg;
};

static int info_one(struct irq_map_level *lv, void *arg)
{
	struct info_walk *w = arg;
	struct irqmap_mapping_info info;

	irqm_mapping_info(lv->m, lv->domain, lv->hwirq, &info);
	return w->fn(&info, w->arg);
}

int irqm_domain_for_each_mapping_locked(struct irq_domain *d,
		int (*fn)(const struct irqmap_mapping_info *m, void *arg),
		void *arg)
{
	struct info_walk w = { fn, arg };

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	return irqm_revmap_for_each(d, info_one, &w);
}

int irq_domain_for_each_mapping(struct irq_domain *domain,
				int (*fn)(const struct irqmap_mapping_info *m,
					  void *arg),
				void *arg)
{
	int ret;

	if (!domain || !fn) {
		irqm_err("NULL %s", domain ? "callback" : "domain");
		return -EINVAL;
	}
	irqm_mutex_lock(irqm_root_mutex(domain));
	ret = irqm_domain_for_each_mapping_locked(domain, fn, arg);
	irqm_mutex_unlock(irqm_root_mutex(domain));
	return ret;
}
