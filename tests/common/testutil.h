/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* testutil.h - helpers shared by the test suites. */
#ifndef IRQMAP_TESTUTIL_H
#define IRQMAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <irqmap/irqmap.h>

/* Captures the library's messages; tests assert on them. */
void tu_log_capture_start(void);
/* Number of messages captured since the last start. */
unsigned int tu_log_count(void);
/* Does any captured message contain @needle? */
int tu_log_contains(const char *needle);
/* How many captured messages contain @needle. */
unsigned int tu_log_count_matching(const char *needle);
/* Level of the first captured message containing @needle, or -1. */
int tu_log_level_of(const char *needle);
/* The last captured message, or "". */
const char *tu_log_last(void);
/* Every captured message, one per line, for failure reports. */
void tu_log_dump(FILE *f);
/* Back to the default stderr handler. */
void tu_log_capture_stop(void);

/*
 * Assert that exactly one message was captured since the last start, that
 * it is one line and that it contains @needle.
 */
#define tu_assert_one_message(needle) \
	_tu_assert_one_message(needle, __FILE__, __LINE__)
void _tu_assert_one_message(const char *needle, const char *file, int line);

/* Domain ops that count their calls (atomically) per test domain. */
struct tu_counts {
	unsigned long map;
	unsigned long unmap;
	int map_ret;			/* what ->map returns */
};
extern const struct irq_domain_ops tu_counting_ops;	/* host_data: tu_counts */

/*
 * Run @fn on a memory stream and return what it printed (free() it);
 * *@ret receives @fn's return value when @ret is not NULL.
 */
char *tu_capture_output(int (*fn)(FILE *f, void *arg), void *arg, int *ret);
/* irqmap_show_interrupts() / irqmap_show_domains() into memory. */
char *tu_show_interrupts(void);
char *tu_show_domains(void);

/*
 * A fingerprint of the whole library state: every descriptor (virq, chip,
 * hwirq, trigger, domain, references), every domain (size, flags, mapping
 * count and mappings) and the number of allocated virqs.
 */
struct tu_state {
	char *interrupts;
	char *domains;
	unsigned int descs;
};
void tu_state_save(struct tu_state *s);
/*
 * Assert that nothing changed since tu_state_save() and that irqmap_check()
 * finds the library consistent; releases @s.
 */
#define tu_state_assert_unchanged(s) \
	_tu_state_assert_unchanged(s, __FILE__, __LINE__)
void _tu_state_assert_unchanged(struct tu_state *s, const char *file,
				int line);

/* Number of allocated virqs (mapped or bare). */
unsigned int tu_nr_allocated_virqs(void);

/* The whole of file @path, NUL-terminated, to free(); asserts it reads. */
char *tu_slurp(const char *path);

/* cmocka group set-up/tear-down: irqmap_init()/irqmap_exit() per test. */
int tu_setup(void **state);
int tu_teardown(void **state);
/* Tear-down for tests that deliberately leave something behind. */
int tu_teardown_expect_busy(void **state);

#endif
