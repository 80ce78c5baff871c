// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * emulator_router.c - route a guest's PCI INTx lines the way an emulator
 * would: device models raise lines of an emulated host bridge on their own
 * thread, two "CPU" threads deliver them, and a device is hot-unplugged
 * while interrupts keep flowing.
 *
 * Each device raises its next interrupt once the guest has serviced the
 * previous one. The bridge model keeps, per pin, a mask bit (set and
 * cleared by its chip callbacks) and a "queued" bit: an asserted, unmasked
 * pin is queued once to one of the CPU threads, which delivers it with
 * generic_handle_domain_irq(). When the level flow handler unmasks a pin
 * that is still asserted, the chip queues it again, as a level-triggered
 * line would fire again. Each CPU thread names its CPU with
 * irqmap_set_cpu(), so irqmap_show_interrupts() has one column per CPU.
 *
 * Build it like any program using the installed library (make install,
 * or the libirqmap-dev package: see README.md):
 *   cc emulator_router.c $(pkg-config --cflags --libs irqmap) -o router
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <irqmap/irqmap.h>

#define NR_CPUS		2
#define NR_PINS		4
#define EVENTS		5000	/* interrupts each device raises */
#define RING_SIZE	8	/* > NR_PINS: a pin is queued at most once */

/* A device model behind the bridge. */
struct vdev {
	const char *name;
	unsigned int pin;		/* bridge pin after the swizzle */
	unsigned int virq;
	atomic_bool plugged;
	atomic_bool pending;		/* the device asserts its line */
	atomic_ulong raised;
	atomic_ulong handled;
	bool dropped;			/* was asserted when unplugged */
};

/* A CPU thread and its queue of pins to deliver. */
struct vcpu {
	pthread_t thread;
	unsigned int id;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int ring[RING_SIZE];
	unsigned int head, tail;
	bool stop;
	unsigned long delivered;
	unsigned long errors;
};

static struct vdev devs[] = {
	{ .name = "nic", .pin = 0 },	/* slot 0 INTA -> INTA */
	{ .name = "disk", .pin = 0 },	/* slot 4 INTA -> INTA: shared */
	{ .name = "serial", .pin = 1 },	/* slot 1 INTA -> INTB */
};
#define NR_DEVS (sizeof(devs) / sizeof(devs[0]))

static struct vcpu cpus[NR_CPUS];
static struct fwnode_handle bridge_fwnode;
static struct irq_domain *bridge;
/* Lines start masked, as a line nobody requested is. */
static atomic_uint pin_masked = (1u << NR_PINS) - 1;
static atomic_uint pin_queued;
static atomic_uint next_cpu;
/* The emulator's device lock: plugging and raising do not overlap. */
static pthread_mutex_t devices_lock = PTHREAD_MUTEX_INITIALIZER;
static int failures;

static bool pin_asserted(unsigned int pin)
{
	for (unsigned int i = 0; i < NR_DEVS; i++)
		if (devs[i].pin == pin && atomic_load(&devs[i].pending))
			return true;
	return false;
}

/* Queue @pin on the next CPU if it is asserted, unmasked and not queued. */
static void bridge_kick(unsigned int pin)
{
	struct vcpu *cpu;

	if ((atomic_load(&pin_masked) & (1u << pin)) || !pin_asserted(pin))
		return;
	if (atomic_fetch_or(&pin_queued, 1u << pin) & (1u << pin))
		return;
	cpu = &cpus[atomic_fetch_add(&next_cpu, 1) % NR_CPUS];
	pthread_mutex_lock(&cpu->lock);
	cpu->ring[cpu->tail++ % RING_SIZE] = pin;
	pthread_cond_signal(&cpu->cond);
	pthread_mutex_unlock(&cpu->lock);
}

/* Chip callbacks: run with the line's descriptor lock held; never block. */
static void bridge_mask(struct irq_data *d)
{
	atomic_fetch_or(&pin_masked, 1u << d->hwirq);
}

