/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* log.h - one-line messages to the application's log handler. */
#ifndef IRQM_LOG_H
#define IRQM_LOG_H

#include <irqmap/irqmap.h>

void irqm_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Messages name the API function that was called: "irq_foo: what is wrong". */
#define irqm_err(fmt, ...)  irqm_log(IRQMAP_LOG_ERR, "%s: " fmt, __func__, ##__VA_ARGS__)
#define irqm_warn(fmt, ...) irqm_log(IRQMAP_LOG_WARN, "%s: " fmt, __func__, ##__VA_ARGS__)
#define irqm_info(fmt, ...) irqm_log(IRQMAP_LOG_INFO, fmt, ##__VA_ARGS__)
#define irqm_dbg(fmt, ...)  irqm_log(IRQMAP_LOG_DEBUG, "%s: " fmt, __func__, ##__VA_ARGS__)

#endif
