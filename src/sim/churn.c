// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * churn.c - the random hot-plug soak (--churn N, --seed S).
 *
 * Plugs N devices, one at a time, at random free slots of random buses
 * with random pins, while unplugging random ones among those it plugged:
 * the number plugged wanders up to three quarters of the free slots, so
 * lines are shared by many devices and lose and regain users all the
 * time. Devices raise interrupts as they go. Most unplugs first wait a
 * little for the device's interrupts to be handled, as a driver's remove
 * quiesces its device; one in four raises more instead, just before the
 * unplug, so the delivery threads race with free_irq() and
 * irq_dispose_mapping(). Every 1000 plugs, and at the end when all of
 * them are gone again, the deliveries are drained and everything checked
 * (check.c). The same seed gives the same sequence of plugs.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define CHECK_EVERY 1000ul
#define QUIESCE_NS 5000000LL

static const char *const drivers[] = {
	"e1000", "virtio-net-pci", "nvme", "virtio-blk-pci", "ich9-intel-hda",
};

struct churn {
	struct irqm_sim *s;
	uint64_t rng;
	struct irqm_sim_bus **buses;
	size_t nr_buses;
	struct irqm_sim_dev **mine;
	size_t nr_mine, cap;
};

/* splitmix64 */
static uint64_t rnd(struct churn *c)
{
	uint64_t z = (c->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned int below(struct churn *c, size_t n)
{
	return (unsigned int)(rnd(c) % n);
}

static bool slot_free(const struct irqm_sim_bus *b, unsigned int slot)
{
	for (unsigned int fn = 0; fn < IRQM_SIM_FUNCS; fn++)
		if (b->slots[slot][fn])
			return false;
	return true;
}

static unsigned int free_slots(struct churn *c)
{
	unsigned int n = 0;

	for (size_t i = 0; i < c->nr_buses; i++)
		for (unsigned int slot = 0; slot < IRQM_SIM_SLOTS; slot++)
			n += slot_free(c->buses[i], slot);
	return n;
}

static void raise_some(struct churn *c, struct irqm_sim_dev *d)
{
	if (d->line && !d->child)
		irqm_sim_raise(c->s, d, 1 + below(c, 3));
}

static int plug_one(struct churn *c, unsigned long nr)
{
	struct irqm_sim_bus *b = c->buses[below(c, c->nr_buses)];
	unsigned int slot = below(c, IRQM_SIM_SLOTS);
	struct irqm_sim_dev *d;
	char id[IRQM_SIM_ID_LEN], why[512];

	for (unsigned int tries = 0; !slot_free(b, slot); tries++) {
		if (tries == IRQM_SIM_SLOTS * c->nr_buses)
			return 1;
		slot = (slot + 1) % IRQM_SIM_SLOTS;
		if (!slot)
			b = c->buses[below(c, c->nr_buses)];
	}
	if (c->nr_mine == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct irqm_sim_dev **v = realloc(c->mine, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->mine = v;
		c->cap = cap;
	}
	snprintf(id, sizeof(id), "churn%lu", nr);
	d = irqm_sim_dev_new(id, drivers[below(c, sizeof(drivers) / sizeof(drivers[0]))],
			     b, slot, 0, 1 + below(c, 4));
	if (!d)
		return -ENOMEM;
	if (irqm_sim_plug(c->s, d, why, sizeof(why))) {
		irqm_sim_err(c->s, "churn: %s", why);
		return -EIO;
	}
	c->mine[c->nr_mine++] = d;
	if (below(c, 4))
		raise_some(c, d);
	return 0;
}

/*
 * A driver's remove usually quiesces its device first: wait a little for
 * its interrupts to be handled. Bounded; what is left is dropped.
 */
static void quiesce(struct irqm_sim_dev *d)
{
	long long deadline = irqm_sim_now_ns() + QUIESCE_NS;

	while (atomic_load(&d->pending) > 0 && irqm_sim_now_ns() < deadline)
		sched_yield();
}

static int unplug_one(struct churn *c)
{
	unsigned int i = below(c, c->nr_mine);
	struct irqm_sim_dev *d = c->mine[i];

	c->mine[i] = c->mine[--c->nr_mine];
	if (below(c, 4))
		quiesce(d);
	else
		raise_some(c, d);	/* races with the unplug */
	return irqm_sim_unplug(c->s, d);
}

static int checkpoint(struct irqm_sim *s)
{
	int ret = irqm_sim_cpus_drain(s, IRQM_SIM_DRAIN_MS);

	if (ret) {
		irqm_sim_err(s, "churn: deliveries did not drain (%s)",
			     ret == -ETIMEDOUT ? "timed out" : "lines stuck");
		s->failures++;
		return -EIO;
	}
	return irqm_sim_check(s, false);
}

static int run(struct churn *c, unsigned long n)
{
	struct irqm_sim *s = c->s;
	unsigned int most = free_slots(c) * 3 / 4;
	struct irqm_sim_progress *p = irqm_sim_progress_start("churn", n);
	unsigned long plugged = 0;
	int ret = 0;

	if (!most)
		most = 1;
	while (!ret && plugged < n) {
		bool plug = !c->nr_mine ||
			    (c->nr_mine < most && below(c, 100) < 55);

		if (plug) {
			ret = plug_one(c, plugged);
			if (ret == 1)
				ret = c->nr_mine ? unplug_one(c) : -ENOSPC;
			else if (!ret && ++plugged % CHECK_EVERY == 0)
				ret = checkpoint(s);
		} else {
			ret = unplug_one(c);
		}
		if (!ret && s->nr_devs && !below(c, 4))
			raise_some(c, s->devs[below(c, s->nr_devs)]);
		irqm_sim_progress_update(p, plugged);
	}
	while (c->nr_mine && !unplug_one(c))
		;
	if (c->nr_mine)
		ret = -EIO;
	if (!ret)
		ret = checkpoint(s);
	irqm_sim_progress_end(p);
	return ret;
}

/* Return: 0, or -EIO after reporting what went wrong. */
int irqm_sim_churn(struct irqm_sim *s)
{
	struct churn c = { .s = s, .rng = s->opts->seed };
	int ret;

	for (struct irqm_sim_bus *b = s->buses; b; b = b->next)
		c.nr_buses++;
	if (!c.nr_buses) {
		irqm_sim_err(s, "churn: %s has no PCI bus", s->machine_name);
		return -EIO;
	}
	c.buses = calloc(c.nr_buses, sizeof(*c.buses));
	if (!c.buses)
		return -ENOMEM;
	c.nr_buses = 0;
	for (struct irqm_sim_bus *b = s->buses; b; b = b->next)
		c.buses[c.nr_buses++] = b;
	s->quiet = true;
	ret = run(&c, s->opts->churn);
	s->quiet = false;
	if (ret == -ENOSPC)
		irqm_sim_err(s, "churn: no free slot on any bus");
	free(c.mine);
	free(c.buses);
	return ret ? -EIO : 0;
}