static void bridge_unmask(struct irq_data *d)
{
	atomic_fetch_and(&pin_masked, ~(1u << d->hwirq));
	bridge_kick(d->hwirq);		/* still asserted: fire again */
}

static struct irq_chip bridge_chip = {
	.name = "vbridge",
	.irq_mask = bridge_mask,
	.irq_unmask = bridge_unmask,
};

static int bridge_map(struct irq_domain *d, unsigned int virq,
		      irq_hw_number_t hw)
{
	(void)d;
	(void)hw;
	return irq_set_chip_and_handler(virq, &bridge_chip, handle_level_irq);
}

static const struct irq_domain_ops bridge_ops = {
	.map = bridge_map,
	.xlate = irq_domain_xlate_onecell,
};

/* The guest driver's handler: in an emulator, this injects into the guest. */
static irqreturn_t vdev_interrupt(int irq, void *dev_id)
{
	struct vdev *dev = dev_id;

	(void)irq;
	if (!atomic_exchange(&dev->pending, false))
		return IRQ_NONE;
	atomic_fetch_add(&dev->handled, 1);
	return IRQ_HANDLED;
}

static void *cpu_thread(void *arg)
{
	struct vcpu *cpu = arg;

	irqmap_set_cpu(cpu->id);
	pthread_mutex_lock(&cpu->lock);
	for (;;) {
		unsigned int pin;

		while (cpu->head == cpu->tail && !cpu->stop)
			pthread_cond_wait(&cpu->cond, &cpu->lock);
		if (cpu->head == cpu->tail)
			break;
		pin = cpu->ring[cpu->head++ % RING_SIZE];
		pthread_mutex_unlock(&cpu->lock);

		atomic_fetch_and(&pin_queued, ~(1u << pin));
		if (generic_handle_domain_irq(bridge, pin))
			cpu->errors++;
		cpu->delivered++;

		pthread_mutex_lock(&cpu->lock);
	}
	pthread_mutex_unlock(&cpu->lock);
	return NULL;
}

/*
 * The device models: each plugged device raises a new event as soon as the
 * guest has serviced the previous one, EVENTS times in all.
 */
static void *device_thread(void *arg)
{
	bool busy = true;

	(void)arg;
	while (busy) {
		bool raised = false;

		busy = false;
		pthread_mutex_lock(&devices_lock);
		for (unsigned int i = 0; i < NR_DEVS; i++) {
			struct vdev *dev = &devs[i];

			if (!atomic_load(&dev->plugged) ||
			    atomic_load(&dev->raised) == EVENTS)
				continue;
			busy = true;
			if (atomic_load(&dev->pending))
				continue;
			atomic_fetch_add(&dev->raised, 1);
			atomic_store(&dev->pending, true);
			bridge_kick(dev->pin);
			raised = true;
		}
		pthread_mutex_unlock(&devices_lock);
		if (!raised)
			sched_yield();
	}
	return NULL;
}

static void sleep_a_little(void)
{
	struct timespec ts = { 0, 100000 };

	nanosleep(&ts, NULL);
}

static int plug(struct vdev *dev)
{
	dev->virq = irq_create_mapping(bridge, dev->pin);
	if (!dev->virq)
		return -1;
	atomic_store(&dev->plugged, true);
	return request_irq(dev->virq, vdev_interrupt,
			   IRQF_SHARED | IRQF_TRIGGER_LOW, dev->name, dev);
}

/*
 * Hot unplug: the device leaves the bus (and deasserts its line), then its
 * handler is removed (free_irq() returns once it can no longer run, while
 * the line's other handlers keep receiving), then its mapping reference.
 */
static int unplug(struct vdev *dev)
{
	pthread_mutex_lock(&devices_lock);
	atomic_store(&dev->plugged, false);
	dev->dropped = atomic_exchange(&dev->pending, false);
	pthread_mutex_unlock(&devices_lock);
	if (!free_irq(dev->virq, dev))
		return -1;
	return irq_dispose_mapping(dev->virq);
}

