// SPDX-License-Identifier: LGPL-2.1-or-later
/* testutil.c - helpers shared by the test suites. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "core.h"

#define MAX_MSGS 256

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char msgs[MAX_MSGS][512];
static int levels[MAX_MSGS];
static unsigned int nmsgs;

static void capture(int level, const char *msg, void *arg)
{
	(void)arg;
	pthread_mutex_lock(&log_lock);
	if (nmsgs < MAX_MSGS) {
		snprintf(msgs[nmsgs], sizeof(msgs[0]), "%s", msg);
		levels[nmsgs] = level;
	}
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
	return tu_log_count_matching(needle) != 0;
}

unsigned int tu_log_count_matching(const char *needle)
{
	unsigned int found = 0;

	pthread_mutex_lock(&log_lock);
	for (unsigned int i = 0; i < nmsgs && i < MAX_MSGS; i++)
		found += strstr(msgs[i], needle) != NULL;
	pthread_mutex_unlock(&log_lock);
	return found;
}

int tu_log_level_of(const char *needle)
{
	int level = -1;

	pthread_mutex_lock(&log_lock);
	for (unsigned int i = 0; i < nmsgs && i < MAX_MSGS; i++)
		if (strstr(msgs[i], needle)) {
			level = levels[i];
			break;
		}
	pthread_mutex_unlock(&log_lock);
	return level;
}

const char *tu_log_last(void)
{
	const char *s;

	pthread_mutex_lock(&log_lock);
	s = nmsgs ? msgs[(nmsgs - 1) % MAX_MSGS] : "";
	pthread_mutex_unlock(&log_lock);
	return s;
}

void tu_log_dump(FILE *f)
{
	pthread_mutex_lock(&log_lock);
	for (unsigned int i = 0; i < nmsgs && i < MAX_MSGS; i++)
		fprintf(f, "  log[%u] <%d> %s\n", i, levels[i], msgs[i]);
	pthread_mutex_unlock(&log_lock);
}

void tu_log_capture_stop(void)
{
	irqmap_set_log_handler(NULL, NULL);
}

void _tu_assert_one_message(const char *needle, const char *file, int line)
{
	unsigned int n = tu_log_count();

	if (n != 1 || !tu_log_contains(needle) || strchr(tu_log_last(), '\n')) {
		fprintf(stderr, "expected one line containing \"%s\", got %u:\n",
			needle, n);
		tu_log_dump(stderr);
	}
	_assert_int_equal(n, 1, file, line);
	_assert_true(tu_log_contains(needle), "message names the problem",
		     file, line);
	_assert_true(strchr(tu_log_last(), '\n') == NULL,
		     "message is one line", file, line);
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

char *tu_capture_output(int (*fn)(FILE *f, void *arg), void *arg, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int r;

	if (!f)
		return NULL;
	r = fn(f, arg);
	fclose(f);
	if (ret)
		*ret = r;
	return buf;
}

static int show_interrupts(FILE *f, void *arg)
{
	(void)arg;
	return irqmap_show_interrupts(f);
}

static int show_domains(FILE *f, void *arg)
{
	(void)arg;
	return irqmap_show_domains(f);
}

char *tu_show_interrupts(void)
{
	return tu_capture_output(show_interrupts, NULL, NULL);
}

char *tu_show_domains(void)
{
	return tu_capture_output(show_domains, NULL, NULL);
}

unsigned int tu_nr_allocated_virqs(void)
{
	return irqm_desc_count();
}

void tu_state_save(struct tu_state *s)
{
	s->interrupts = tu_show_interrupts();
	s->domains = tu_show_domains();
	s->descs = tu_nr_allocated_virqs();
}

void _tu_state_assert_unchanged(struct tu_state *s, const char *file,
				int line)
{
	char *interrupts = tu_show_interrupts();
	char *domains = tu_show_domains();
	unsigned int descs = tu_nr_allocated_virqs();
	int same_irqs, same_domains;

	_assert_true(s->interrupts && s->domains && interrupts && domains,
		     "state captured", file, line);
	same_irqs = strcmp(s->interrupts, interrupts) == 0;
	same_domains = strcmp(s->domains, domains) == 0;
	if (!same_irqs)
		fprintf(stderr, "interrupts before:\n%s\nafter:\n%s\n",
			s->interrupts, interrupts);
	if (!same_domains)
		fprintf(stderr, "domains before:\n%s\nafter:\n%s\n",
			s->domains, domains);
	free(interrupts);
	free(domains);
	free(s->interrupts);
	free(s->domains);
	s->interrupts = s->domains = NULL;
	_assert_true(same_irqs, "interrupts unchanged", file, line);
	_assert_true(same_domains, "domains unchanged", file, line);
	_assert_int_equal(descs, s->descs, file, line);
	_assert_int_equal(irqmap_check(stderr), 0, file, line);
}

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

int tu_teardown_expect_busy(void **state)
{
	(void)state;
	tu_log_capture_stop();
	return irqmap_exit() == -EBUSY ? 0 : -1;
}

char *tu_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}
