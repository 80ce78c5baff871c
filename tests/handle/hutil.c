// SPDX-License-Identifier: LGPL-2.1-or-later
/* hutil.c - helpers of the interrupt-handling tests. */
#include <string.h>
#include <time.h>

#include "hutil.h"

static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;
static char rec[HU_NR_LINES][256];
static char rec_copy[256];

static void record(struct irq_data *d, char op)
{
	size_t n;

	if (d->hwirq >= HU_NR_LINES)
		return;
	pthread_mutex_lock(&rec_lock);
	n = strlen(rec[d->hwirq]);
	if (n + 1 < sizeof(rec[0])) {
		rec[d->hwirq][n] = op;
		rec[d->hwirq][n + 1] = '\0';
	}
	pthread_mutex_unlock(&rec_lock);
}

void hu_rec_reset(void)
{
	pthread_mutex_lock(&rec_lock);
	memset(rec, 0, sizeof(rec));
	pthread_mutex_unlock(&rec_lock);
}

const char *hu_rec(irq_hw_number_t hw)
{
	pthread_mutex_lock(&rec_lock);
	memcpy(rec_copy, rec[hw], sizeof(rec_copy));
	pthread_mutex_unlock(&rec_lock);
	return rec_copy;
}

static void rec_mask(struct irq_data *d) { record(d, 'M'); }
static void rec_unmask(struct irq_data *d) { record(d, 'U'); }
static void rec_ack(struct irq_data *d) { record(d, 'A'); }
static void rec_eoi(struct irq_data *d) { record(d, 'E'); }

static int rec_set_type(struct irq_data *d, unsigned int type)
{
	(void)type;
	record(d, 'T');
	return 0;
}

struct irq_chip hu_chip = {
	.name = "hu-chip",
	.irq_mask = rec_mask,
	.irq_unmask = rec_unmask,
	.irq_ack = rec_ack,
	.irq_eoi = rec_eoi,
	.irq_set_type = rec_set_type,
};

/* Chip calls in progress per line, and the calls that found one. */
static atomic_uint chip_busy[HU_NR_LINES];
static atomic_uint chip_overlaps;
/* Written without atomics: ThreadSanitizer checks the calls are ordered. */
static unsigned long chip_calls[HU_NR_LINES];

static void fast_record(struct irq_data *d, char op)
{
	if (d->hwirq >= HU_NR_LINES)
		return;
	if (atomic_fetch_add(&chip_busy[d->hwirq], 1))
		atomic_fetch_add(&chip_overlaps, 1);
	record(d, op);
	/* after record(): its mutex must not be what orders the calls */
	chip_calls[d->hwirq]++;
	atomic_fetch_sub(&chip_busy[d->hwirq], 1);
}

static void fast_mask(struct irq_data *d) { fast_record(d, 'M'); }
static void fast_unmask(struct irq_data *d) { fast_record(d, 'U'); }
static void fast_ack(struct irq_data *d) { fast_record(d, 'A'); }
static void fast_eoi(struct irq_data *d) { fast_record(d, 'E'); }

static int fast_set_type(struct irq_data *d, unsigned int type)
{
	(void)type;
	fast_record(d, 'T');
	return 0;
}

struct irq_chip hu_chip_fast = {
	.name = "hu-chip-fast",
	.irq_mask = fast_mask,
	.irq_unmask = fast_unmask,
	.irq_ack = fast_ack,
	.irq_eoi = fast_eoi,
	.irq_set_type = fast_set_type,
};

unsigned int hu_chip_overlaps(void)
{
	return atomic_load(&chip_overlaps);
}

struct irq_chip hu_chip_eoi_if_handled = {
	.name = "hu-chip-eih",
	.irq_mask = rec_mask,
	.irq_unmask = rec_unmask,
	.irq_ack = rec_ack,
	.irq_eoi = rec_eoi,
	.irq_set_type = rec_set_type,
	.flags = IRQCHIP_EOI_IF_HANDLED,
};

static int hu_map_cb(struct irq_domain *d, unsigned int virq,
		     irq_hw_number_t hw)
{
	struct hu_ctl *ctl = d->host_data;
	struct irq_chip *chip = ctl && ctl->chip ? ctl->chip : &hu_chip;

	if (ctl && hw < HU_NR_LINES && ctl->flow[hw])
		return irq_set_chip_and_handler(virq, chip, ctl->flow[hw]);
	return irq_set_chip(virq, chip);
}

const struct irq_domain_ops hu_ops = {
	.map = hu_map_cb,
	.xlate = irq_domain_xlate_onetwocell,
};

static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;
static char order[1024];

void hu_order_reset(void)
{
	pthread_mutex_lock(&order_lock);
	order[0] = '\0';
	pthread_mutex_unlock(&order_lock);
}

const char *hu_order(void)
{
	return order;
}

irqreturn_t hu_handler(int irq, void *dev_id)
{
	struct hu_dev *dev = dev_id;
	size_t n;

	atomic_fetch_add(&dev->calls, 1);
	atomic_store(&dev->last_irq, irq);
	if (atomic_load(&dev->freed))
		atomic_fetch_add(&dev->calls_after_free, 1);
	if (dev->tag) {
		pthread_mutex_lock(&order_lock);
		n = strlen(order);
		if (n + 1 < sizeof(order)) {
			order[n] = dev->tag;
			order[n + 1] = '\0';
		}
		pthread_mutex_unlock(&order_lock);
	}
	return dev->ret;
}

irqreturn_t hu_thread_fn(int irq, void *dev_id)
{
	struct hu_dev *dev = dev_id;

	(void)irq;
	atomic_fetch_add(&dev->thread_calls, 1);
	if (atomic_load(&dev->freed))
		atomic_fetch_add(&dev->calls_after_free, 1);
	return IRQ_HANDLED;
}

struct irq_domain *hu_domain(struct hu_ctl *ctl)
{
	struct irq_domain *d = irq_domain_create_linear(NULL, HU_NR_LINES,
							&hu_ops, ctl);

	assert_non_null(d);
	return d;
}

unsigned int hu_map(struct irq_domain *d, irq_hw_number_t hw)
{
	unsigned int virq = irq_create_mapping(d, hw);

	assert_int_not_equal(virq, 0);
	return virq;
}

struct irqmap_irq_stats hu_stats(unsigned int virq)
{
	struct irqmap_irq_stats st;

	assert_int_equal(irqmap_irq_stats(virq, &st), 0);
	return st;
}

void hu_assert_balanced(unsigned int virq, unsigned long delivered)
{
	struct irqmap_irq_stats st = hu_stats(virq);

	assert_int_equal(delivered + st.resent, st.count + st.deferred);
	assert_int_equal(st.count + st.replayed, st.handled + st.unhandled);
}

void hu_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts))
		;
}