int main(void)
{
	pthread_t device;
	unsigned long disk_at_unplug;
	int waited = 0;

	if (irqmap_init() || irqmap_set_nr_cpus(NR_CPUS))
		return 1;
	fwnode_init(&bridge_fwnode, FWNODE_KIND_USER, "vbridge-intx", NULL);
	bridge = irq_domain_create_linear(&bridge_fwnode, NR_PINS, &bridge_ops,
					  NULL);
	if (!bridge)
		return 1;
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		cpus[i].id = i;
		pthread_mutex_init(&cpus[i].lock, NULL);
		pthread_cond_init(&cpus[i].cond, NULL);
		pthread_create(&cpus[i].thread, NULL, cpu_thread, &cpus[i]);
	}
	for (unsigned int i = 0; i < NR_DEVS; i++)
		if (plug(&devs[i]))
			failures++;
	printf("bridge %s: nic and disk share INTA (virq %u), serial has INTB "
	       "(virq %u); %d CPU threads deliver\n", bridge->name,
	       devs[0].virq, devs[2].virq, NR_CPUS);

	pthread_create(&device, NULL, device_thread, NULL);
	while (atomic_load(&devs[1].raised) < EVENTS / 2)
		sleep_a_little();
	if (unplug(&devs[1]))
		failures++;
	disk_at_unplug = atomic_load(&devs[1].handled);
	printf("unplugged disk after %lu of its interrupts, while the CPUs "
	       "deliver: INTA keeps %u user\n", disk_at_unplug,
	       irq_mapping_refcount(devs[0].virq));
	pthread_join(device, NULL);

	/* Let the CPUs drain what is still asserted. */
	while ((pin_asserted(0) || pin_asserted(1)) && waited++ < 20000)
		sleep_a_little();
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		pthread_mutex_lock(&cpus[i].lock);
		cpus[i].stop = true;
		pthread_cond_signal(&cpus[i].cond);
		pthread_mutex_unlock(&cpus[i].lock);
		pthread_join(cpus[i].thread, NULL);
		if (cpus[i].errors)
			failures++;
	}
	printf("device thread done: CPU0 delivered %lu, CPU1 delivered %lu, "
	       "%lu errors, lines %s\n", cpus[0].delivered, cpus[1].delivered,
	       cpus[0].errors + cpus[1].errors,
	       pin_asserted(0) || pin_asserted(1) ? "STILL ASSERTED" : "idle");
	if (pin_asserted(0) || pin_asserted(1))
		failures++;
	irqmap_show_interrupts(stdout);
	printf("handled: nic %lu/%lu, serial %lu/%lu, disk %lu (none after "
	       "its unplug: %s)\n", atomic_load(&devs[0].handled),
	       atomic_load(&devs[0].raised), atomic_load(&devs[2].handled),
	       atomic_load(&devs[2].raised), atomic_load(&devs[1].handled),
	       atomic_load(&devs[1].handled) == disk_at_unplug ? "yes" : "NO");
	for (unsigned int i = 0; i < NR_DEVS; i++)
		if (atomic_load(&devs[i].handled) + devs[i].dropped !=
		    atomic_load(&devs[i].raised))
			failures++;
	if (atomic_load(&devs[1].handled) != disk_at_unplug)
		failures++;

	/* The bridge goes away: unplug what is left, then remove its domain. */
	if (unplug(&devs[0]) || unplug(&devs[2]))
		failures++;
	printf("unplugged nic and serial: %u lines left mapped\n",
	       irq_domain_mapcount(bridge));
	if (irq_domain_remove(bridge) || irqmap_exit())
		failures++;
	printf("%s\n", failures ? "FAILED" : "done: nothing left behind");
	return failures ? 1 : 0;
}
