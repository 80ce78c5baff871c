/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* testutil.h - helpers shared by the test suites. */
#ifndef IRQMAP_TESTUTIL_H
#define IRQMAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <irqmap/irqmap.h>

/* Captures the library's messages; tests assert on them. */
void tu_log_capture_start(void);
/* Number of messages captured since the last start. */
unsigned int tu_log_count(void);
/* Does any captured message contain @needle? */
int tu_log_contains(const char *needle);
/* The last captured message, or "". */
const char *tu_log_last(void);
/* Back to the default stderr handler. */
void tu_log_capture_stop(void);

/* Domain ops that count their calls (atomically) per test domain. */
struct tu_counts {
	unsigned long map;
	unsigned long unmap;
	int map_ret;			/* what ->map returns */
};
extern const struct irq_domain_ops tu_counting_ops;	/* host_data: tu_counts */

/* cmocka group set-up/tear-down: irqmap_init()/irqmap_exit() per test. */
int tu_setup(void **state);
int tu_teardown(void **state);

#endif
