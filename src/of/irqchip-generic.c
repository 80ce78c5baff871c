// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-generic.c - the driver of controllers no other driver knows.
 *
 * Without the controller's binding, a specifier is read only where the
 * convention of its #interrupt-cells says where the hwirq and the type
 * are; otherwise specifiers are only told apart, never merged, so that
 * two different specifiers can never be made to conflict:
 *
 *  - 1 cell: the cell is the hwirq, no type (the kernel's onecell);
 *  - 2 cells: the first cell is the hwirq, the second's sense bits the
 *    type (the kernel's twocell);
 *  - 3 cells or more: no cell is known to be the line number, nor the
 *    type. Each distinct tuple of cells gets a hwirq of its own, numbered
 *    from 0 in the order the tuples are first translated; identical
 *    tuples share it; the type is none. The numbers live in a table of
 *    the node's (below) until the controller goes down, so a mapping
 *    disposed and made again gets its old hwirq.
 *  - 0 cells (an MSI controller): a domain too, but no specifier can
 *    name a line of it.
 *
 * Sizes are unknown: a tree domain.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "alloc.h"
#include "irqchip.h"

/*
 * The table of tuples: they are numbered in the order they are first
 * seen; their cells are packed one after another in a pool, and an
 * open-addressing hash table (linear probing, at most 3/4 full) finds a
 * tuple's number from its cells. Every array doubles when full, so adding
 * a tuple costs O(1) amortised and a lookup O(1) expected, however many
 * specifiers a tree has. A tree is not trusted: the hash is keyed with a
 * per-table random seed, so that a tree cannot be built to make its
 * specifiers collide. ->translate runs outside the domain's mutex and may
 * run in several threads at once: the table has a mutex of its own; it
 * only grows (a tuple keeps its number until the controller goes down).
 */
#define TUPLES_MIN_SLOTS 64

struct tuple {
	size_t off;		/* first cell in the pool */
	uint32_t len;
	uint32_t hash;
};

struct tuples {
	pthread_mutex_t lock;
	uint64_t seed;
	uint32_t *pool;
	size_t pool_len, pool_cap;
	struct tuple *tuples;	/* by number */
	size_t nr, cap;
	uint32_t *slots;	/* tuple number + 1, 0 for an empty slot */
	size_t nr_slots;	/* a power of two */
};

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static uint32_t hash(const struct tuples *tb, const uint32_t *cells,
		     uint32_t len)
{
	uint64_t h = tb->seed ^ len;

	for (uint32_t i = 0; i < len; i++)
		h = mix(h ^ cells[i]) + 0x9e3779b97f4a7c15ull;
	return (uint32_t)mix(h);
}

static uint64_t random_seed(void)
{
	uint64_t seed;
	struct timespec ts;

	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == sizeof(seed))
		return seed;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return mix((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32));
}

static struct tuples *tuples_new(void)
{
	struct tuples *tb = irqm_calloc(1, sizeof(*tb));

	if (!tb)
		return NULL;
	tb->slots = irqm_calloc(TUPLES_MIN_SLOTS, sizeof(*tb->slots));
	if (!tb->slots) {
		irqm_free(tb);
		return NULL;
	}
	tb->nr_slots = TUPLES_MIN_SLOTS;
	tb->seed = random_seed();
	pthread_mutex_init(&tb->lock, NULL);
	return tb;
}

static void tuples_free(struct tuples *tb)
{
	if (!tb)
		return;
	pthread_mutex_destroy(&tb->lock);
	irqm_free(tb->slots);
	irqm_free(tb->tuples);
	irqm_free(tb->pool);
	irqm_free(tb);
}

/* Make room for @more elements of @size in *@arr of *@cap, doubling. */
static int reserve(void **arr, size_t *cap, size_t used, size_t more,
		   size_t size)
{
	size_t want = *cap ? *cap : 16;
	void *p;

	if (used + more <= *cap)
		return 0;
	while (want < used + more)
		want *= 2;
	p = irqm_malloc(want * size);
	if (!p)
		return -ENOMEM;
	if (used)
		memcpy(p, *arr, used * size);
	irqm_free(*arr);
	*arr = p;
	*cap = want;
	return 0;
}

static void insert_slot(uint32_t *slots, size_t nr_slots, uint32_t h,
			size_t id)
{
	size_t mask = nr_slots - 1, i = h & mask;

	while (slots[i])
		i = (i + 1) & mask;
	slots[i] = (uint32_t)(id + 1);
}

/* Double the hash table and put every tuple back, by its stored hash. */
static int grow_slots(struct tuples *tb)
{
	size_t nr_slots = tb->nr_slots * 2;
	uint32_t *slots = irqm_calloc(nr_slots, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t id = 0; id < tb->nr; id++)
		insert_slot(slots, nr_slots, tb->tuples[id].hash, id);
	irqm_free(tb->slots);
	tb->slots = slots;
	tb->nr_slots = nr_slots;
	return 0;
}

static bool same(const struct tuples *tb, const struct tuple *t,
		 uint32_t h, const uint32_t *cells, uint32_t len)
{
	return t->hash == h && t->len == len &&
	       !memcmp(tb->pool + t->off, cells, len * sizeof(*cells));
}

static int add(struct tuples *tb, const uint32_t *cells,
	       uint32_t len, uint32_t h, unsigned long *id)
{
	int ret;

	/* slot values are 32 bits: number + 1 must fit */
	if (tb->nr >= UINT32_MAX - 1)
		return -EOVERFLOW;
	if ((tb->nr + 1) * 4 > tb->nr_slots * 3) {
		ret = grow_slots(tb);
		if (ret)
			return ret;
	}
	ret = reserve((void **)&tb->pool, &tb->pool_cap, tb->pool_len, len,
		      sizeof(*tb->pool));
	if (!ret)
		ret = reserve((void **)&tb->tuples, &tb->cap, tb->nr, 1,
			      sizeof(*tb->tuples));
	if (ret)
		return ret;
	if (len)
		memcpy(tb->pool + tb->pool_len, cells, len * sizeof(*cells));
	tb->tuples[tb->nr] = (struct tuple){ .off = tb->pool_len, .len = len,
					     .hash = h };
	tb->pool_len += len;
	insert_slot(tb->slots, tb->nr_slots, h, tb->nr);
	*id = tb->nr++;
	return 0;
}

/*
 * The number of the tuple @cells[0..@len-1], adding it when new: -ENOMEM,
 * or -EOVERFLOW once 2^32 - 2 tuples are known.
 */
static int tuple_id(struct tuples *tb, const uint32_t *cells,
		    uint32_t len, unsigned long *id)
{
	uint32_t h = hash(tb, cells, len);
	size_t mask, i;
	int ret = 0;

	pthread_mutex_lock(&tb->lock);
	mask = tb->nr_slots - 1;
	for (i = h & mask; tb->slots[i]; i = (i + 1) & mask) {
		size_t cand = tb->slots[i] - 1;

		if (same(tb, &tb->tuples[cand], h, cells, len)) {
			*id = cand;
			goto out;
		}
	}
	ret = add(tb, cells, len, h, id);
out:
	pthread_mutex_unlock(&tb->lock);
	return ret;
}


static struct irq_chip generic_chip = {
	.name = "generic",
};

static int tuple_translate(struct irq_domain *d, struct irq_fwspec *fw,
			   unsigned long *hwirq, unsigned int *type)
{
	struct irqm_of_node *n = d->host_data;

	if (fw->param_count < 1)
		return -EINVAL;
	*type = IRQ_TYPE_NONE;
	return tuple_id(n->priv, fw->param,
				(uint32_t)fw->param_count, hwirq);
}

static const struct irq_domain_ops onecell_ops = {
	.map = irqm_of_chip_map,
	.translate = irq_domain_translate_onecell,
};

static const struct irq_domain_ops twocell_ops = {
	.map = irqm_of_chip_map,
	.translate = irq_domain_translate_twocell,
};

static const struct irq_domain_ops tuple_ops = {
	.map = irqm_of_chip_map,
	.translate = tuple_translate,
};

static void generic_exit(struct irqm_of_node *n)
{
	tuples_free(n->priv);
	n->priv = NULL;
}

static int generic_init(struct irqmap_of *t, struct irqm_of_node *n,
			char *why)
{
	const struct irq_domain_ops *ops = &onecell_ops;
	int ret;

	(void)t;
	if (!(n->flags & IRQM_OF_HAS_INTCELLS))
		return irqm_of_fail(why, -EINVAL,
				    "interrupt-controller without #interrupt-cells");
	if (n->intcells > MAX_PHANDLE_ARGS)
		return irqm_of_fail(why, -EOVERFLOW,
				    "#interrupt-cells %u exceeds %d",
				    n->intcells, MAX_PHANDLE_ARGS);
	if (n->intcells == 2) {
		ops = &twocell_ops;
	} else if (n->intcells >= 3) {
		n->priv = tuples_new();
		if (!n->priv)
			return irqm_of_fail(why, -ENOMEM, "out of memory");
		ops = &tuple_ops;
	}
	ret = irqm_of_create_domain(n, 0, ops, why);
	if (ret)
		generic_exit(n);
	return ret;
}

static const char *const no_compat[] = { NULL };

const struct irqm_of_irqchip irqm_of_generic = {
	.name = "generic",
	.irq_chip = &generic_chip,
	.compatible = no_compat,
	.init = generic_init,
	.exit = generic_exit,
};
