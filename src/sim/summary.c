// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * summary.c - the last words of a run: which semantics ran and what it
 * cost (devices that lost their interrupt, lines leaked), what was
 * plugged and delivered, how many devices each line carried at most, and
 * the leaks the library was left with.
 */
#include <string.h>

#include "sim.h"

/* Lost devices named in the text summary; JSON has them all. */
#define MAX_LISTED 20

#define ADD(o, k, v) json_object_object_add(o, k, v)
#define INT(v) json_object_new_int64((int64_t)(v))

static void line_name(struct irqm_sim *s, const struct irqm_sim_line *l,
		      char *buf, size_t len)
{
	if (irqm_sim_lines_with_domains(s) > 1)
		snprintf(buf, len, "%s:0x%lx", l->ctrl, (unsigned long)l->hwirq);
	else
		snprintf(buf, len, "0x%lx", (unsigned long)l->hwirq);
}

static unsigned long delivered(struct irqm_sim *s)
{
	unsigned long n = 0;

	for (struct irqm_sim_line *l = s->lines; l; l = l->next)
		n += atomic_load(&l->delivered);
	return n;
}

static void lost_text(struct irqm_sim *s)
{
	printf("kernel semantics: %zu device%s lost %s interrupt when another device on %s line was unplugged:\n",
	       s->nr_losses, s->nr_losses == 1 ? "" : "s",
	       s->nr_losses == 1 ? "its" : "their",
	       s->nr_losses == 1 ? "its" : "their");
	for (size_t i = 0; i < s->nr_losses; i++) {
		const struct irqm_sim_loss *x = &s->losses[i];

		if (i == MAX_LISTED && s->nr_losses > MAX_LISTED + 1) {
			printf("  ... and %zu more\n", s->nr_losses - MAX_LISTED);
			break;
		}

		printf("  %s: virq %u unmapped when %s was unplugged", x->id,
		       x->virq, x->by);
		if (x->script_line && s->file)
			printf(" (%s:%u)", s->file, x->script_line);
		printf("\n");
	}
}

static void end_json(struct irqm_sim *s, unsigned long leaks, bool stopped)
{
	json_object *o = irqm_sim_json_object(), *peak, *lost;

	ADD(o, "event", json_object_new_string("summary"));
	ADD(o, "plugged", INT(s->plugged));
	ADD(o, "unplugged", INT(s->unplugged));
	ADD(o, "raised", INT(s->raised));
	ADD(o, "handled", INT(s->handled_gone));
	ADD(o, "dropped", INT(s->dropped));
	ADD(o, "lost_interrupts", INT(s->ghost));
	ADD(o, "delivered", INT(delivered(s)));
	peak = irqm_sim_json_object();
	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		char name[160];

		line_name(s, l, name, sizeof(name));
		ADD(peak, name, INT(l->peak_users));
	}
	ADD(o, "peak_sharing", peak);
	lost = irqm_sim_json_array();
	for (size_t i = 0; i < s->nr_losses; i++) {
		json_object *x = irqm_sim_json_object();

		ADD(x, "id", json_object_new_string(s->losses[i].id));
		ADD(x, "by", json_object_new_string(s->losses[i].by));
		ADD(x, "virq", INT(s->losses[i].virq));
		json_object_array_add(lost, x);
	}
	ADD(o, "lost_devices", lost);
	ADD(o, "semantics", json_object_new_string(irqm_sim_semantics_name(s->opts->semantics)));
	ADD(o, "leaked_lines", INT(s->leaked_lines));
	ADD(o, "bad_lines", INT(s->errors));
	ADD(o, "stopped", json_object_new_boolean(stopped));
	ADD(o, "leaks", INT(leaks));
	irqm_sim_json_print(o);
}

/* Called after everything was unplugged and the library checked. */
void irqm_sim_report_end(struct irqm_sim *s, unsigned long leaks, bool stopped)
{
	if (s->opts->json) {
		end_json(s, leaks, stopped);
		return;
	}
	if (s->nr_losses)
		lost_text(s);
	irqm_sim_leaked_list(s);
	printf("summary: semantics %s (%zu device%s lost %s interrupt, %lu line%s leaked); ",
	       irqm_sim_semantics_name(s->opts->semantics), s->nr_losses,
	       s->nr_losses == 1 ? "" : "s", s->nr_losses == 1 ? "its" : "their",
	       s->leaked_lines, s->leaked_lines == 1 ? "" : "s");
	printf("%lu device%s plugged, %lu line interrupts delivered "
	       "(%lu device interrupts raised: %lu handled, %lu dropped at unplug, %lu lost), "
	       "peak sharing per line:", s->plugged, s->plugged == 1 ? "" : "s",
	       delivered(s), s->raised, s->handled_gone, s->dropped, s->ghost);
	if (!s->lines)
		printf(" none");
	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		char name[160];

		line_name(s, l, name, sizeof(name));
		printf(" %s=%u", name, l->peak_users);
	}
	printf(", leaks found: %lu\n", leaks);
	fflush(stdout);
}
