// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * manage.c - requesting and freeing handlers; enabling, disabling and
 * synchronising lines.
 *
 * A line's handlers pin its mapping: h->nr_actions counts them, and the
 * domain layer refuses to drop the last reference of a mapping while it is
 * not zero. request_irq() takes its count under the root domain's mutex,
 * the lock that mapping teardown holds, so a request either sees the
 * mapping alive and pins it, or sees it gone; free_irq() gives the count
 * back only when the action is freed, so the descriptor outlives every
 * use free_irq() makes of it.
 */
#include <errno.h>
#include <limits.h>

#include "alloc.h"
#include "handle.h"
#include "log.h"

/*
 * Count one more user on the descriptor of a mapped virq so that its
 * mapping (and so the descriptor) stays. The line's handling state is
 * created when @create asks for it (a request); without it a line that
 * has none is not pinned. NULL when @irq is not mapped, has no handling
 * state, or without memory for it (*@nomem set).
 */
static struct irq_desc *pin_mapped_desc(unsigned int irq, bool create,
					bool *nomem)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	struct irq_mapping *m;
	struct irqm_mutex *root;

	*nomem = false;
	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	m = desc ? atomic_load_explicit(&desc->mapping, memory_order_acquire) :
		   NULL;
	if (!m) {
		irqm_rcu_read_unlock();
		return NULL;
	}
	if (create && irqm_handling_alloc(desc)) {
		irqm_rcu_read_unlock();
		*nomem = true;
		return NULL;
	}
	h = irqm_handling_of(desc);
	if (!h) {
		irqm_rcu_read_unlock();
		return NULL;
	}
	/* Nothing holding a root mutex waits for a grace period. */
	root = irqm_root_mutex(m->lv[0].domain);
	irqm_mutex_lock(root);
	if (m->published &&
	    atomic_load_explicit(&desc->mapping, memory_order_relaxed) == m)
		atomic_fetch_add(&h->nr_actions, 1);
	else
		desc = NULL;
	irqm_mutex_unlock(root);
	irqm_rcu_read_unlock();
	return desc;
}

/* Context: @desc was pinned, so its handling state exists. */
static void unpin_desc(struct irq_desc *desc)
{
	atomic_fetch_sub_explicit(&irqm_handling_of(desc)->nr_actions, 1,
				  memory_order_release);
}

bool irqm_desc_has_actions(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	return h && atomic_load(&h->nr_actions) != 0;
}

/* The primary handler of a request made with a thread_fn only. */
static irqreturn_t default_primary_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_WAKE_THREAD;
}

static const char *name_of(const struct irqaction *a)
{
	return a->name ? a->name : "(unnamed)";
}

/*
 * Undo one disable: -1 when the line was not disabled, 1 when an interrupt
 * kept pending must be resent after desc->lock is dropped, else 0.
 */
static int enable_one_locked(struct irq_desc *desc,
			     struct irqm_desc_handling *h)
{
	irqm_line_lockdep_assert_held(h);
	switch (h->depth) {
	case 0:
		return -1;
	case 1:
		irqm_state_clr(h, IRQM_STATE_SPURIOUS_DISABLED);
		return irqm_startup_locked(desc, h) ? 1 : 0;
	default:
		h->depth--;
		return 0;
	}
}

static int shared_mismatch(struct irq_desc *desc, struct irqaction *old,
			   struct irqaction *new, const char *why,
			   const char *func)
{
	int level = new->flags & IRQF_PROBE_SHARED ? IRQMAP_LOG_DEBUG :
						     IRQMAP_LOG_ERR;

	irqm_log(level,
		 "%s: virq %u: cannot share with %s: %s (flags 0x%lx, existing 0x%lx)",
		 func, desc->irq_data.irq, name_of(old), why, new->flags, old->flags);
	return -EBUSY;
}

/*
 * Install @new on a pinned line. *@resend tells the caller to deliver an
 * interrupt kept pending while the line had no handler.
 */
