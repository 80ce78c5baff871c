// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * handtable.c - the baseline a user would write by hand: a chained hash
 * table from hwirq to virq under one pthread rwlock or mutex.
 */
#include <pthread.h>
#include <stdlib.h>

#include "bench.h"

struct hand_node {
	unsigned long key;
	unsigned int val;
	struct hand_node *next;
};

struct hand_table {
	bool rw;
	pthread_rwlock_t rwlock;
	pthread_mutex_t mutex;
	unsigned int mask;
	struct hand_node **b;
};

static unsigned int hash(unsigned long k, unsigned int mask)
{
	return (unsigned int)((k * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

struct hand_table *hand_table_new(unsigned int nbuckets, bool rwlock)
{
	struct hand_table *t = calloc(1, sizeof(*t));
	unsigned int n = 1;

	while (n < nbuckets)
		n <<= 1;
	if (!t)
		return NULL;
	t->b = calloc(n, sizeof(*t->b));
	if (!t->b) {
		free(t);
		return NULL;
	}
	t->mask = n - 1;
	t->rw = rwlock;
	pthread_rwlock_init(&t->rwlock, NULL);
	pthread_mutex_init(&t->mutex, NULL);
	return t;
}

void hand_table_free(struct hand_table *t)
{
	for (unsigned int i = 0; i <= t->mask; i++)
		while (t->b[i]) {
			struct hand_node *n = t->b[i];

			t->b[i] = n->next;
			free(n);
		}
	free(t->b);
	pthread_rwlock_destroy(&t->rwlock);
	pthread_mutex_destroy(&t->mutex);
	free(t);
}

static void wlock(struct hand_table *t)
{
	if (t->rw)
		pthread_rwlock_wrlock(&t->rwlock);
	else
		pthread_mutex_lock(&t->mutex);
}

static void rlock(struct hand_table *t)
{
	if (t->rw)
		pthread_rwlock_rdlock(&t->rwlock);
	else
		pthread_mutex_lock(&t->mutex);
}

static void unlock(struct hand_table *t)
{
	if (t->rw)
		pthread_rwlock_unlock(&t->rwlock);
	else
		pthread_mutex_unlock(&t->mutex);
}

void hand_table_insert(struct hand_table *t, unsigned long key,
		       unsigned int val)
{
	struct hand_node *n = malloc(sizeof(*n));

	if (!n)
		abort();
	n->key = key;
	n->val = val;
	wlock(t);
	n->next = t->b[hash(key, t->mask)];
	t->b[hash(key, t->mask)] = n;
	unlock(t);
}

void hand_table_remove(struct hand_table *t, unsigned long key)
{
	struct hand_node **pp, *n = NULL;

	wlock(t);
	for (pp = &t->b[hash(key, t->mask)]; *pp; pp = &(*pp)->next)
		if ((*pp)->key == key) {
			n = *pp;
			*pp = n->next;
			break;
		}
	unlock(t);
	free(n);
}

unsigned int hand_table_lookup(struct hand_table *t, unsigned long key)
{
	unsigned int v = 0;

	rlock(t);
	for (struct hand_node *n = t->b[hash(key, t->mask)]; n; n = n->next)
		if (n->key == key) {
			v = n->val;
			break;
		}
	unlock(t);
	return v;
}
