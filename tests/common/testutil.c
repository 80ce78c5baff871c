// SPDX-License-Identifier: LGPL-2.1-or-later
/* testutil.c - helpers shared by the test suites. */
#include <pthread.h>
#include <string.h>

#include "testutil.h"

#define MAX_MSGS 256

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char msgs[MAX_MSGS][512];
static unsigned int nmsgs;

static void capture(int level, const char *msg, void *arg)
{
	(void)level;
	(void)arg;
	pthread_mutex_lock(&log_lock);
	if (nmsgs < MAX_MSGS)
		snprintf(msgs[nmsgs], sizeof(msgs[0]), "%s", msg);
	nmsgs++;
	pthread_mutex_unlock(&log_lock);
}

void tu_log_capture_start(void)
{
	pthread_mutex_lock(&log_lock);
	nmsgs = 0;
	pthread_mutex_unlock(&log_lock);
	irqmap_set_log_handler(capture, NULL);
}

unsigned int tu_log_count(void)
{
	unsigned int n;

	pthread_mutex_lock(&log_lock);
	n = nmsgs;
	pthread_mutex_unlock(&log_lock);
	return n;
}

int tu_log_contains(const char *needle)
{
	int found = 0;

	pthread_mutex_lock(&log_lock);
	for (unsigned int i = 0; i < nmsgs && i < MAX_MSGS && !found; i++)
		found = strstr(msgs[i], needle) != NULL;
	pthread_mutex_unlock(&log_lock);
	return found;
}

const char *tu_log_last(void)
{
	const char *s;

	pthread_mutex_lock(&log_lock);
	s = nmsgs ? msgs[(nmsgs - 1) % MAX_MSGS] : "";
	pthread_mutex_unlock(&log_lock);
	return s;
}

void tu_log_capture_stop(void)
{
	irqmap_set_log_handler(NULL, NULL);
}

static int counting_map(struct irq_domain *d, unsigned int virq,
			irq_hw_number_t hw)
{
	struct tu_counts *c = d->host_data;

	__atomic_add_fetch(&c->map, 1, __ATOMIC_RELAXED);
	if (c->map_ret)
		return c->map_ret;
	irq_set_chip(virq, &dummy_irq_chip);
	return 0;
}

static void counting_unmap(struct irq_domain *d, unsigned int virq)
{
	struct tu_counts *c = d->host_data;

	__atomic_add_fetch(&c->unmap, 1, __ATOMIC_RELAXED);
}

const struct irq_domain_ops tu_counting_ops = {
	.map = counting_map,
	.unmap = counting_unmap,
	.xlate = irq_domain_xlate_onetwocell,
};

int tu_setup(void **state)
{
	(void)state;
	return irqmap_init();
}

int tu_teardown(void **state)
{
	(void)state;
	tu_log_capture_stop();
	return irqmap_exit() == 0 ? 0 : -1;
}
