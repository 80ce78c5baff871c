// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fail.c - describing a failure once, and logging it once.
 *
 * Internal walks write what went wrong into the caller's buffer; the public
 * function that started the walk logs it as one line naming itself, the
 * node and the interrupt index.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "log.h"
#include "of.h"

int irqm_of_fail(char *why, int err, const char *fmt, ...)
{
	va_list ap;

	if (why) {
		va_start(ap, fmt);
		vsnprintf(why, IRQM_OF_WHY_LEN, fmt, ap);
		va_end(ap);
	}
	return err;
}

/*
 * Log one failure of @func on interrupt @index of node @idx (@index < 0:
 * not about one interrupt). Nothing at @index (-ENOENT) is the caller's
 * question, not a fault of the tree: debug level only.
 */
void irqm_of_report(const char *func, const struct irqmap_of *t, int idx,
		    int index, int err, const char *why)
{
	int level = err == -ENOENT ? IRQMAP_LOG_DEBUG : IRQMAP_LOG_ERR;

	if (index >= 0)
		irqm_log(level, "%s: %s interrupt %d: %s", func,
			 irqm_of_path(t, idx), index, why);
	else
		irqm_log(level, "%s: %s: %s", func, irqm_of_path(t, idx), why);
}

/* The idx of node @offset, or -EINVAL (logged) for a bad tree or offset. */
int irqm_of_checked_idx(const struct irqmap_of *t, int offset,
			const char *func)
{
	int idx;

	if (!t) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL tree", func);
		return -EINVAL;
	}
	idx = irqm_of_offset_to_idx(t, offset);
	if (idx < 0) {
		irqm_log(IRQMAP_LOG_ERR, "%s: offset %d is not a node", func,
			 offset);
		return -EINVAL;
	}
	return idx;
}
