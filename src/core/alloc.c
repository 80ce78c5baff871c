// SPDX-License-Identifier: LGPL-2.1-or-later
/* alloc.c - the allocation hook, with deterministic fault injection. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static atomic_ulong alloc_count;
static atomic_ulong fail_at;	/* allocation number that fails, 0 = never */
static atomic_int fault_hit;

static int should_fail(void)
{
	unsigned long n = atomic_fetch_add_explicit(&alloc_count, 1,
						    memory_order_relaxed) + 1;
	unsigned long at = atomic_load_explicit(&fail_at, memory_order_relaxed);

	if (at && n == at) {
		atomic_store(&fault_hit, 1);
		return 1;
	}
	return 0;
}

void *irqm_malloc(size_t size)
{
	return should_fail() ? NULL : malloc(size);
}

void *irqm_calloc(size_t nmemb, size_t size)
{
	return should_fail() ? NULL : calloc(nmemb, size);
}

void *irqm_realloc(void *p, size_t size)
{
	return should_fail() ? NULL : realloc(p, size);
}

char *irqm_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = irqm_malloc(len);

	if (p)
		memcpy(p, s, len);
	return p;
}

int irqm_fault_point(void)
{
	return should_fail();
}

void irqm_free(void *p)
{
	free(p);
}

void irqm_fault_arm(unsigned long nth)
{
	if (nth)
		atomic_store(&fault_hit, 0);
	atomic_store(&fail_at, nth ? atomic_load(&alloc_count) + nth : 0);
}

unsigned long irqm_alloc_count(void)
{
	return atomic_load(&alloc_count);
}

int irqm_fault_hit(void)
{
	return atomic_load(&fault_hit);
}
