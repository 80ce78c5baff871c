// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqdesc.c - the virq space: a next-fit bitmap allocator and a two-level
 * table of descriptors that readers walk without a lock.
 *
 * The table is an array of chunk pointers, each chunk an array of
 * descriptor pointers; chunks are allocated on first use and kept until
 * irqmap_exit(), so irq_to_desc() is two acquire loads and a bounds check.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "core.h"
#include "log.h"

#define CHUNK_SHIFT	12
#define CHUNK_SIZE	(1u << CHUNK_SHIFT)
#define BITS_PER_WORD	(sizeof(unsigned long) * CHAR_BIT)

static struct {
	struct irqm_mutex lock;		/* the kernel's sparse_irq_lock */
	unsigned int nr;		/* size of the space */
	unsigned long *bitmap;		/* allocated virqs */
	unsigned int cursor;		/* next-fit: where the next search starts */
	unsigned int count;		/* allocated virqs */
	_Atomic(_Atomic(struct irq_desc *) *) *chunks;
	unsigned int nr_chunks;
} vs;

static bool test_bit(unsigned int n)
{
	return vs.bitmap[n / BITS_PER_WORD] & (1ul << (n % BITS_PER_WORD));
}

static void assign_bits(unsigned int start, unsigned int cnt, bool set)
{
	for (unsigned int i = start; i < start + cnt; i++) {
		unsigned long bit = 1ul << (i % BITS_PER_WORD);

		if (set)
			vs.bitmap[i / BITS_PER_WORD] |= bit;
		else
			vs.bitmap[i / BITS_PER_WORD] &= ~bit;
	}
}

/* First clear bit in [start, end), or end. */
static unsigned int next_zero(unsigned int start, unsigned int end)
{
	unsigned int i = start;

	while (i < end) {
		unsigned long w = vs.bitmap[i / BITS_PER_WORD];

		if (i % BITS_PER_WORD == 0 && w == ~0ul) {
			i += BITS_PER_WORD;
			continue;
		}
		if (!(w & (1ul << (i % BITS_PER_WORD))))
			return i;
		i++;
	}
	return end;
}

/* First run of @cnt clear bits in [start, end), or 0 when none. */
static unsigned int find_area(unsigned int start, unsigned int end,
			      unsigned int cnt)
{
	unsigned int i = start;

	while (i < end && end - i >= cnt) {
		unsigned int j;

		i = next_zero(i, end);
		if (i >= end || end - i < cnt)
			break;
		for (j = i; j < i + cnt && !test_bit(j); j++)
			;
		if (j == i + cnt)
			return i;
		i = j + 1;
	}
	return 0;
}

struct irqm_desc_lock_slot irqm_desc_locks[1u << IRQM_DESC_LOCK_BITS];
#ifdef IRQMAP_DEBUG_LOCKS
__thread unsigned int irqm_desc_locks_held;
#endif

static void desc_locks_init(void)
{
	for (unsigned int i = 0; i < (1u << IRQM_DESC_LOCK_BITS); i++)
		irqm_mutex_init(&irqm_desc_locks[i].lock, "irq_desc.lock");
}

static void desc_locks_destroy(void)
{
	for (unsigned int i = 0; i < (1u << IRQM_DESC_LOCK_BITS); i++)
		irqm_mutex_destroy(&irqm_desc_locks[i].lock);
}

int irqm_desc_init(unsigned int nr_irqs)
{
	memset(&vs, 0, sizeof(vs));
	desc_locks_init();
	irqm_mutex_init(&vs.lock, "sparse_irq_lock");
	vs.nr = nr_irqs;
	vs.nr_chunks = (nr_irqs + CHUNK_SIZE - 1) / CHUNK_SIZE;
	vs.bitmap = irqm_calloc((nr_irqs + BITS_PER_WORD - 1) / BITS_PER_WORD,
				sizeof(unsigned long));
	vs.chunks = irqm_calloc(vs.nr_chunks, sizeof(*vs.chunks));
	if (!vs.bitmap || !vs.chunks) {
		irqm_free(vs.bitmap);
		irqm_free(vs.chunks);
		irqm_mutex_destroy(&vs.lock);
		desc_locks_destroy();
		return -ENOMEM;
	}
	assign_bits(0, 1, true);	/* virq 0 is never valid */
	vs.cursor = 1;
	return 0;
}

static void desc_free_rcu(struct rcu_head *head)
{
	IRQM_RCU_CALLBACK_ENTER();
	struct irq_desc *desc = caa_container_of(head, struct irq_desc, rcu);

	irqm_handling_release(desc);
	irqm_free(desc);
}