static int setup_irq_locked(struct irq_desc *desc,
			    struct irqm_desc_handling *h,
			    struct irqaction *new, bool *resend,
			    const char *func)
{
	unsigned int type = irqd_get_trigger_type(&desc->irq_data);
	unsigned int want;
	_Atomic(struct irqaction *) *link;
	struct irqaction *old;
	bool shared = false;
	int ret;

	irqm_lockdep_assert_held(&h->request_mutex);
	*resend = false;
	if (atomic_load(&h->chained)) {
		irqm_log(IRQMAP_LOG_ERR,
			 "%s: virq %u carries a chained handler and cannot be requested",
			 func, desc->irq_data.irq);
		return -EINVAL;
	}
	/* No trigger flag: the request takes the line's type. */
	if (!(new->flags & IRQF_TRIGGER_MASK))
		new->flags |= type;
	want = new->flags & IRQF_TRIGGER_MASK;

	old = atomic_load_explicit(&h->action, memory_order_relaxed);
	if (old) {
		if (!(old->flags & new->flags & IRQF_SHARED))
			return shared_mismatch(desc, old, new,
					       "both must pass IRQF_SHARED",
					       func);
		if (type != IRQ_TYPE_NONE && want != type)
			return shared_mismatch(desc, old, new,
					       "trigger types differ", func);
		if ((old->flags ^ new->flags) & IRQF_ONESHOT)
			return shared_mismatch(desc, old, new,
					       "IRQF_ONESHOT differs", func);
		shared = true;
	}
	if (new->thread_fn && (new->flags & IRQF_ONESHOT)) {
		if (h->thread_mask_used == ~0ul) {
			irqm_log(IRQMAP_LOG_ERR,
				 "%s: virq %u: every ONESHOT thread slot is taken",
				 func, desc->irq_data.irq);
			return -EBUSY;
		}
		new->thread_mask = 1ul << __builtin_ctzl(~h->thread_mask_used);
	}
	if (new->thread_fn) {
		ret = irqm_thread_create(desc, new);
		if (ret) {
			irqm_log(IRQMAP_LOG_ERR,
				 "%s: virq %u: cannot start the thread of %s: %d",
				 func, desc->irq_data.irq, name_of(new), ret);
			return ret;
		}
	}
	if (want != type) {
		ret = irq_set_irq_type(desc->irq_data.irq, want);
		if (ret) {
			irqm_log(IRQMAP_LOG_ERR,
				 "%s: virq %u: the chip refused trigger type 0x%x: %d",
				 func, desc->irq_data.irq, want, ret);
			if (new->thread)
				irqm_thread_stop(new);
			return ret;
		}
	}
	irqm_line_lock(desc, h);
	/*
	 * The first handler activates the line (every level's ->activate,
	 * parents first) before it is started up, as the kernel does. A
	 * failure leaves the line unrequested and unactivated; the trigger
	 * type set above stays, as in the kernel.
	 */
	if (!shared) {
		ret = irqm_activate_locked(desc);
		if (ret) {
			irqm_line_unlock(desc, h);
			irqm_log(IRQMAP_LOG_ERR,
				 "%s: virq %u: activation failed: %d",
				 func, desc->irq_data.irq, ret);
			if (new->thread)
				irqm_thread_stop(new);
			return ret;
		}
	}
	h->thread_mask_used |= new->thread_mask;
	link = &h->action;
	while ((old = atomic_load_explicit(link, memory_order_relaxed)))
		link = &old->next;
	irqm_rcu_assign(*link, new);
	/* A new handler gets a fresh chance with the spurious detector. */
	h->irq_count = 0;
	h->irqs_unhandled = 0;
	if (!shared) {
		h->istate &= ~(IRQS_ONESHOT | IRQS_WAITING);
		if (new->flags & IRQF_ONESHOT)
			h->istate |= IRQS_ONESHOT;
		irqm_state_clr(h, IRQM_STATE_SPURIOUS_DISABLED);
		*resend = irqm_startup_locked(desc, h);
	} else if (irqm_state_test(h, IRQM_STATE_SPURIOUS_DISABLED)) {
		*resend = enable_one_locked(desc, h) > 0;
	}
	irqm_line_unlock(desc, h);
	return 0;
}

