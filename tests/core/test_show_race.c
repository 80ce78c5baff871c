// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_show_race.c - the interrupts table printed while lines are set up
 * and torn down.
 *
 * irqmap_show_interrupts() walks the descriptors without the domains'
 * locks. Meanwhile one thread allocates and frees interrupts through a
 * hierarchy (->alloc and ->free set and reset the outermost chip under the
 * root domain's mutex only) and another maps and unmaps lines whose ->map
 * calls irq_set_chip(). Every row must be readable at any time: under
 * ThreadSanitizer (suite 'concurrency'), without a data race.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "testutil.h"

#ifdef IRQMAP_TSAN
#define ROUNDS	1500
#else
#define ROUNDS	20000
#endif

static atomic_bool done;

static int root_alloc(struct irq_domain *d, unsigned int virq,
		      unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &dummy_irq_chip, NULL);
	return 0;
}

static const struct irq_domain_ops root_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = root_alloc,
	.free = irq_domain_free_irqs_common,
};

static int flat_map(struct irq_domain *d, unsigned int virq,
		    irq_hw_number_t hw)
{
	return irq_set_chip(virq, &dummy_irq_chip);
}

static const struct irq_domain_ops flat_ops = {
	.map = flat_map,
	.xlate = irq_domain_xlate_onecell,
};

struct churn {
	struct irq_domain *d;
	struct fwnode_handle *fw;
	bool hier;
	unsigned long bad;
};

static void *churner(void *arg)
{
	struct churn *c = arg;
	struct irq_fwspec spec = { .fwnode = c->fw, .param_count = 1 };

	for (unsigned int i = 0; i < ROUNDS; i++) {
		if (c->hier) {
			int base;

			spec.param[0] = i % 8;
			base = irq_domain_alloc_irqs(c->d, 1 + i % 3, -1, &spec);
			if (base <= 0 ||
			    irq_domain_free_irqs((unsigned int)base, 1 + i % 3))
				c->bad++;
		} else {
			unsigned int v = irq_create_mapping(c->d, i % 8);

			if (!v || irq_dispose_mapping(v))
				c->bad++;
		}
	}
	return NULL;
}

static void *printer(void *arg)
{
	unsigned long *rows = arg;

	while (!atomic_load(&done)) {
		char *text = tu_show_interrupts();

		if (!text)
			break;
		(*rows)++;
		free(text);
	}
	return NULL;
}

static void table_printed_while_lines_come_and_go(void **state)
{
	struct fwnode_handle root_fw, flat_fw;
	struct churn hier = { .hier = true }, flat = { .hier = false };
	pthread_t th, tf, tp;
	unsigned long tables = 0;

	(void)state;
	fwnode_init(&root_fw, FWNODE_KIND_USER, "show-root", NULL);
	fwnode_init(&flat_fw, FWNODE_KIND_USER, "show-flat", NULL);
	hier.d = irq_domain_create_linear(&root_fw, 16, &root_ops, NULL);
	flat.d = irq_domain_create_linear(&flat_fw, 8, &flat_ops, NULL);
	assert_non_null(hier.d);
	assert_non_null(flat.d);
	hier.fw = &root_fw;
	flat.fw = &flat_fw;
	atomic_store(&done, false);
	assert_int_equal(pthread_create(&tp, NULL, printer, &tables), 0);
	assert_int_equal(pthread_create(&th, NULL, churner, &hier), 0);
	assert_int_equal(pthread_create(&tf, NULL, churner, &flat), 0);
	pthread_join(th, NULL);
	pthread_join(tf, NULL);
	atomic_store(&done, true);
	pthread_join(tp, NULL);
	print_message("%lu tables printed during %d rounds\n", tables, ROUNDS);
	assert_int_equal(hier.bad, 0);
	assert_int_equal(flat.bad, 0);
	assert_true(tables > 0);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(hier.d), 0);
	assert_int_equal(irq_domain_remove(flat.d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(table_printed_while_lines_come_and_go,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