void irqm_desc_exit(void)
{
	for (unsigned int c = 0; c < vs.nr_chunks; c++) {
		_Atomic(struct irq_desc *) *chunk = vs.chunks[c];

		if (!chunk)
			continue;
		for (unsigned int i = 0; i < CHUNK_SIZE; i++) {
			struct irq_desc *desc = chunk[i];

			if (desc) {
				irqm_handling_release(desc);
				irqm_free(desc);
			}
		}
		irqm_free(chunk);
	}
	irqm_free(vs.chunks);
	irqm_free(vs.bitmap);
	irqm_mutex_destroy(&vs.lock);
	desc_locks_destroy();
	memset(&vs, 0, sizeof(vs));
}

unsigned int irq_get_nr_irqs(void)
{
	return vs.nr;
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	_Atomic(struct irq_desc *) *chunk;

	if (irq >= vs.nr)
		return NULL;
	chunk = irqm_rcu_deref(vs.chunks[irq >> CHUNK_SHIFT]);
	if (!chunk)
		return NULL;
	return irqm_rcu_deref(chunk[irq & (CHUNK_SIZE - 1)]);
}

unsigned int irq_desc_get_irq(const struct irq_desc *desc)
{
	return desc->irq_data.irq;
}

struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}

static struct irq_desc *desc_alloc(unsigned int irq)
{
	struct irq_desc *desc = irqm_calloc(1, sizeof(*desc));

	if (!desc)
		return NULL;
	desc->irq_data.irq = irq;
	desc->irq_data.common = &desc->irq_common_data;
	desc->irq_data.chip = &no_irq_chip;
	atomic_init(&desc->mapping, NULL);
	atomic_init(&desc->handling, 0);
	return desc;
}

static _Atomic(struct irq_desc *) *slot_of(unsigned int irq)
{
	return &vs.chunks[irq >> CHUNK_SHIFT][irq & (CHUNK_SIZE - 1)];
}

/* Make sure every chunk covering [start, start + cnt) exists. */
static int chunks_ensure_locked(unsigned int start, unsigned int cnt)
{
	irqm_lockdep_assert_held(&vs.lock);
	for (unsigned int c = start >> CHUNK_SHIFT;
	     c <= (start + cnt - 1) >> CHUNK_SHIFT; c++) {
		_Atomic(struct irq_desc *) *chunk;

		if (vs.chunks[c])
			continue;
		chunk = irqm_calloc(CHUNK_SIZE, sizeof(*chunk));
		if (!chunk)
			return -ENOMEM;
		irqm_rcu_assign(vs.chunks[c], chunk);
	}
	return 0;
}

static int alloc_descs_locked(unsigned int start, unsigned int cnt)
{
	struct irq_desc **descs;
	int ret;

	irqm_lockdep_assert_held(&vs.lock);
	ret = chunks_ensure_locked(start, cnt);
	if (ret)
		return ret;
	descs = irqm_calloc(cnt, sizeof(*descs));
	if (!descs)
		return -ENOMEM;
	for (unsigned int i = 0; i < cnt; i++) {
		descs[i] = desc_alloc(start + i);
		if (!descs[i]) {
			while (i--)
				irqm_free(descs[i]);
			irqm_free(descs);
			return -ENOMEM;
		}
	}
	for (unsigned int i = 0; i < cnt; i++)
		irqm_rcu_assign(*slot_of(start + i), descs[i]);
	irqm_free(descs);
	assign_bits(start, cnt, true);
	vs.count += cnt;
	return 0;
}

