// SPDX-License-Identifier: LGPL-2.1-or-later
/* log.c - the library's messages, one line each, to a replaceable handler. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"

struct log_sink {
	irqmap_log_fn fn;
	void *arg;
};

static struct log_sink sinks[2];
static _Atomic(struct log_sink *) current_sink;
static atomic_uint next_slot;

void irqmap_set_log_handler(irqmap_log_fn fn, void *arg)
{
	/*
	 * Two slots, alternated, so a message being formatted on another
	 * thread keeps a consistent (fn, arg) pair; handlers are expected to
	 * be set at start-up, not raced against each other.
	 */
	if (!fn) {
		atomic_store_explicit(&current_sink, NULL, memory_order_release);
		return;
	}
	unsigned int slot = atomic_fetch_add(&next_slot, 1) & 1;

	sinks[slot].fn = fn;
	sinks[slot].arg = arg;
	atomic_store_explicit(&current_sink, &sinks[slot], memory_order_release);
}

static int debug_enabled(void)
{
	const char *e = getenv("IRQMAP_DEBUG");

	return e && *e == '1';
}

void irqm_log(int level, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	struct log_sink *sink;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);

	sink = atomic_load_explicit(&current_sink, memory_order_acquire);
	if (sink) {
		sink->fn(level, buf, sink->arg);
		return;
	}
	if (level >= IRQMAP_LOG_DEBUG && !debug_enabled())
		return;
	fprintf(stderr, "irqmap: %s\n", buf);
}
