// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * refdebug.c - IRQMAP_DEBUG_REFS: who holds each reference.
 *
 * Each reference taken while tracking is on leaves a record with the code
 * address that took it and the thread's owner label. A put drops the most
 * recent record with the putting thread's label (or, without a label, the
 * most recent unlabelled one), so holders still listed at the end are the
 * ones that never let go.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "core.h"
#include "log.h"

#define OWNER_LEN 48

struct ref_record {
	const void *caller;
	char owner[OWNER_LEN];
	unsigned long seq;
	struct ref_record *next;
};

struct irqm_refdebug {
	pthread_mutex_t lock;
	unsigned long seq;
	struct ref_record *head;	/* most recent first */
};

static __thread char thread_owner[OWNER_LEN];

bool irqmap_debug_refs_enabled(void)
{
	return irqm.debug_refs;
}

void irqmap_debug_set_owner(const char *owner)
{
	if (!owner) {
		thread_owner[0] = '\0';
		return;
	}
	snprintf(thread_owner, sizeof(thread_owner), "%s", owner);
}

void irqm_symbolize(const void *addr, char *buf, size_t len)
{
	Dl_info info;

	if (addr && dladdr(addr, &info) && info.dli_fname) {
		const char *file = strrchr(info.dli_fname, '/');

		file = file ? file + 1 : info.dli_fname;
		if (info.dli_sname)
			snprintf(buf, len, "%s+0x%lx (%s)", info.dli_sname,
				 (unsigned long)((const char *)addr -
						 (const char *)info.dli_saddr),
				 file);
		else
			snprintf(buf, len, "%s+0x%lx", file,
				 (unsigned long)((const char *)addr -
						 (const char *)info.dli_fbase));
		return;
	}
	snprintf(buf, len, "%p", addr);
}

void irqm_refdebug_get_slow(struct irq_mapping *m, const void *caller)
{
	struct ref_record *r;

	if (!m->rd) {
		/* first reference: the mapping is not published yet */
		m->rd = irqm_calloc(1, sizeof(*m->rd));
		if (!m->rd) {
			irqm_log(IRQMAP_LOG_WARN,
				 "virq %u: out of memory, references not tracked",
				 m->virq);
			return;
		}
		pthread_mutex_init(&m->rd->lock, NULL);
	}
	r = irqm_calloc(1, sizeof(*r));
	if (!r) {
		irqm_log(IRQMAP_LOG_WARN,
			 "virq %u: out of memory, one reference not tracked",
			 m->virq);
		return;
	}
	r->caller = caller;
	memcpy(r->owner, thread_owner, sizeof(r->owner));
	pthread_mutex_lock(&m->rd->lock);
	r->seq = ++m->rd->seq;
	r->next = m->rd->head;
	m->rd->head = r;
	pthread_mutex_unlock(&m->rd->lock);
}

void irqm_refdebug_put_slow(struct irq_mapping *m, const void *caller)
{
	struct ref_record **pp, **pick = NULL;

	(void)caller;
	if (!m->rd)
		return;
	pthread_mutex_lock(&m->rd->lock);
	for (pp = &m->rd->head; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->owner, thread_owner) == 0) {
			pick = pp;
			break;
		}
	if (!pick && m->rd->head)
		pick = &m->rd->head;
	if (pick) {
		struct ref_record *r = *pick;

		*pick = r->next;
		irqm_free(r);
	}
	pthread_mutex_unlock(&m->rd->lock);
}

void irqm_refdebug_free(struct irq_mapping *m)
{
	struct ref_record *r, *next;

	if (!m->rd)
		return;
	for (r = m->rd->head; r; r = next) {
		next = r->next;
		irqm_free(r);
	}
	pthread_mutex_destroy(&m->rd->lock);
	irqm_free(m->rd);
	m->rd = NULL;
}

static void format_record(const struct ref_record *r, char *buf, size_t len)
{
	char sym[128];

	irqm_symbolize(r->caller, sym, sizeof(sym));
	if (r->owner[0])
		snprintf(buf, len, "#%lu taken by %s for %s", r->seq, sym,
			 r->owner);
	else
		snprintf(buf, len, "#%lu taken by %s", r->seq, sym);
}

/* Print the holders of @m, one line each; returns how many. */
int irqm_refdebug_show(FILE *f, struct irq_mapping *m, const char *indent)
{
	struct ref_record *r;
	char line[256];
	int n = 0;

	if (!m->rd)
		return 0;
	pthread_mutex_lock(&m->rd->lock);
	for (r = m->rd->head; r; r = r->next) {
		format_record(r, line, sizeof(line));
		fprintf(f, "%s%s\n", indent, line);
		n++;
	}
	pthread_mutex_unlock(&m->rd->lock);
	return n;
}

void irqm_refdebug_log_holders(struct irq_mapping *m)
{
	struct ref_record *r;
	char line[256];

	if (!m->rd)
		return;
	pthread_mutex_lock(&m->rd->lock);
	for (r = m->rd->head; r; r = r->next) {
		format_record(r, line, sizeof(line));
		irqm_log(IRQMAP_LOG_WARN, "  virq %u: reference %s", m->virq,
			 line);
	}
	pthread_mutex_unlock(&m->rd->lock);
}

struct refs_walk {
	FILE *f;
	int total;
};

static int show_one(const struct irqmap_mapping_info *info, void *arg)
{
	struct refs_walk *w = arg;
	struct irq_mapping *m = irqm_virq_to_mapping(info->virq);

	if (m->lv[0].domain != info->domain)
		return 0;
	fprintf(w->f, "virq %u (domain %s, hwirq %lu): %u reference%s\n",
		info->virq, info->domain->name, info->hwirq, info->refcount,
		info->refcount == 1 ? "" : "s");
	w->total += irqm_refdebug_show(w->f, m, "  ");
	return 0;
}

static int show_domain_refs(struct irq_domain *d, void *arg)
{
	return irq_domain_for_each_mapping(d, show_one, arg);
}

int irqmap_show_refs(FILE *f, unsigned int virq)
{
	struct refs_walk w = { f, 0 };
	struct irq_mapping *m;
	struct irqm_mutex *root;
	struct irqmap_mapping_info info;

	if (!IRQM_READY())
		return -ENODEV;
	if (!f) {
		irqm_err("NULL stream");
		return -EINVAL;
	}
	if (!virq) {
		irq_domain_for_each(show_domain_refs, &w);
		return w.total;
	}
	irqm_rcu_read_lock();
	m = irqm_virq_to_mapping(virq);
	if (!m) {
		irqm_rcu_read_unlock();
		irqm_err("virq %u has no mapping", virq);
		return -ENOENT;
	}
	root = irqm_root_mutex(m->lv[0].domain);
	irqm_mutex_lock(root);
	if (m->published) {
		irqm_mapping_info(m, m->lv[0].domain, m->lv[0].hwirq, &info);
		show_one(&info, &w);
	}
	irqm_mutex_unlock(root);
	irqm_rcu_read_unlock();
	return w.total;
}
