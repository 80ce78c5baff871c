/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/irqmap.h - the umbrella header of libirqmap, and library life cycle.
 *
 * libirqmap is the Linux kernel's interrupt-domain layer in user space, with
 * reference-counted mappings. Include this header for everything.
 */
#ifndef IRQMAP_IRQMAP_H
#define IRQMAP_IRQMAP_H

#include <irqmap/types.h>
#include <irqmap/rcu.h>
#include <irqmap/irq.h>
#include <irqmap/irqdesc.h>
#include <irqmap/irqdomain.h>
#include <irqmap/debug.h>
#include <irqmap/of_irq.h>
#include <irqmap/interrupt.h>
#include <irqmap/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * irqmap_init() - set the library up
 *
 * Reads IRQMAP_NR_IRQS and IRQMAP_DEBUG_REFS from the environment. Must be
 * called before anything else; may be called again after irqmap_exit().
 *
 * Return: 0, -EALREADY when already initialised, -EINVAL for a bad
 * IRQMAP_NR_IRQS, -ENOMEM.
 * Context: may sleep; not concurrently with any other call.
 */
int irqmap_init(void);

/**
 * irqmap_exit() - tear the library down and free everything
 *
 * Frees every domain, mapping and descriptor still alive, without calling
 * their callbacks, after listing them on the log (with their holders when
 * reference tracking is on). Waits for pending RCU callbacks.
 *
 * Return: 0 when nothing was left, -EBUSY when something was (it is freed
 * all the same), -ENODEV when not initialised.
 * Context: may sleep; no other call may run concurrently or afterwards
 * until the next irqmap_init().
 */
int irqmap_exit(void);

/**
 * enum irqmap_log_level - message levels passed to the log handler
 * @IRQMAP_LOG_ERR:	a call failed, or the library found an inconsistency
 * @IRQMAP_LOG_WARN:	something the caller should look at
 * @IRQMAP_LOG_INFO:	information
 * @IRQMAP_LOG_DEBUG:	details, and failures that are answers (ENOENT)
 *
 * The values are syslog's.
 */
enum irqmap_log_level {
	IRQMAP_LOG_ERR = 3,
	IRQMAP_LOG_WARN = 4,
	IRQMAP_LOG_INFO = 6,
	IRQMAP_LOG_DEBUG = 7,
};

/**
 * typedef irqmap_log_fn - receives every message of the library
 * @level:	enum irqmap_log_level
 * @msg:	one line, without a trailing newline
 * @arg:	the pointer given to irqmap_set_log_handler()
 */
typedef void (*irqmap_log_fn)(int level, const char *msg, void *arg);

/**
 * irqmap_set_log_handler() - redirect the library's messages
 * @fn:		the handler, or NULL to restore the default (stderr,
 *		"irqmap: " prefix; IRQMAP_LOG_DEBUG only with IRQMAP_DEBUG=1)
 * @arg:	passed to @fn
 *
 * Context: any; @fn may be called from any thread, concurrently.
 */
void irqmap_set_log_handler(irqmap_log_fn fn, void *arg);

/**
 * irqmap_version() - the library's version string
 *
 * The version of the library the program runs with; IRQMAP_VERSION_STRING
 * (irqmap/version.h) is the one it was compiled against.
 *
 * Return: a static string such as "0.1.0".
 * Context: any.
 */
const char *irqmap_version(void);

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_IRQMAP_H */
