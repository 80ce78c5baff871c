/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sim.h - the simulator's model, shared by the files of src/sim.
 *
 * A machine is a device tree brought up by the device-tree front end: its
 * controllers and domains, and one PCI bus per host bridge. Buses have 32
 * slots of 8 functions; devices plug into them, and a PCI-to-PCI bridge
 * is a device that adds a bus. A device with an interrupt pin resolves it
 * to a controller line (struct irqm_sim_line), maps it, and requests it
 * shared, as a driver's probe does; unplugging frees and disposes it.
 *
 * Threads: one script thread changes the model (buses, devices, lines'
 * users); the delivery threads (cpu.c) only touch the atomics of lines
 * and devices. Lines live until the end of the run, so queued deliveries
 * never point at freed memory; a device is freed only after free_irq(),
 * when its handler can no longer run.
 */
#ifndef IRQMAP_SIM_SIM_H
#define IRQMAP_SIM_SIM_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <irqmap/irqmap.h>
#include <json-c/json.h>

#include "simulator.h"

#define IRQM_SIM_SLOTS		32u
#define IRQM_SIM_FUNCS		8u
#define IRQM_SIM_ID_LEN		64
#define IRQM_SIM_DRIVER_LEN	32
#define IRQM_SIM_ROUTE_LEN	256
/* How long a wait for the delivery threads may last. */
#define IRQM_SIM_DRAIN_MS	10000u

/* Exit statuses, as the irqmap program's. */
#define IRQM_SIM_OK		0
#define IRQM_SIM_FAILED		1
#define IRQM_SIM_BAD_INPUT	2

struct irqm_sim_cpus;

/* One controller line, (domain, hwirq): lives until the end of the run. */
struct irqm_sim_line {
	struct irq_domain *domain;
	irq_hw_number_t hwirq;
	char ctrl[128];			/* controller node path */
	/* Script thread only. */
	unsigned int virq;		/* current mapping, 0 when unmapped */
	unsigned int users;		/* plugged devices resolved to it */
	unsigned int peak_users;
	unsigned long mappings;		/* times it was mapped afresh */
	struct irqm_sim_line *next;
	struct irqm_sim_line *hash_next;	/* irqm_sim_line_find()'s table */
	/* Plugged devices resolved to it, in plug order (d->line == it). */
	struct irqm_sim_dev *devs_head, *devs_tail;
	/* Never-dispose semantics: mapped after its last user left. */
	char last_user[IRQM_SIM_ID_LEN];
	unsigned int left_at;		/* script line of that unplug */
	/* Shared with the delivery threads. */
	atomic_long asserted;		/* pending interrupts of its devices */
	atomic_int queued;		/* deliveries queued, not yet taken */
	atomic_int inflight;		/* deliveries running now */
	atomic_bool stuck;		/* gave up: asserted, nobody claims */
	atomic_llong last_progress;	/* ns, last claim or raise */
	atomic_ulong delivered;		/* generic_handle_domain_irq() == 0 */
	atomic_ulong life_delivered;	/* the same, this mapping only */
	atomic_ulong unmapped;		/* ... == -EINVAL: no mapping */
	atomic_ulong failed;		/* ... any other error */
	atomic_ulong masked;		/* not delivered: masked at the chip */
	atomic_ulong coalesced;		/* already claimed when taken */
};

struct irqm_sim_bus;

