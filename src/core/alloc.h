/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * alloc.h - the one allocator every allocation of the library goes through,
 * so that fault injection can fail allocation number K of a run.
 */
#ifndef IRQM_ALLOC_H
#define IRQM_ALLOC_H

#include <stddef.h>

void *irqm_malloc(size_t size);
void *irqm_calloc(size_t nmemb, size_t size);
/* As realloc(); on failure @p is untouched and still the caller's. */
void *irqm_realloc(void *p, size_t size);
char *irqm_strdup(const char *s);
void irqm_free(void *p);

/*
 * An allocation made by a library we call (liburcu's hash table): counts as
 * one for fault injection, returns non-zero when it must fail.
 */
int irqm_fault_point(void);

/*
 * Fault injection (for tests): make the @nth allocation from now fail
 * (1 = the next one), 0 to stop. Returns nothing; irqm_alloc_count() counts
 * every allocation attempt since start, irqm_fault_hit() says whether the
 * armed failure has fired.
 */
void irqm_fault_arm(unsigned long nth);
unsigned long irqm_alloc_count(void);
int irqm_fault_hit(void);

#endif
