// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_fault_handle.c - every allocation of requesting, delivering and
 * freeing handlers on shared lines made to fail in turn: primary handlers
 * and threaded ones (ONESHOT), two CPUs counting, disable and enable. Each
 * run ends with an error returned to the caller or success, a consistent
 * state, and nothing leaked: no action, thread or handling state.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "faultinject.h"

#define NR_DEVS 4

struct fdev {
	const char *name;
	atomic_uint calls;
	atomic_uint thread_calls;
};

static struct fdev devs[NR_DEVS] = {
	{ .name = "eth0" }, { .name = "eth1" },
	{ .name = "disk0" }, { .name = "disk1" },
};

static irqreturn_t handler(int irq, void *dev_id)
{
	struct fdev *dev = dev_id;

	(void)irq;
	atomic_fetch_add(&dev->calls, 1);
	return IRQ_HANDLED;
}

static irqreturn_t wake_handler(int irq, void *dev_id)
{
	struct fdev *dev = dev_id;

	(void)irq;
	atomic_fetch_add(&dev->calls, 1);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t thread_fn(int irq, void *dev_id)
{
	struct fdev *dev = dev_id;

	(void)irq;
	atomic_fetch_add(&dev->thread_calls, 1);
	return IRQ_HANDLED;
}

/* Lines 0..3: level, lines 4..7: edge, each with the dummy chip. */
static int line_map(struct irq_domain *d, unsigned int virq,
		    irq_hw_number_t hw)
{
	(void)d;
	return irq_set_chip_and_handler(virq, &dummy_irq_chip,
					hw < 4 ? handle_level_irq :
						 handle_edge_irq);
}

static const struct irq_domain_ops line_ops = {
	.map = line_map,
	.xlate = irq_domain_xlate_onetwocell,
};

static int first_error(int ret, int err)
{
	return ret ? ret : err;
}

/*
 * Two devices share a level line with primary handlers; two more share an
 * edge line with threaded handlers, one of them thread-only. The lines are
 * delivered on two CPUs, disabled and enabled, freed and unmapped.
 */
static int handle_scenario(void)
{
	struct irq_domain *d;
	unsigned int lv[2], ev[2];
	int req[NR_DEVS] = { -1, -1, -1, -1 };
	int ret = 0, r;

	d = irq_domain_create_linear(NULL, 8, &line_ops, NULL);
	if (!d)
		return -ENOMEM;
	/* each device maps its line: two references per line */
	lv[0] = irq_create_mapping(d, 1);
	lv[1] = irq_create_mapping(d, 1);
	ev[0] = irq_create_mapping(d, 5);
	ev[1] = irq_create_mapping(d, 5);
	for (int i = 0; i < 2; i++)
		if (!lv[i] || !ev[i])
			ret = first_error(ret, -ENOMEM);
	if (ret)
		goto unmap;

	req[0] = request_irq(lv[0], handler, IRQF_SHARED, devs[0].name,
			     &devs[0]);
	req[1] = request_irq(lv[1], handler, IRQF_SHARED, devs[1].name,
			     &devs[1]);
	req[2] = request_threaded_irq(ev[0], wake_handler, thread_fn,
				      IRQF_SHARED | IRQF_ONESHOT, devs[2].name,
				      &devs[2]);
	req[3] = request_threaded_irq(ev[1], NULL, thread_fn,
				      IRQF_SHARED | IRQF_ONESHOT, devs[3].name,
				      &devs[3]);
	for (int i = 0; i < NR_DEVS; i++)
		ret = first_error(ret, req[i]);

	/* deliveries count on CPU 0 and CPU 17 (a second chunk of counters) */
	for (unsigned int cpu = 0; cpu < 18; cpu += 17) {
		irqmap_set_cpu(cpu);
		r = generic_handle_domain_irq(d, 1);
		ret = first_error(ret, r);
		r = generic_handle_domain_irq(d, 5);
		ret = first_error(ret, r);
	}
	irqmap_set_cpu(0);
	synchronize_irq(ev[0]);
	disable_irq(lv[0]);
	r = generic_handle_domain_irq(d, 1);	/* kept pending */
	ret = first_error(ret, r);
	enable_irq(lv[0]);

	for (int i = NR_DEVS - 1; i >= 0; i--) {
		unsigned int virq = i < 2 ? lv[i] : ev[i - 2];

		if (req[i])
			continue;
		if (free_irq(virq, &devs[i]) != devs[i].name)
			ret = first_error(ret, -EINVAL);
	}
unmap:
	for (int i = 0; i < 2; i++) {
		if (irq_dispose_mapping(lv[i]))
			ret = first_error(ret, -EBUSY);
		if (irq_dispose_mapping(ev[i]))
			ret = first_error(ret, -EBUSY);
	}
	if (irq_domain_remove(d))
		ret = first_error(ret, -EBUSY);
	return ret;
}

static void handle_allocations(void **state)
{
	struct fi_result r;

	(void)state;
	fi_sweep("handle", handle_scenario, &r);
	assert_true(r.points > 10);
	/*
	 * Per-CPU counters are optional: when a chunk cannot be allocated
	 * (two lines, two chunks of CPUs each), counts go to the line's
	 * spill slot. Every other allocation failure reaches the caller.
	 */
	assert_int_equal(r.silent, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(handle_allocations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
