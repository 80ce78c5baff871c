// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_stats.c - per-CPU counts (kstat_irqs_cpu/kstat_irqs), the CPU
 * settings, and the interrupts table: one column per CPU, the unhandled
 * column, the flow and the handlers' names.
 */
#include <errno.h>
#include <string.h>

#include "hutil.h"

#define NR_CPUS 4

struct cpu_worker {
	unsigned int cpu;
	unsigned int virq;
	unsigned int n;
	pthread_barrier_t *start;
};

static void *fire_on_cpu(void *arg)
{
	struct cpu_worker *w = arg;

	if (w->start) {
		/*
		 * Every thread takes its RCU reader slot before any leaves:
		 * liburcu recycles the slot of an exiting thread out of
		 * ThreadSanitizer's sight.
		 */
		irqmap_read_lock();
		irqmap_read_unlock();
		pthread_barrier_wait(w->start);
	}
	irqmap_set_cpu(w->cpu);
	assert_int_equal(irqmap_get_cpu(), w->cpu);
	for (unsigned int i = 0; i < w->n; i++)
		generic_handle_irq(w->virq);
	return NULL;
}

static char *row_of(const char *text, unsigned int virq)
{
	char needle[32];
	const char *row;

	snprintf(needle, sizeof(needle), "\n%6u:", virq);
	row = strstr(text, needle);
	assert_non_null(row);
	return strndup(row + 1, strcspn(row + 1, "\n"));
}

static void per_cpu_counts_and_table(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_fasteoi_irq,
					[1] = handle_edge_irq } };
	struct hu_dev eth0 = { .name = "eth0", .ret = IRQ_HANDLED };
	struct hu_dev eth1 = { .name = "eth1", .ret = IRQ_NONE };
	struct cpu_worker w[NR_CPUS];
	pthread_barrier_t start;
	pthread_t tid[NR_CPUS];
	struct irq_domain *d;
	char *text, *header, *row;
	unsigned int v, idle;

	(void)state;
	assert_int_equal(irqmap_set_nr_cpus(NR_CPUS), 0);
	assert_int_equal(irqmap_nr_cpus(), NR_CPUS);
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	idle = hu_map(d, 1);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "eth0", &eth0),
			 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "eth1", &eth1),
			 0);
	pthread_barrier_init(&start, NULL, NR_CPUS);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		w[cpu] = (struct cpu_worker){ cpu, v, 10 * (cpu + 1), &start };
		assert_int_equal(pthread_create(&tid[cpu], NULL, fire_on_cpu,
						&w[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		pthread_join(tid[cpu], NULL);
	pthread_barrier_destroy(&start);

	/* Concurrent deliveries may find the line busy: count + deferred. */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		assert_true(kstat_irqs_cpu(v, (int)cpu) <= 10 * (cpu + 1));
	assert_int_equal(kstat_irqs(v), hu_stats(v).count);
	hu_assert_balanced(v, 100);
	assert_int_equal(kstat_irqs_cpu(v, -1), 0);
	assert_int_equal(kstat_irqs_cpu(v, IRQMAP_NR_CPUS_MAX), 0);
	assert_int_equal(kstat_irqs(v + 1000), 0);

	/* Exact per-CPU counts when the CPUs take turns. */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		w[cpu] = (struct cpu_worker){ cpu, idle, cpu + 1, NULL };
		fire_on_cpu(&w[cpu]);
	}
	irqmap_set_cpu(0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		assert_int_equal(kstat_irqs_cpu(idle, (int)cpu), 0);
	assert_int_equal(hu_stats(idle).deferred, 10);

	assert_int_equal(request_irq(idle, hu_handler, 0, "late", &eth0), 0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		w[cpu] = (struct cpu_worker){ cpu, idle, cpu + 1, NULL };
		fire_on_cpu(&w[cpu]);
	}
	irqmap_set_cpu(0);
	/* CPU 0 also got the edge resent by the request: 1 + 1. */
	assert_int_equal(kstat_irqs_cpu(idle, 0), 2);
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++)
		assert_int_equal(kstat_irqs_cpu(idle, (int)cpu), cpu + 1);
	assert_int_equal(kstat_irqs(idle), 11);

	text = tu_show_interrupts();
	assert_non_null(text);
	header = strndup(text, strcspn(text, "\n"));
	assert_non_null(strstr(header, "CPU0"));
	assert_non_null(strstr(header, "CPU3"));
	assert_null(strstr(header, "CPU4"));
	assert_non_null(strstr(header, "UNHANDLED"));
	free(header);
	row = row_of(text, idle);
	assert_non_null(strstr(row, "          2          2          3          4"));
	assert_non_null(strstr(row, "edge  late"));
	free(row);
	row = row_of(text, v);
	assert_non_null(strstr(row, "fasteoi  eth0, eth1"));
	free(row);
	free(text);

	free_irq(v, &eth0);
	free_irq(v, &eth1);
	free_irq(idle, &eth0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(idle), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void cpu_settings_are_checked(void **state)
{
	(void)state;
	assert_int_equal(irqmap_set_nr_cpus(NR_CPUS), 0);
	tu_log_capture_start();
	assert_int_equal(irqmap_set_nr_cpus(0), -EINVAL);
	tu_assert_one_message("CPUs");
	tu_log_capture_start();
	assert_int_equal(irqmap_set_nr_cpus(IRQMAP_NR_CPUS_MAX + 1), -EINVAL);
	tu_assert_one_message("CPUs");
	tu_log_capture_start();
	irqmap_set_cpu(NR_CPUS);
	tu_assert_one_message("out of range");
	tu_log_capture_stop();
	assert_int_equal(irqmap_get_cpu(), 0);
	irqmap_set_cpu(NR_CPUS - 1);
	assert_int_equal(irqmap_get_cpu(), NR_CPUS - 1);
	irqmap_set_cpu(0);

	/* Bad arguments of the stats call. */
	tu_log_capture_start();
	assert_int_equal(irqmap_irq_stats(1, NULL), -EINVAL);
	tu_assert_one_message("NULL");
	tu_log_capture_start();
	assert_int_equal(irqmap_irq_stats(54321, &(struct irqmap_irq_stats){ 0 }),
			 -EINVAL);
	tu_assert_one_message("not allocated");
	tu_log_capture_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(per_cpu_counts_and_table,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(cpu_settings_are_checked,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
