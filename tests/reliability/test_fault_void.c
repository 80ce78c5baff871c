// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_fault_void.c - calls that return nothing cannot fail: every
 * allocation of mapping, requesting, disabling, enabling and delivering
 * made to fail in turn. Once a line is mapped and requested, disable_irq(),
 * disable_irq_nosync(), enable_irq() and delivery do what they say, log
 * nothing and allocate nothing (but the optional per-CPU counters); on a
 * line mapped without a chip or a handler they do so without any handling
 * state at all.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>

#include "alloc.h"
#include "faultinject.h"

static atomic_uint calls;
static atomic_uint messages;		/* logged while no message may be */
static unsigned int void_failures;	/* checks that failed, over a sweep */

static irqreturn_t handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	atomic_fetch_add(&calls, 1);
	return IRQ_HANDLED;
}

static void count_message(int level, const char *msg, void *arg)
{
	(void)level;
	(void)msg;
	(void)arg;
	atomic_fetch_add(&messages, 1);
}

static void quiet(int level, const char *msg, void *arg)
{
	(void)level;
	(void)msg;
	(void)arg;
}

static int edge_map(struct irq_domain *d, unsigned int virq,
		    irq_hw_number_t hw)
{
	(void)d;
	(void)hw;
	return irq_set_chip_and_handler(virq, &dummy_irq_chip,
					handle_edge_irq);
}

static const struct irq_domain_ops edge_ops = {
	.map = edge_map,
	.xlate = irq_domain_xlate_onetwocell,
};

/* Count a failed check; report where (the sweep runs many times). */
static void check_at(bool ok, int line)
{
	if (!ok) {
		void_failures++;
		fprintf(stderr, "test_fault_void.c:%d: check failed\n", line);
	}
}
#define check(ok) check_at(ok, __LINE__)

/*
 * Starting a watch: no message, and no allocation unless @counters, may
 * happen until watch_end(). Returns the allocation count to compare
 * against. The only allocation a delivery may attempt is its CPU's chunk
 * of counters, tried again while missing; without it the counts go to the
 * line's spill slot, so it cannot fail.
 */
static unsigned long watch_begin(void)
{
	atomic_store(&messages, 0);
	irqmap_set_log_handler(count_message, NULL);
	return irqm_alloc_count();
}

static void watch_end(unsigned long allocs, bool counters)
{
	check(counters || irqm_alloc_count() == allocs);
	check(atomic_load(&messages) == 0);
	irqmap_set_log_handler(quiet, NULL);
}

/* A line without chip or handler: its depth moves, nothing is allocated. */
static void stateless_line(struct irq_domain *d, unsigned int virq)
{
	struct irq_data *data = irq_get_irq_data(virq);
	unsigned long allocs = watch_begin();

	check(irqd_irq_disabled(data));
	disable_irq(virq);			/* depth 2 */
	enable_irq(virq);			/* depth 1: still disabled */
	check(irqd_irq_disabled(data) && !irqd_is_started(data));
	enable_irq(virq);			/* depth 0: started */
	check(!irqd_irq_disabled(data) && irqd_is_started(data));
	disable_irq_nosync(virq);
	check(irqd_irq_disabled(data));
	watch_end(allocs, false);
	/* an interrupt on it is counted with the domain, and logged once */
	check(generic_handle_irq(virq) == 0);
	check(irqmap_domain_spurious(d) == 1);
}

/* A requested line: each call does what it says. */
static void requested_line(unsigned int virq)
{
	struct irq_data *data = irq_get_irq_data(virq);
	unsigned long allocs;

	/* the first delivery may allocate this CPU's counters (optional) */
	check(generic_handle_irq(virq) == 0);
	check(atomic_load(&calls) == 1);
	allocs = watch_begin();
	disable_irq(virq);
	check(irqd_irq_disabled(data));
	check(generic_handle_irq(virq) == 0);	/* edge: kept pending */
	check(atomic_load(&calls) == 1);
	enable_irq(virq);			/* resent */
	check(!irqd_irq_disabled(data));
	check(atomic_load(&calls) == 2);
	disable_irq_nosync(virq);
	disable_irq(virq);
	enable_irq(virq);
	check(irqd_irq_disabled(data));
	enable_irq(virq);
	check(generic_handle_irq(virq) == 0);
	check(atomic_load(&calls) == 3);
	watch_end(allocs, true);
}

static int void_scenario(void)
{
	struct irq_domain *plain, *edge;
	unsigned int bare = 0, line = 0;
	int dev, ret = 0;

	atomic_store(&calls, 0);
	plain = irq_domain_create_linear(NULL, 4, &irq_domain_simple_ops, NULL);
	edge = irq_domain_create_linear(NULL, 4, &edge_ops, NULL);
	if (!plain || !edge) {
		ret = -ENOMEM;
		goto out;
	}
	bare = irq_create_mapping(plain, 1);
	line = irq_create_mapping(edge, 2);
	if (!bare || !line) {
		ret = -ENOMEM;
		goto out;
	}
	stateless_line(plain, bare);
	ret = request_irq(line, handler, 0, "dev", &dev);
	if (ret)
		goto out;
	requested_line(line);
	check(free_irq(line, &dev) != NULL);
out:
	if (bare)
		irq_dispose_mapping(bare);
	if (line)
		irq_dispose_mapping(line);
	if (edge)
		irq_domain_remove(edge);
	if (plain)
		irq_domain_remove(plain);
	return ret;
}

static void test_no_void_call_fails_after_a_successful_request(void **state)
{
	struct fi_result r;

	(void)state;
	void_failures = 0;
	fi_sweep("void", void_scenario, &r);
	assert_true(r.points > 5);
	assert_int_equal(void_failures, 0);
	/* only the per-CPU counters may fail unseen (they spill) */
	assert_true(r.silent <= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_void_call_fails_after_a_successful_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