static int do_request(unsigned int irq, irq_handler_t handler,
		      irq_handler_t thread_fn, unsigned long flags,
		      const char *name, void *dev_id, const char *func)
{
	struct irqm_desc_handling *h;
	struct irqaction *new;
	struct irq_desc *desc;
	bool resend, nomem;
	int ret;

	if (!irqm_check_ready(func))
		return -ENODEV;
	if (!irq) {
		irqm_log(IRQMAP_LOG_ERR, "%s: virq 0 is not a valid interrupt",
			 func);
		return -EINVAL;
	}
	if (!handler && !thread_fn) {
		irqm_log(IRQMAP_LOG_ERR,
			 "%s: virq %u: neither a handler nor a thread function",
			 func, irq);
		return -EINVAL;
	}
	if ((flags & IRQF_SHARED) && !dev_id) {
		irqm_log(IRQMAP_LOG_ERR,
			 "%s: virq %u: IRQF_SHARED needs a dev_id to tell the handlers apart",
			 func, irq);
		return -EINVAL;
	}
	desc = pin_mapped_desc(irq, true, &nomem);
	if (!desc) {
		irqm_log(IRQMAP_LOG_ERR, nomem ? "%s: virq %u: out of memory" :
			 "%s: virq %u is not mapped", func, irq);
		return nomem ? -ENOMEM : -EINVAL;
	}
	if (!handler) {
		unsigned long chip_flags;

		irqm_desc_lock(desc);
		chip_flags = desc->irq_data.chip ? desc->irq_data.chip->flags : 0;
		irqm_desc_unlock(desc);
		if (!(flags & IRQF_ONESHOT) &&
		    !(chip_flags & IRQCHIP_ONESHOT_SAFE)) {
			unpin_desc(desc);
			irqm_log(IRQMAP_LOG_ERR,
				 "%s: virq %u: a thread without a primary handler needs IRQF_ONESHOT",
				 func, irq);
			return -EINVAL;
		}
		handler = default_primary_handler;
	}
	h = irqm_handling_of(desc);	/* created by the pin */
	new = irqm_calloc(1, sizeof(*new));
	if (!new) {
		unpin_desc(desc);
		irqm_log(IRQMAP_LOG_ERR, "%s: virq %u: out of memory", func, irq);
		return -ENOMEM;
	}
	new->handler = handler;
	new->thread_fn = thread_fn;
	new->dev_id = dev_id;
	new->name = name;
	new->flags = flags;
	new->irq = irq;
	atomic_init(&new->next, NULL);
	atomic_init(&new->warned, false);

	irqm_mutex_lock(&h->request_mutex);
	ret = setup_irq_locked(desc, h, new, &resend, func);
	/*
	 * Stay inside RCU from here: a concurrent free_irq() of this very
	 * action cannot let the descriptor go before the resend is done.
	 */
	irqm_rcu_read_lock();
	irqm_mutex_unlock(&h->request_mutex);
	if (ret) {
		irqm_rcu_read_unlock();
		irqm_free(new);
		unpin_desc(desc);
		return ret;
	}
	if (resend)
		irqm_resend(desc);
	irqm_rcu_read_unlock();
	return 0;
}

int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long irqflags,
			 const char *devname, void *dev_id)
{
	return do_request(irq, handler, thread_fn, irqflags, devname, dev_id,
			  __func__);
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	if (!handler) {
		irqm_err("virq %u: NULL handler", irq);
		return -EINVAL;
	}
	return do_request(irq, handler, NULL, flags, name, dev_id, __func__);
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	_Atomic(struct irqaction *) *link;
	struct irqm_desc_handling *h;
	struct irqaction *act;
	struct irq_desc *desc;
	const char *name;

	if (!IRQM_READY())
		return NULL;
	if (irqm_rcu_read_ongoing()) {
		irqm_err("virq %u: called from a handler or inside irqmap_read_lock(); it would wait for itself",
			 irq);
		return NULL;
	}
	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	h = desc ? irqm_handling_of(desc) : NULL;
	if (!h) {
		irqm_rcu_read_unlock();
		irqm_err("virq %u has no handler with dev_id %p", irq, dev_id);
		return NULL;
	}
	irqm_mutex_lock(&h->request_mutex);
	link = &h->action;
	while ((act = atomic_load_explicit(link, memory_order_relaxed)) &&
	       act->dev_id != dev_id)
		link = &act->next;
	if (!act || irqm_in_own_thread(act)) {
		irqm_mutex_unlock(&h->request_mutex);
		irqm_rcu_read_unlock();
		if (act)
			irqm_err("virq %u: called from the threaded handler of %s, which it would have to stop",
				 irq, name_of(act));
		else
			irqm_err("virq %u has no handler with dev_id %p", irq,
				 dev_id);
		return NULL;
	}
	irqm_line_lock(desc, h);
	irqm_rcu_assign(*link, atomic_load_explicit(&act->next,
						    memory_order_relaxed));
	/* The last handler: shut down, then deactivate (children first). */
	if (!atomic_load_explicit(&h->action, memory_order_relaxed)) {
		irqm_shutdown_locked(desc, h);
		irqm_deactivate_locked(desc);
	}
	irqm_line_unlock(desc, h);
	irqm_mutex_unlock(&h->request_mutex);
	irqm_rcu_read_unlock();

	/*
	 * Every delivery runs inside one RCU read-side section: after a
	 * grace period no thread can be in, or enter, @act's handler. The
	 * descriptor stays pinned by @act's count until the end.
	 */
	irqm_synchronize_rcu();
	if (act->thread)
		irqm_thread_stop(act);
	if (act->thread_mask) {
		irqm_mutex_lock(&h->request_mutex);
		h->thread_mask_used &= ~act->thread_mask;
		irqm_mutex_unlock(&h->request_mutex);
	}
	name = act->name;
	irqm_free(act);
	unpin_desc(desc);
	return name;
}

