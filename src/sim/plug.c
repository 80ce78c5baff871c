// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * plug.c - what a driver does when its device comes and goes.
 *
 * Probe: resolve the interrupt pin to a specifier (route.c), map it with
 * irq_create_of_mapping() (one more reference on a shared line), and
 * request it with IRQF_SHARED. Removal: free_irq(), then
 * irq_dispose_mapping() (one reference less; the last one unmaps the
 * line). References are labelled with the device's id, so that the
 * library's reference tracking names their holders.
 *
 * Under the never-dispose semantics (arm64's generic PCI host bridges
 * today) removal stops at free_irq(): the mapping stays, and a line whose
 * last user went is left mapped, a leak (semantics.c lists them).
 *
 * Under dispose-on-every-unplug (--no-refcount) the first dispose unmaps a
 * line whatever its other users. irqmap refuses that while handlers are
 * installed (-EBUSY); the kernel does not check, and the other devices'
 * handlers are left on a line that is gone. The simulator plays the
 * kernel's part: it takes those handlers off, unmaps the line, and marks
 * the devices as having lost their interrupt. A domain that already held
 * mappings when --no-refcount switched the others (a cascaded
 * controller's lines) keeps counting; there the simulator also drops the
 * other users' references, with the same outcome.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/*
 * Does @l's domain still count references? Under the kernel's semantics only when
 * the library would not switch it (it held mappings already, a cascaded
 * controller's lines): the kernel's semantics are then played here.
 */
static bool counted(const struct irqm_sim_line *l)
{
	return !(l->domain->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT);
}

/*
 * Never dispose, on a domain that still counts: a line left mapped keeps
 * the reference of its last user, which the kernel's mapping would be;
 * the next user adopts it instead of taking one more.
 */
static bool adopt(struct irqm_sim *s, struct irqm_sim_dev *d,
		  struct irqm_sim_line *l, unsigned int virq)
{
	if (s->opts->semantics != IRQM_SIM_NEVER_DISPOSE || !counted(l) ||
	    l->users || !l->last_user[0] || l->virq != virq)
		return false;
	irqmap_debug_set_owner(d->id);
	if (irq_dispose_mapping(virq))
		s->failures++;
	irqmap_debug_set_owner(NULL);
	return true;
}

static int map_and_request(struct irqm_sim *s, struct irqm_sim_dev *d,
			   char *why, size_t len)
{
	bool adopted;
	struct of_phandle_args args;
	struct irqm_sim_line *l;
	struct irq_data *data;
	struct irq_domain *domain;
	irq_hw_number_t hwirq;
	unsigned int virq;
	int ret = irqm_sim_route(s, d, &args);

	if (ret) {
		snprintf(why, len, "cannot resolve %s of %s: %s", d->route, d->id,
			 irqm_sim_last_lib_msg()[0] ? irqm_sim_last_lib_msg() :
						      strerror(-ret));
		return ret;
	}
	irqm_sim_clear_lib_msg();
	irqmap_debug_set_owner(d->id);
	irqm_sim_quiet_begin();
	virq = irq_create_of_mapping(&args);
	irqm_sim_quiet_end();
	irqmap_debug_set_owner(NULL);
	if (!virq) {
		snprintf(why, len, "cannot map the interrupt of %s: %s", d->id,
			 irqm_sim_last_lib_msg());
		return -EINVAL;
	}
	irqmap_read_lock();
	data = irq_get_irq_data(virq);
	domain = data ? data->domain : NULL;
	hwirq = data ? data->hwirq : 0;
	irqmap_read_unlock();
	l = domain ? irqm_sim_line_get(s, domain, hwirq) : NULL;
	if (!l || (l->users && l->virq != virq)) {
		snprintf(why, len, l ? "virq %u for %s, but its line is virq %u" :
				       "no line for virq %u of %s", virq, d->id,
			 l ? l->virq : 0);
		irq_dispose_mapping(virq);
		return -EPROTO;
	}
	adopted = adopt(s, d, l, virq);
	irqm_sim_line_join(l, d);
	d->virq = virq;
	irqm_sim_clear_lib_msg();
	irqm_sim_quiet_begin();
	ret = request_irq(virq, irqm_sim_handler, IRQF_SHARED, d->id, d);
	irqm_sim_quiet_end();
	if (ret) {
		snprintf(why, len, "request_irq(%u) for %s: %s", virq, d->id,
			 irqm_sim_last_lib_msg()[0] ? irqm_sim_last_lib_msg() :
						      strerror(-ret));
		if (!adopted)
			irq_dispose_mapping(virq);
		irqm_sim_line_leave(d);
		d->line = NULL;
		d->virq = 0;
		return ret;
	}
	d->requested = true;
	if (!l->users++) {
		if (l->virq != virq)
			l->mappings++;
		l->virq = virq;
		l->last_user[0] = '\0';
	}
	if (l->users > l->peak_users)
		l->peak_users = l->users;
	s->refs_now++;
	snprintf(d->route + strlen(d->route), sizeof(d->route) - strlen(d->route),
		 " -> %s 0x%lx", l->ctrl, (unsigned long)hwirq);
	return 0;
}

/*
 * Plug @d (allocated with irqm_sim_dev_new(), not attached): take its
 * slot, bring up a bridge's bus, probe the driver. Takes @d over: on
 * failure it is freed and @why says what went wrong.
 */
int irqm_sim_plug(struct irqm_sim *s, struct irqm_sim_dev *d, char *why,
		  size_t len)
{
	const struct irqm_sim_driver *drv;
	int ret = irqm_sim_dev_attach(s, d);

	if (ret) {
		snprintf(why, len, "out of memory");
		free(d);
		return ret;
	}
	d->script_line = s->file ? s->lineno : 0;
	drv = irqm_sim_driver_find(d->driver);
	if (drv && drv->kind == IRQM_SIM_BRIDGE) {
		d->child = irqm_sim_bus_add(s, d->id, d->node, d);
		ret = d->child ? 0 : -ENOMEM;
		if (ret)
			snprintf(why, len, "out of memory");
		else
			d->child->nr_slots = drv->bus_slots;
	}
	/* A bridge's own pin too: its hot-plug controller's driver requests it. */
	if (!ret && d->pin)
		ret = map_and_request(s, d, why, len);
	if (ret) {
		if (d->child)
			irqm_sim_bus_remove(s, d->child);
		irqm_sim_dev_detach(s, d);
		free(d);
		return ret;
	}
	s->plugged++;
	irqm_sim_report_plug(s, d);
	if (s->refs_now > s->dot_refs)
		irqm_sim_dot_snapshot(s);
	return 0;
}

/*
 * Kernel semantics: the line goes, and with it every other user's handler.
 * On a domain that still counts (@drop_refs), their references go too.
 */
static void take_line(struct irqm_sim *s, struct irqm_sim_dev *by,
		      struct irqm_sim_line *l, unsigned int virq, bool drop_refs)
{
	struct irqm_sim_loss *v;

	for (size_t i = 0; i < s->nr_devs; i++) {
		struct irqm_sim_dev *u = s->devs[i];

		if (u == by || u->line != l || u->virq != virq)
			continue;
		if (u->requested && !free_irq(virq, u))
			s->failures++;
		u->requested = false;
		irqm_sim_drop_pending(s, u);
		if (drop_refs) {
			irqmap_debug_set_owner(u->id);
			if (irq_dispose_mapping(virq))
				s->failures++;
			irqmap_debug_set_owner(by->id);
		}
		u->lost = true;
		u->virq = 0;
		snprintf(u->lost_to, sizeof(u->lost_to), "%s", by->id);
		l->users--;
		s->refs_now--;
		v = realloc(s->losses, (s->nr_losses + 1) * sizeof(*v));
		if (v) {
			s->losses = v;
			snprintf(v[s->nr_losses].id, IRQM_SIM_ID_LEN, "%s", u->id);
			snprintf(v[s->nr_losses].by, IRQM_SIM_ID_LEN, "%s", by->id);
			v[s->nr_losses].virq = virq;
			v[s->nr_losses++].script_line = s->lineno;
		}
		irqm_sim_report_lost(s, u, virq);
	}
}

/* @d gives up its hold on its line; @ret says how its dispose went. */
static void let_go(struct irqm_sim *s, struct irqm_sim_dev *d,
		   unsigned int virq, int ret)
{
	if (ret) {
		irqm_sim_err(s, "device_del: irq_dispose_mapping(%u) for %s: %s",
			     virq, d->id, irqm_sim_last_lib_msg());
		s->failures++;
	}
	d->line->users--;
	s->refs_now--;
	d->virq = 0;
}

static int dispose(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	struct irqm_sim_line *l = d->line;
	unsigned int virq = d->virq, refs;
	size_t losses = s->nr_losses;
	bool unmapped;
	int ret;

	irqm_sim_clear_lib_msg();
	irqmap_debug_set_owner(d->id);
	irqm_sim_quiet_begin();
	if (s->opts->semantics == IRQM_SIM_DISPOSE && counted(l) && l->users > 1)
		take_line(s, d, l, virq, true);
	ret = irq_dispose_mapping(virq);
	if (ret == -EBUSY && s->opts->semantics == IRQM_SIM_DISPOSE) {
		take_line(s, d, l, virq, false);
		ret = irq_dispose_mapping(virq);
	}
	irqm_sim_quiet_end();
	irqmap_debug_set_owner(NULL);
	let_go(s, d, virq, ret);
	refs = irq_mapping_refcount(virq);
	unmapped = refs == 0;
	if (unmapped) {
		irqm_sim_wait_line_idle(s, l);
		irqm_sim_line_unmapped(l);
	}
	irqm_sim_report_unplug(s, d, virq, unmapped, refs,
			       s->nr_losses > losses);
	return ret;
}

/*
 * Never dispose: the driver's removal ends at free_irq(). On a domain that
 * still counts, the references of all but the last user go, so that the
 * line holds the one the kernel's mapping would.
 */
static int keep(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	struct irqm_sim_line *l = d->line;
	unsigned int virq = d->virq;
	int ret = 0;

	irqm_sim_clear_lib_msg();
	if (counted(l) && l->users > 1) {
		irqmap_debug_set_owner(d->id);
		ret = irq_dispose_mapping(virq);
		irqmap_debug_set_owner(NULL);
	}
	let_go(s, d, virq, ret);
	if (!l->users)
		irqm_sim_line_left(s, l, d);
	irqm_sim_report_kept(s, d, virq);
	return ret;
}

static int unplug_bus(struct irqm_sim *s, struct irqm_sim_bus *bus)
{
	int ret = 0;

	for (unsigned int slot = 0; slot < IRQM_SIM_SLOTS; slot++)
		for (unsigned int fn = IRQM_SIM_FUNCS; fn-- > 0;)
			if (bus->slots[slot][fn] &&
			    irqm_sim_unplug(s, bus->slots[slot][fn]))
				ret = -EIO;
	return ret;
}

/* Unplug @d (and everything behind it, for a bridge), then free it. */
int irqm_sim_unplug(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	int ret = 0;

	if (d->child) {
		ret = unplug_bus(s, d->child);
		irqm_sim_bus_remove(s, d->child);
		d->child = NULL;
	}
	if (d->requested && !free_irq(d->virq, d)) {
		irqm_sim_err(s, "device_del: free_irq(%u) for %s refused",
			     d->virq, d->id);
		s->failures++;
		ret = -EIO;
	}
	d->requested = false;
	irqm_sim_drop_pending(s, d);
	irqm_sim_dev_detach(s, d);
	if (d->virq) {
		/*
		 * The end of the run is no unplug of the scenario: a guest that
		 * stops leaks nothing, so the last user there disposes.
		 */
		bool never = s->opts->semantics == IRQM_SIM_NEVER_DISPOSE &&
			     !(s->ending && d->line->users == 1);

		if (never ? keep(s, d) : dispose(s, d))
			ret = -EIO;
	} else {
		irqm_sim_report_unplug(s, d, 0, false, 0, false);
	}
	irqm_sim_gone_add(s, d->id);
	s->unplugged++;
	s->handled_gone += atomic_load(&d->handled);
	free(d);
	return ret;
}

/* Unplug everything, last plugged first. */
int irqm_sim_unplug_all(struct irqm_sim *s)
{
	int ret = 0;

	while (s->nr_devs)
		if (irqm_sim_unplug(s, s->devs[s->nr_devs - 1]))
			ret = -EIO;
	return ret;
}
