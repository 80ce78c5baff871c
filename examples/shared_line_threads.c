// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * shared_line_threads.c - several "drivers" on their own threads share the
 * four INTx lines of one PCI host bridge: each plugs (creates a mapping,
 * taking a reference), checks the line, and unplugs (disposes). The lines
 * live exactly as long as their last user; nothing is left at the end.
 *
 * Build it like any program using the installed library (make install,
 * or the libirqmap-dev package: see README.md):
 *   cc shared_line_threads.c $(pkg-config --cflags --libs irqmap) -o demo
 */
#include <pthread.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

#define DRIVERS 8
#define ROUNDS 1000

static struct irq_domain *bridge;

static void *driver(void *arg)
{
	unsigned long slot = (unsigned long)arg;
	unsigned long bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		irq_hw_number_t pin = (slot + i) % 4;
		unsigned int virq = irq_create_mapping(bridge, pin);

		if (!virq || irq_find_mapping(bridge, pin) != virq)
			bad++;
		if (irq_dispose_mapping(virq))
			bad++;
	}
	return (void *)bad;
}

int main(void)
{
	pthread_t t[DRIVERS];
	unsigned long bad = 0;
	int ret;

	if (irqmap_init())
		return 1;
	bridge = irq_domain_create_linear(NULL, 4, &irq_domain_simple_ops, NULL);
	if (!bridge)
		return 1;
	for (unsigned long i = 0; i < DRIVERS; i++)
		pthread_create(&t[i], NULL, driver, (void *)i);
	for (int i = 0; i < DRIVERS; i++) {
		void *r;

		pthread_join(t[i], &r);
		bad += (unsigned long)r;
	}
	printf("libirqmap %s: %d drivers x %d plug/unplug on 4 shared lines, "
	       "%lu errors, %u lines left mapped\n", irqmap_version(), DRIVERS,
	       ROUNDS, bad, irq_domain_mapcount(bridge));
	ret = irq_domain_remove(bridge);
	if (irqmap_exit() || ret || bad)
		return 1;
	return 0;
}