/* Called from a handler or threaded handler of @desc? */
static bool in_handler_of(struct irq_desc *desc)
{
	return irqm_handler_desc == desc || irqm_in_thread_of(desc);
}

/*
 * Wait until no primary handler runs and no thread is due on @desc. Being
 * counted in sync_waiters keeps the fast path off (line.c): a delivery in
 * progress finishes under desc->lock and wakes us (fastpath.c).
 */
static void wait_idle(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	irqm_line_lock(desc, h);
	h->sync_waiters++;
	while (irqm_state_test(h, IRQD_IRQ_INPROGRESS) ||
	       atomic_load(&h->threads_active))
		irqm_line_cond_wait_locked(desc, h);
	h->sync_waiters--;
	irqm_line_unlock(desc, h);
}

/*
 * synchronize_irq() for @func: the wait happens outside RCU (a threaded
 * handler may be waiting for a grace period), with the line pinned.
 */
static void sync_line(unsigned int irq, const char *func)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	bool self, nomem;

	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	self = desc && in_handler_of(desc);
	irqm_rcu_read_unlock();
	if (!desc) {
		irqm_log(IRQMAP_LOG_ERR, "%s: virq %u is not allocated", func,
			 irq);
		return;
	}
	if (self) {
		irqm_log(IRQMAP_LOG_ERR,
			 "%s: virq %u: called from one of its own handlers; not waiting for itself",
			 func, irq);
		return;
	}
	/*
	 * Unmapped lines have no handlers, nor do lines without handling
	 * state (no chip, no flow, no handler): nothing can be running.
	 */
	desc = pin_mapped_desc(irq, false, &nomem);
	if (!desc)
		return;
	h = irqm_handling_of(desc);
	wait_idle(desc, h);
	unpin_desc(desc);
}

void synchronize_irq(unsigned int irq)
{
	if (!IRQM_READY())
		return;
	sync_line(irq, __func__);
}

/* Returns false (after logging) when @irq could not be disabled. */
static bool disable_nosync(unsigned int irq, const char *func)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	bool overflow = false;

	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	if (!desc) {
		irqm_rcu_read_unlock();
		irqm_log(IRQMAP_LOG_ERR, "%s: virq %u is not allocated", func,
			 irq);
		return false;
	}
	/* A line without handling state only counts the disable. */
	h = irqm_pristine_disable(desc, &overflow);
	if (h) {
		irqm_line_lock(desc, h);
		if (h->depth == UINT_MAX)
			overflow = true;
		else if (!h->depth++)
			irqm_disable_locked(desc, h, false);
		irqm_line_unlock(desc, h);
	}
	irqm_rcu_read_unlock();
	if (overflow)
		irqm_log(IRQMAP_LOG_ERR, "%s: virq %u: disable depth overflow",
			 func, irq);
	return !overflow;
}

void disable_irq_nosync(unsigned int irq)
{
	if (!IRQM_READY())
		return;
	disable_nosync(irq, __func__);
}

void disable_irq(unsigned int irq)
{
	if (!IRQM_READY())
		return;
	if (disable_nosync(irq, __func__))
		sync_line(irq, __func__);
}

void enable_irq(unsigned int irq)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	bool unbalanced;
	int ret;

	if (!IRQM_READY())
		return;
	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	if (!desc) {
		irqm_rcu_read_unlock();
		irqm_err("virq %u is not allocated", irq);
		return;
	}
	/* A line without handling state has no chip to start up. */
	h = irqm_pristine_enable(desc, &unbalanced);
	ret = unbalanced ? -1 : 0;
	if (h) {
		irqm_line_lock(desc, h);
		ret = enable_one_locked(desc, h);
		irqm_line_unlock(desc, h);
		if (ret > 0)
			irqm_resend(desc);
	}
	irqm_rcu_read_unlock();
	if (ret < 0)
		irqm_err("unbalanced enable for virq %u (it is not disabled)",
			 irq);
}