struct irqm_sim_dev {
	char id[IRQM_SIM_ID_LEN];
	char driver[IRQM_SIM_DRIVER_LEN];
	struct irqm_sim_bus *bus;
	unsigned int slot, fn;
	unsigned int pin;		/* 1 = INTA .. 4 = INTD, 0: none */
	bool multifunction;
	int node;			/* device-tree node, or -1 */
	/*
	 * A platform device of the tree (bus == NULL): which of its node's
	 * interrupts this is; a node with several has one device each.
	 */
	bool platform;
	int irq_index;
	bool fixed;			/* part of the machine: no device_del */
	unsigned int script_line;	/* where it was plugged, 0: at start */
	struct irqm_sim_bus *child;	/* a bridge's secondary bus */
	struct irqm_sim_line *line;	/* resolved line, NULL: no pin */
	struct irqm_sim_dev *line_prev, *line_next;	/* on line->devs_head */
	struct irqm_sim_dev *hash_next;	/* irqm_sim_dev_find()'s table */
	unsigned int virq;		/* 0 when it holds no mapping */
	bool requested;
	bool lost;			/* kernel semantics took its line */
	char lost_to[IRQM_SIM_ID_LEN];	/* whose unplug took it */
	char route[IRQM_SIM_ROUTE_LEN];	/* how its pin reaches the line */
	unsigned long raised;		/* script thread */
	unsigned long dropped;		/* pending when unplugged or lost */
	unsigned long ghost;		/* raised while lost */
	atomic_long pending;		/* raised, not yet claimed */
	atomic_ulong handled;		/* claimed by its handler */
	atomic_ulong foreign;		/* handler called for another virq */
};

struct irqm_sim_bus {
	char name[IRQM_SIM_ID_LEN];
	char alias[IRQM_SIM_ID_LEN];	/* the other spelling, or "" */
	unsigned int nr_slots;		/* 32; 1 behind a PCIe port */
	int node;			/* its device-tree node, or -1 */
	bool has_map;			/* the node has an interrupt-map */
	struct irqm_sim_dev *bridge;	/* NULL for a host bridge */
	struct irqm_sim_dev *slots[IRQM_SIM_SLOTS][IRQM_SIM_FUNCS];
	struct irqm_sim_bus *next;
};

/* A mapping that existed before any device was plugged (a cascade). */
struct irqm_sim_base {
	struct irq_domain *domain;
	irq_hw_number_t hwirq;
	unsigned int virq;
	unsigned int refs;
};

/* A device whose interrupt kernel semantics took away. */
struct irqm_sim_loss {
	char id[IRQM_SIM_ID_LEN];
	char by[IRQM_SIM_ID_LEN];
	unsigned int virq;
	unsigned int script_line;
};

/* An id that was unplugged, for messages about it. */
struct irqm_sim_gone {
	char id[IRQM_SIM_ID_LEN];
	unsigned int script_line;
};

/* A machine of -M (qemu-machines.c). */
struct irqm_sim_machine {
	const char *name;		/* -M NAME */
	const char *tree;		/* which of QEMU's trees */
	const char *title;
	const char *bus_prefix;		/* QEMU's root bus names: "pci." ... */
	const unsigned char *blob;
	const size_t *size;
};

/* A -device driver (qemu-drivers.c). */
enum irqm_sim_kind {
	IRQM_SIM_DEVICE,
	IRQM_SIM_BRIDGE,		/* adds a bus named by its id */
	IRQM_SIM_HOST_BRIDGE,		/* part of the machine */
};

struct irqm_sim_driver {
	const char *name;
	enum irqm_sim_kind kind;
	unsigned int pin;		/* its own interrupt pin, 0: none */
	unsigned int bus_slots;		/* a bridge's bus: slots it has */
};

struct irqm_sim {
	const struct irqm_sim_opts *opts;
	const struct irqm_sim_machine *qm;	/* -M, or NULL */
	struct irqmap_of *tree;
	const char *machine_name;
	/* Messages say "-device N" rather than a file and line. */
	bool cmdline;
	bool refs_tracking;
	bool quiet;			/* no narration (churn) */
	bool ending;			/* the end of the run unplugs all */
	/* Where the command being run comes from, for messages. */
	const char *file;
	unsigned int lineno;
	unsigned int col;		/* of a bad byte, for messages; 0: none */
	/* The model. */
	struct irqm_sim_bus *buses;
	unsigned int nr_hosts;
	struct irqm_sim_dev **devs;	/* plugged, in plug order */
	size_t nr_devs, cap_devs;
	/*
	 * Hash tables by id and by (domain, hwirq): a machine of many
	 * thousand devices would otherwise plug in quadratic time.
	 */
	struct irqm_sim_dev **dev_hash;
	size_t dev_hash_size;		/* a power of two, or 0 */
	struct irqm_sim_line *lines;	/* sorted by controller, hwirq */
	struct irqm_sim_line *lines_tail;
	struct irqm_sim_line **line_hash;
	size_t line_hash_size, nr_lines;
	struct irqm_sim_base *base;
	size_t nr_base;
	struct irqm_sim_loss *losses;
	size_t nr_losses;
	unsigned long leaked_lines;	/* never-dispose: left mapped */
	struct irqm_sim_gone *gone;
	size_t nr_gone, cap_gone;
	struct irqm_sim_cpus *cpus;
	/* Totals. */
	unsigned long plugged, unplugged, raised, dropped, ghost;
	unsigned long handled_gone;	/* claims of unplugged devices */
	unsigned long errors;		/* bad lines */
	unsigned long failures;		/* failed checks, refused calls */
	/* The busiest moment, for --dot and --svg. */
	char *dot;
	unsigned long dot_refs;
	unsigned long refs_now;
};

