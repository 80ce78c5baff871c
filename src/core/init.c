// SPDX-License-Identifier: LGPL-2.1-or-later
/* init.c - library set-up and tear-down. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "core.h"
#include "log.h"

#define NR_IRQS_DEFAULT	(1u << 21)
#define NR_IRQS_MIN	64u
#define NR_IRQS_MAX	(1u << 24)

struct irqm_state irqm;
__thread char irqm_thread_token;

bool irqm_not_ready(const char *func)
{
	irqm_log(IRQMAP_LOG_ERR, "%s: irqmap_init() has not been called", func);
	return false;
}

static int parse_nr_irqs(unsigned int *nr)
{
	const char *s = getenv("IRQMAP_NR_IRQS");
	char *end;
	unsigned long v;

	*nr = NR_IRQS_DEFAULT;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v < NR_IRQS_MIN || v > NR_IRQS_MAX) {
		irqm_log(IRQMAP_LOG_ERR,
			 "irqmap_init: IRQMAP_NR_IRQS=%s is not a number from %u to %u",
			 s, NR_IRQS_MIN, NR_IRQS_MAX);
		return -EINVAL;
	}
	*nr = (unsigned int)v;
	return 0;
}

const char *irqmap_version(void)
{
	return IRQMAP_VERSION_STRING;
}

int irqmap_init(void)
{
	const char *dbg = getenv("IRQMAP_DEBUG_REFS");
	unsigned int nr;
	int ret;

	if (atomic_load(&irqm.ready))
		return -EALREADY;
	ret = parse_nr_irqs(&nr);
	if (ret)
		return ret;
	irqm.nr_irqs = nr;
	irqm.debug_refs = dbg && strcmp(dbg, "1") == 0;
	irqm_mutex_init(&irqm.domain_lock, "irq_domain_mutex");
	atomic_init(&irqm.domains, NULL);
	irqm.domains_tail = NULL;
	irqm.next_domain_id = 0;
	irqm.generation++;
	atomic_store(&irqm.default_domain, NULL);
	ret = irqm_desc_init(nr);
	if (ret) {
		irqm_mutex_destroy(&irqm.domain_lock);
		irqm_log(IRQMAP_LOG_ERR, "irqmap_init: out of memory");
		return ret;
	}
	atomic_store_explicit(&irqm.ready, true, memory_order_release);
	return 0;
}

struct leftovers {
	unsigned int mappings;
	unsigned int domains;
	unsigned int descs;
};

static int report_mapping(const struct irqmap_mapping_info *info, void *arg)
{
	struct leftovers *l = arg;
	struct irq_mapping *m = irqm_virq_to_mapping(info->virq);

	if (m->lv[0].domain != info->domain)
		return 0;	/* reported at the level it was made in */
	l->mappings++;
	irqm_log(IRQMAP_LOG_WARN,
		 "irqmap_exit: left: domain %s hwirq %lu -> virq %u, %u reference%s",
		 info->domain->name, info->hwirq, info->virq, info->refcount,
		 info->refcount == 1 ? "" : "s");
	irqm_refdebug_log_holders(m);
	return 0;
}

static int report_domain(struct irq_domain *d, void *arg)
{
	struct leftovers *l = arg;

	l->domains++;
	irqm_log(IRQMAP_LOG_WARN, "irqmap_exit: left: domain %s (%u mapping%s)",
		 d->name, irq_domain_mapcount(d),
		 irq_domain_mapcount(d) == 1 ? "" : "s");
	irq_domain_for_each_mapping(d, report_mapping, l);
	return 0;
}

static int count_unmapped_desc(struct irq_desc *desc, void *arg)
{
	struct leftovers *l = arg;

	if (!atomic_load(&desc->mapping)) {
		l->descs++;
		irqm_log(IRQMAP_LOG_WARN,
			 "irqmap_exit: left: virq %u allocated without a mapping",
			 desc->irq_data.irq);
	}
	return 0;
}

struct mapping_list {
	struct irq_mapping **v;
	size_t n, cap;
};

static int collect_mapping(struct irq_map_level *lv, void *arg)
{
	struct mapping_list *ml = arg;

	if (lv->m->lv[0].domain != lv->domain)
		return 0;
	if (ml->n == ml->cap) {
		size_t cap = ml->cap ? ml->cap * 2 : 64;
		struct irq_mapping **v = realloc(ml->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		ml->v = v;
		ml->cap = cap;
	}
	ml->v[ml->n++] = lv->m;
	return 0;
}

/* Free every mapping of every domain; no reader may run any more. */
static void free_all_mappings(void)
{
	struct irq_domain_private *p;
	struct mapping_list ml = { 0 };

	irqm_for_each_domain(p) {
		struct irq_domain *d = p->domain;

		irqm_mutex_lock(irqm_root_mutex(d));
		irqm_revmap_for_each(d, collect_mapping, &ml);
		for (size_t i = 0; i < ml.n; i++) {
			struct irq_mapping *m = ml.v[i];

			for (unsigned int l = 0; l < m->nr_levels; l++)
				irqm_revmap_remove_locked(&m->lv[l]);
			atomic_store(&irqm_mapping_desc(m)->mapping, NULL);
			irqm_mapping_free_now(m);
		}
		ml.n = 0;
		irqm_mutex_unlock(irqm_root_mutex(d));
	}
	free(ml.v);
}

int irqmap_exit(void)
{
	struct leftovers l = { 0 };

	if (!atomic_load(&irqm.ready))
		return -ENODEV;
	irqm_rcu_barrier();
	irq_domain_for_each(report_domain, &l);
	irqm_desc_for_each(count_unmapped_desc, &l);
	if (l.domains || l.mappings || l.descs)
		irqm_log(IRQMAP_LOG_WARN,
			 "irqmap_exit: %u domain%s, %u mapping%s and %u bare virq%s were still alive; freed",
			 l.domains, l.domains == 1 ? "" : "s",
			 l.mappings, l.mappings == 1 ? "" : "s",
			 l.descs, l.descs == 1 ? "" : "s");

	free_all_mappings();
	irqm_domain_free_all();
	irqm_rcu_barrier();
	irqm_desc_exit();
	irqm_mutex_destroy(&irqm.domain_lock);
	atomic_store(&irqm.ready, false);
	return l.domains || l.mappings || l.descs ? -EBUSY : 0;
}

unsigned long irqm_init_generation(void)
{
	return atomic_load_explicit(&irqm.ready, memory_order_acquire) ?
	       irqm.generation : 0;
}