int irq_alloc_descs(int irq, unsigned int from, unsigned int cnt, int node)
{
	unsigned int start;
	int ret;

	(void)node;
	if (!IRQM_READY())
		return -ENODEV;
	if (!cnt || cnt >= vs.nr) {
		irqm_err("cannot allocate %u interrupts (space holds %u)",
			 cnt, vs.nr - 1);
		return -EINVAL;
	}
	if (irq == 0) {
		irqm_err("virq 0 is never valid");
		return -EINVAL;
	}
	if (irq >= 0 && from != (unsigned int)irq) {
		irqm_err("irq %d and from %u disagree", irq, from);
		return -EINVAL;
	}
	if (from == 0)
		from = 1;
	if (from >= vs.nr || cnt > vs.nr - from) {
		irqm_err("range %u+%u is past the virq space (%u)",
			 from, cnt, vs.nr);
		return -EINVAL;
	}

	irqm_mutex_lock(&vs.lock);
	if (irq >= 0) {
		start = find_area(from, from + cnt, cnt);
		if (start != from) {
			irqm_mutex_unlock(&vs.lock);
			irqm_err("virqs %u..%u are taken", from, from + cnt - 1);
			return -EEXIST;
		}
	} else {
		/* next-fit: from the cursor to the end, then wrap */
		unsigned int begin = vs.cursor > from ? vs.cursor : from;

		start = find_area(begin, vs.nr, cnt);
		if (!start && begin > from)
			start = find_area(from, vs.nr, cnt);
		if (!start) {
			irqm_mutex_unlock(&vs.lock);
			irqm_err("no %u free contiguous virqs", cnt);
			return -ENOSPC;
		}
	}
	ret = alloc_descs_locked(start, cnt);
	if (!ret && irq < 0) {
		vs.cursor = start + cnt;
		if (vs.cursor >= vs.nr)
			vs.cursor = 1;
	}
	irqm_mutex_unlock(&vs.lock);
	if (ret) {
		irqm_err("out of memory for %u descriptors", cnt);
		return ret;
	}
	return (int)start;
}

/* Unpublish and free after a grace period; the caller checked the range. */
static void free_range_locked(unsigned int irq, unsigned int cnt)
{
	irqm_lockdep_assert_held(&vs.lock);
	for (unsigned int i = irq; i < irq + cnt; i++) {
		struct irq_desc *desc = *slot_of(i);

		irqm_rcu_assign(*slot_of(i), NULL);
		irqm_call_rcu(&desc->rcu, desc_free_rcu);
	}
	assign_bits(irq, cnt, false);
	vs.count -= cnt;
}

void irqm_desc_free_range(unsigned int irq, unsigned int cnt)
{
	irqm_mutex_lock(&vs.lock);
	free_range_locked(irq, cnt);
	irqm_mutex_unlock(&vs.lock);
}

int irq_free_descs(unsigned int irq, unsigned int cnt)
{
	if (!IRQM_READY())
		return -ENODEV;
	if (!cnt || irq == 0 || irq >= vs.nr || cnt > vs.nr - irq) {
		irqm_err("bad range %u+%u", irq, cnt);
		return -EINVAL;
	}
	irqm_mutex_lock(&vs.lock);
	for (unsigned int i = irq; i < irq + cnt; i++) {
		struct irq_desc *desc = test_bit(i) ? *slot_of(i) : NULL;

		if (!desc) {
			irqm_mutex_unlock(&vs.lock);
			irqm_err("virq %u is not allocated", i);
			return -EINVAL;
		}
		if (atomic_load(&desc->mapping)) {
			irqm_mutex_unlock(&vs.lock);
			irqm_err("virq %u is still mapped; dispose it first", i);
			return -EBUSY;
		}
	}
	free_range_locked(irq, cnt);
	irqm_mutex_unlock(&vs.lock);
	return 0;
}

unsigned int irqm_desc_count(void)
{
	unsigned int n;

	irqm_mutex_lock(&vs.lock);
	n = vs.count;
	irqm_mutex_unlock(&vs.lock);
	return n;
}

/* Call @fn for every allocated descriptor, under the virq-space lock. */
int irqm_desc_for_each(int (*fn)(struct irq_desc *desc, void *arg), void *arg)
{
	int ret = 0;

	unsigned int seen = 0;

	irqm_mutex_lock(&vs.lock);
	/*
	 * A word at a time, and no further than the last allocated virq: the
	 * space is large (2M virqs) and mostly free. Bit 0 (virq 0, never
	 * valid) is set and not counted, hence <=.
	 */
	for (size_t w = 0; !ret && seen <= vs.count &&
	     w * BITS_PER_WORD < vs.nr; w++) {
		unsigned long bits = vs.bitmap[w];

		seen += (unsigned int)__builtin_popcountl(bits);
		while (bits && !ret) {
			unsigned int i = (unsigned int)(w * BITS_PER_WORD) +
					 (unsigned int)__builtin_ctzl(bits);

			bits &= bits - 1;
			if (i && i < vs.nr)
				ret = fn(*slot_of(i), arg);
		}
	}
	irqm_mutex_unlock(&vs.lock);
	return ret;
}

/* Tests: move the next-fit cursor (to exercise wrap-around). */
void irqm_desc_set_cursor(unsigned int next)
{
	irqm_mutex_lock(&vs.lock);
	vs.cursor = next && next < vs.nr ? next : 1;
	irqm_mutex_unlock(&vs.lock);
}
