// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * machine.c - bringing the machine up and down.
 *
 * Up: load the tree (a file, a machine of -M, or the built-in one), bring
 * up every interrupt controller with the device-tree front end, switch the
 * domains to the kernel's unreferenced mappings for the kernel's semantics
 * (dispose on every unplug, never dispose), and remember the mappings
 * that exist before any device (cascaded controllers hold their parent
 * lines). Down: after every device was unplugged, the lines the
 * never-dispose semantics left mapped are released (they were listed as
 * its cost); what is still mapped beyond that is a leak; then the tree
 * and its domains go.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Kernel semantics on every domain that has no mapping yet. */
static void kernel_semantics(struct irqm_sim *s)
{
	size_t nr;
	struct irq_domain **domains = irqm_sim_domains(&nr);

	for (size_t i = 0; i < nr; i++)
		if (!irq_domain_mapcount(domains[i]))
			irq_domain_set_refcounting(domains[i], false);
	free(domains);
}

int irqm_sim_machine_up(struct irqm_sim *s)
{
	const char *path = s->opts->machine;
	size_t size;
	const void *blob;

	if (path) {
		s->tree = irqmap_of_load(path);
		s->machine_name = path;
	} else if (s->qm) {
		s->tree = irqmap_of_load_blob(s->qm->blob, *s->qm->size);
		s->machine_name = s->qm->title;
	} else {
		blob = irqm_sim_builtin_blob(&size);
		s->tree = irqmap_of_load_blob(blob, size);
		s->machine_name = "built-in pSeries machine";
	}
	if (!s->tree) {
		irqm_sim_err(s, "cannot load the machine %s: %s", s->machine_name,
			     strerror(errno));
		return -EIO;
	}
	if (irqmap_of_irq_init(s->tree))
		irqm_sim_err(s, "%s: some interrupt controllers did not come up (see above)",
			     s->machine_name);
	if (irqm_sim_kernel_domains(s))
		kernel_semantics(s);
	if (irqm_sim_base_save(s)) {
		irqm_sim_err(s, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

/*
 * Everything is unplugged and the deliveries are over: count the leaks,
 * then free the tree. Return: 0, or -EIO when the tree could not go.
 */
int irqm_sim_machine_down(struct irqm_sim *s, unsigned long *leaks)
{
	irqm_sim_leaked_release(s);
	*leaks = irqm_sim_leaks(s, stderr);
	if (!s->tree)
		return 0;
	if (irqmap_of_free(s->tree)) {
		irqm_sim_err(s, "the device tree cannot be freed: mappings are left");
		(*leaks)++;
		return -EIO;
	}
	s->tree = NULL;
	return 0;
}
