// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * semantics.c - what the kernel does with a mapping when a device goes,
 * and what each choice costs.
 *
 * The same scenario can be replayed three ways (--semantics):
 *
 *	refcount	irqmap: one reference per user, the last one unmaps
 *			the line; nothing is lost, nothing leaks
 *	dispose		dispose on every unplug, as pseries did before its
 *			fix: the devices left on the line lose their
 *			interrupt (plug.c takes it from them and lists them)
 *	never-dispose	never dispose, as arm64 with generic PCI host bridges
 *			does today: INTx mappings are created at probe and
 *			never disposed, so a line whose last user is gone
 *			stays mapped: a leak, listed here
 *
 * Under never-dispose the leaked lines are released at the very end,
 * after they were counted, so that the library still comes down clean and
 * a real leak of the simulator or the library is told apart from the one
 * the semantics stands for.
 */
#include <string.h>

#include "sim.h"

static const char *const names[] = {
	[IRQM_SIM_REFCOUNTED] = "refcount",
	[IRQM_SIM_DISPOSE] = "dispose",
	[IRQM_SIM_NEVER_DISPOSE] = "never-dispose",
};

int irqm_sim_semantics_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i], name))
			return (int)i;
	return -1;
}

const char *irqm_sim_semantics_name(enum irqm_sim_semantics sem)
{
	return (size_t)sem < sizeof(names) / sizeof(names[0]) ? names[sem] : "?";
}

/* Never dispose: @l stays mapped although @last, its last user, is gone. */
void irqm_sim_line_left(struct irqm_sim *s, struct irqm_sim_line *l,
			const struct irqm_sim_dev *last)
{
	snprintf(l->last_user, sizeof(l->last_user), "%s", last->id);
	l->left_at = s->file && !s->cmdline ? s->lineno : 0;
}

/*
 * The end of a never-dispose run, every device unplugged and the CPUs
 * stopped: count the lines left mapped, then unmap them.
 */
void irqm_sim_leaked_release(struct irqm_sim *s)
{
	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		if (!l->virq || l->users || !l->last_user[0])
			continue;
		s->leaked_lines++;
		/* It holds one reference, its last user's: one dispose unmaps it. */
		irqmap_debug_set_owner(l->last_user);
		if (irq_dispose_mapping(l->virq))
			s->failures++;
		irqmap_debug_set_owner(NULL);
		irqm_sim_line_unmapped(l);
	}
}

/* "never-dispose: 2 lines left mapped after their last user: ..." */
void irqm_sim_leaked_list(struct irqm_sim *s)
{
	if (!s->leaked_lines)
		return;
	printf("never dispose: %lu line%s left mapped after %s last user was unplugged (leaked):\n",
	       s->leaked_lines, s->leaked_lines == 1 ? "" : "s",
	       s->leaked_lines == 1 ? "its" : "their");
	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		if (l->users || !l->last_user[0])
			continue;
		printf("  %s hwirq 0x%lx: still mapped after %s was unplugged",
		       l->ctrl, (unsigned long)l->hwirq, l->last_user);
		if (l->left_at)
			printf(" (line %u)", l->left_at);
		printf("\n");
	}
}