/* log.c: messages with the script location, and the library's log. */
void irqm_sim_log_install(struct irqm_sim *s);
void irqm_sim_err(struct irqm_sim *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define IRQM_SIM_QUOTE_MAX 40	/* bytes of a bad token a message quotes */
#define IRQM_SIM_MAX_LINE (1u << 20)	/* bytes of a script's line */
#define IRQM_SIM_MAX_SCRIPT (64u << 20)	/* bytes of a script */
const char *irqm_sim_q(const char *tok);
void irqm_sim_quiet_begin(void);
void irqm_sim_quiet_end(void);
const char *irqm_sim_last_lib_msg(void);
void irqm_sim_clear_lib_msg(void);
void irqm_sim_set_delivery_thread(struct irqm_sim *s);

/* machine.c */
int irqm_sim_machine_up(struct irqm_sim *s);
int irqm_sim_machine_down(struct irqm_sim *s, unsigned long *leaks);

/* treedev.c: the PCI devices and bridges the tree describes. */
int irqm_sim_plug_tree(struct irqm_sim *s);

/* bus.c */
struct irqm_sim_bus *irqm_sim_bus_find(struct irqm_sim *s, const char *name);
struct irqm_sim_bus *irqm_sim_bus_add(struct irqm_sim *s, const char *name,
				      int node, struct irqm_sim_dev *bridge);
void irqm_sim_bus_remove(struct irqm_sim *s, struct irqm_sim_bus *bus);
void irqm_sim_bus_names(struct irqm_sim *s, char *buf, size_t len);
struct irqm_sim_dev *irqm_sim_dev_find(struct irqm_sim *s, const char *id);
int irqm_sim_dev_index(struct irqm_sim *s, const struct irqm_sim_dev *d);
void irqm_sim_addr(const struct irqm_sim_dev *d, char *buf, size_t len);
const struct irqm_sim_gone *irqm_sim_gone_find(struct irqm_sim *s,
					       const char *id);
void irqm_sim_gone_add(struct irqm_sim *s, const char *id);
int irqm_sim_dev_attach(struct irqm_sim *s, struct irqm_sim_dev *d);
void irqm_sim_dev_detach(struct irqm_sim *s, struct irqm_sim_dev *d);
struct irqm_sim_dev *irqm_sim_dev_new(const char *id, const char *driver,
				      struct irqm_sim_bus *bus,
				      unsigned int slot, unsigned int fn,
				      unsigned int pin);

/* route.c: from a pin to a resolved specifier. */
int irqm_sim_route(struct irqm_sim *s, struct irqm_sim_dev *d,
		   struct of_phandle_args *args);
char irqm_sim_pin_name(unsigned int pin);

/* lines.c */
struct irqm_sim_line *irqm_sim_line_get(struct irqm_sim *s,
					struct irq_domain *domain,
					irq_hw_number_t hwirq);
struct irqm_sim_line *irqm_sim_line_find(struct irqm_sim *s,
					 struct irq_domain *domain,
					 irq_hw_number_t hwirq);
void irqm_sim_line_unmapped(struct irqm_sim_line *l);
void irqm_sim_line_join(struct irqm_sim_line *l, struct irqm_sim_dev *d);
void irqm_sim_line_leave(struct irqm_sim_dev *d);
void irqm_sim_lines_free(struct irqm_sim *s);
unsigned int irqm_sim_line_holders(struct irqm_sim *s,
				   const struct irqm_sim_line *l,
				   char *buf, size_t len);
unsigned int irqm_sim_lines_with_domains(struct irqm_sim *s);
long long irqm_sim_now_ns(void);

/* plug.c: what a driver does on probe and removal. */
int irqm_sim_plug(struct irqm_sim *s, struct irqm_sim_dev *d, char *why,
		  size_t len);
int irqm_sim_unplug(struct irqm_sim *s, struct irqm_sim_dev *d);
int irqm_sim_unplug_all(struct irqm_sim *s);

/* irq.c: the devices' interrupt handler, and raising a line. */
irqreturn_t irqm_sim_handler(int irq, void *dev_id);
int irqm_sim_raise(struct irqm_sim *s, struct irqm_sim_dev *d,
		   unsigned long count);
void irqm_sim_drop_pending(struct irqm_sim *s, struct irqm_sim_dev *d);

/* cpu.c: the simulated CPUs that deliver interrupts. */
int irqm_sim_cpus_start(struct irqm_sim *s, unsigned int nr);
void irqm_sim_cpus_stop(struct irqm_sim *s);
void irqm_sim_cpus_kick(struct irqm_sim *s, struct irqm_sim_line *l,
			unsigned int nr, bool ghost);
int irqm_sim_cpus_drain(struct irqm_sim *s, unsigned int timeout_ms);
void irqm_sim_wait_line_idle(struct irqm_sim *s, struct irqm_sim_line *l);

/* parse.c and exec.c: the scenario language. */
enum irqm_sim_op {
	IRQM_SIM_DEVICE_ADD,
	IRQM_SIM_DEVICE_DEL,
	IRQM_SIM_RAISE,
	IRQM_SIM_INFO,
	IRQM_SIM_CHECK,
	IRQM_SIM_SYNC,
	IRQM_SIM_ECHO,
};

enum irqm_sim_info {
	IRQM_SIM_INFO_INTERRUPTS,
	IRQM_SIM_INFO_DOMAINS,
	IRQM_SIM_INFO_REFS,
	IRQM_SIM_INFO_PCI,
};

struct irqm_sim_cmd {
	enum irqm_sim_op op;
	char text[256];			/* the command as written */
	char driver[IRQM_SIM_DRIVER_LEN];
	char bus[IRQM_SIM_ID_LEN];
	char id[IRQM_SIM_ID_LEN];
	bool auto_id;			/* no id= given */
	int index;			/* spapr-pci-host-bridge's index= */
	int slot;			/* -1: the first free slot */
	unsigned int fn;
	unsigned int pin;		/* 0: the driver's own */
	bool multifunction;
	unsigned long count;
	enum irqm_sim_info info;
	const char *echo;
};

int irqm_sim_parse(struct irqm_sim *s, char *line, struct irqm_sim_cmd *cmd);
int irqm_sim_exec(struct irqm_sim *s, const struct irqm_sim_cmd *cmd);
int irqm_sim_device_add(struct irqm_sim *s, const struct irqm_sim_cmd *cmd);
bool irqm_sim_run_line(struct irqm_sim *s, char *line,
		       struct irqm_sim_cmd *cmd, int *status);
int irqm_sim_run_script(struct irqm_sim *s, FILE *f, const char *name);

/* info.c and json.c: what the info commands print. */
int irqm_sim_info(struct irqm_sim *s, enum irqm_sim_info what);
int irqm_sim_info_json(struct irqm_sim *s, enum irqm_sim_info what);
void irqm_sim_print_pci(struct irqm_sim *s, FILE *f);
void irqm_sim_json_print(json_object *o);
json_object *irqm_sim_json_object(void);
json_object *irqm_sim_json_array(void);
json_object *irqm_sim_json_command(struct irqm_sim *s, const char *name);
json_object *irqm_sim_json_dev(const struct irqm_sim_dev *d);
const char *irqm_sim_type_name(unsigned int type);

/* report.c: narration of what happens, as text or JSON. */
void irqm_sim_report_machine(struct irqm_sim *s);
void irqm_sim_report_plug(struct irqm_sim *s, const struct irqm_sim_dev *d);
void irqm_sim_report_unplug(struct irqm_sim *s, const struct irqm_sim_dev *d,
			    unsigned int virq, bool unmapped,
			    unsigned int refs_left, bool took);
void irqm_sim_report_lost(struct irqm_sim *s, const struct irqm_sim_dev *by,
			  unsigned int virq);
void irqm_sim_report_raise(struct irqm_sim *s, const struct irqm_sim_dev *d,
			   unsigned long count);
void irqm_sim_report_echo(struct irqm_sim *s, const char *text);
void irqm_sim_report_command(struct irqm_sim *s, const char *text);
void irqm_sim_report_end(struct irqm_sim *s, unsigned long leaks,
			 bool stopped);

/* check.c: reference counts against users, counters, leaks. */
int irqm_sim_check(struct irqm_sim *s, bool report);
int irqm_sim_base_save(struct irqm_sim *s);
unsigned long irqm_sim_leaks(struct irqm_sim *s, FILE *f);

/* churn.c and progress.c */
int irqm_sim_churn(struct irqm_sim *s);
struct irqm_sim_progress;
struct irqm_sim_progress *irqm_sim_progress_start(const char *what,
						  unsigned long total);
void irqm_sim_progress_update(struct irqm_sim_progress *p,
			      unsigned long done);
void irqm_sim_progress_end(struct irqm_sim_progress *p);

/* dot.c: Graphviz output. */
void irqm_sim_dot_snapshot(struct irqm_sim *s);
int irqm_sim_dot_write(struct irqm_sim *s);

/* domains.c: every domain, for the checks and the output. */
struct irq_domain **irqm_sim_domains(size_t *nr);
struct irqmap_mapping_info *irqm_sim_mappings(struct irq_domain *d,
					      size_t *nr);

/* builtin.c: the embedded machine. */
const void *irqm_sim_builtin_blob(size_t *size);

/* qemu-machines.c and qemu-drivers.c: QEMU's names. */
const struct irqm_sim_machine *irqm_sim_machine_pick(const char *arch,
						     const char *spec,
						     bool two_phbs, char *err,
						     size_t len);
void irqm_sim_root_bus_name(const struct irqm_sim *s, unsigned int index,
			    const char *compatible, char *name, char *alias,
			    size_t len);
const struct irqm_sim_driver *irqm_sim_driver_find(const char *name);
void irqm_sim_driver_names(char *buf, size_t len);
bool irqm_sim_option_ignored(const char *key);
void irqm_sim_auto_id(struct irqm_sim *s, const char *driver, char *buf,
		      size_t len);

/* cmdline.c: the devices of the command line (-device). */
bool irqm_sim_cmdline_has_phb(const struct irqm_sim_opts *o);
int irqm_sim_cmdline_devices(struct irqm_sim *s);

/* platdev.c: the devices of the tree that are not on PCI. */
int irqm_sim_plug_platform(struct irqm_sim *s, int node);
bool irqm_sim_is_platform_node(struct irqm_sim *s, int node);

/* leaked.c: never-dispose semantics, the lines left behind. */
void irqm_sim_line_left(struct irqm_sim *s, struct irqm_sim_line *l,
			const struct irqm_sim_dev *last);
void irqm_sim_leaked_release(struct irqm_sim *s);
void irqm_sim_leaked_list(struct irqm_sim *s);
void irqm_sim_report_kept(struct irqm_sim *s, const struct irqm_sim_dev *d,
			  unsigned int virq);

/* Are the domains switched to the kernel's unreferenced mappings? */
static inline bool irqm_sim_kernel_domains(const struct irqm_sim *s)
{
	return s->opts->semantics != IRQM_SIM_REFCOUNTED;
}

#endif
