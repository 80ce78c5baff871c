/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * of.h - private structures of the device-tree front end.
 *
 * A loaded tree (struct irqmap_of) owns a copy of the blob and an index of
 * its nodes built once at load: parent links, names, phandles and the few
 * properties every interrupt walk reads. A node's full path is made only
 * when asked for (props.c): storing every path would cost memory quadratic
 * in the nesting depth. Nodes are numbered in depth-first
 * order ("idx"); the public API speaks in blob offsets, which increase in
 * the same order: a bucket table converts them (lookup.c). Internally,
 * nodes are passed as idx, so a call converts its node once.
 *
 * Internal functions do not log: they describe a failure in a caller's
 * buffer (char why[IRQM_OF_WHY_LEN]) and return a negative errno; the
 * public entry point logs that description once. So every failure caused
 * by the tree is exactly one line.
 */
#ifndef IRQM_OF_H
#define IRQM_OF_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <irqmap/irqmap.h>

#define IRQM_OF_WHY_LEN 256

/* struct irqm_of_node.flags */
#define IRQM_OF_INTC		(1u << 0)	/* a controller (property or driver) */
#define IRQM_OF_IMAP		(1u << 1)	/* has interrupt-map */
#define IRQM_OF_AVAILABLE	(1u << 2)	/* status absent, "okay" or "ok" */
#define IRQM_OF_IMAP_ABUSER	(1u << 3)	/* parses its interrupt-map itself */
#define IRQM_OF_HAS_INTCELLS	(1u << 4)	/* #interrupt-cells known */
#define IRQM_OF_HAS_ADDRCELLS	(1u << 5)	/* #address-cells present */
#define IRQM_OF_HAS_IPARENT	(1u << 6)	/* interrupt-parent present */

/* Controller states, set by irqmap_of_irq_init(). */
enum irqm_of_state {
	IRQM_OF_NONE = 0,	/* not a controller, or not available */
	IRQM_OF_PENDING,	/* waiting for its parents */
	IRQM_OF_UP,		/* has its own domain */
	IRQM_OF_SERVED,		/* served by another controller's domain */
	IRQM_OF_FAILED,
};

struct irqm_of_irqchip;

struct irqm_of_node {
	/*
	 * FWNODE_KIND_OF; its name is the node's path, set at load for the
	 * nodes a domain may be found or made for (#interrupt-cells,
	 * interrupt-controller, a driver), else on the first public request.
	 */
	struct fwnode_handle fwnode;
	struct irqmap_of *tree;
	int offset;			/* in the blob */
	int parent;			/* idx, -1 for the root */
	uint32_t phandle;		/* 0 when none */
	uint32_t intcells;		/* valid with IRQM_OF_HAS_INTCELLS */
	uint32_t addrcells;		/* valid with IRQM_OF_HAS_ADDRCELLS */
	uint32_t addrcells_up;		/* its own, or the nearest ancestor's; 2 */
	uint32_t iparent;		/* valid with IRQM_OF_HAS_IPARENT */
	int name_len;			/* of name, below */
	/*
	 * Read once at load (cells in the blob, NULL when absent, lengths in
	 * cells): resolving any interrupt consults them, and a libfdt search
	 * scans every property of the node before it. Lengths go in pairs
	 * after their pointers, so that the record has no holes.
	 */
	const uint32_t *imap;		/* interrupt-map */
	const uint32_t *imask;		/* interrupt-map-mask */
	int imap_len;
	int imask_len;
	const uint32_t *reg;
	const uint32_t *intr;		/* interrupts */
	int reg_len;
	int intr_len;
	const uint32_t *intr_ext;	/* interrupts-extended */
	int *ext_pos;			/* interrupts-extended: each entry's cell */
	int intr_ext_len;
	int ext_nr;			/* its entries (irqm_of_index_ext()) */
	const char *compat;		/* compatible, in the blob; NULL: none */
	int compat_len;			/* in bytes */
	unsigned int flags;
	const char *name;		/* in the blob; "" for the root */
	_Atomic(char *) path;		/* the full path once asked for */
	const struct irqm_of_irqchip *chip;	/* NULL: not a controller */
	int state;			/* enum irqm_of_state */
	struct irq_domain *domain;	/* UP: own; SERVED: the server's */
	unsigned int *chain;		/* cascades: virq per own interrupt */
	int nr_chain;
	int hier_parent;		/* idx of the parent domain's node, -1 */
	/*
	 * What a driver set up besides its domain (GICv3: a partition domain
	 * per PPI, each cascaded from the PPI's line): teardown removes the
	 * extra domains and disposes the held lines before the node's own
	 * domain goes, and counts the held lines as the tree's own.
	 */
	struct irq_domain **extra;
	int nr_extra;
	unsigned int *held;
	int nr_held;
	void *priv;			/* the driver's, freed by its ->exit */
};

/* A node's interrupt parent: its idx, or -errno and the node that failed. */
struct irqm_of_parent {
	int result;
	int at;
};

struct irqm_of_phandle {
	uint32_t phandle;
	int idx;
};

struct irqmap_of {
	void *blob;
	size_t size;
	struct irqm_of_node *nodes;
	int nr_nodes;
	int *buckets;			/* first idx at offset b << bucket_shift */
	int nr_buckets;
	unsigned int bucket_shift;
	struct irqm_of_phandle *phandles;	/* sorted by phandle, then idx */
	int *by_phandle;		/* dense phandles: idx by phandle, or -1 */
	uint32_t max_phandle;		/* the size of by_phandle, less one */
	struct irqm_of_parent *parents;	/* per node, worked out at load */
	int nr_phandles;
	int platform;			/* first available platform controller, -1 */
	int *up_order;			/* idx of controllers, in bring-up order */
	int nr_up;
	bool irq_init_done;
	unsigned long generation;	/* irqm_init_generation() at bring-up */
};

/* fail.c */
int irqm_of_fail(char *why, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void irqm_of_report(const char *func, const struct irqmap_of *t, int idx,
		    int index, int err, const char *why);
int irqm_of_checked_idx(const struct irqmap_of *t, int offset,
			const char *func);

/* nodes.c */
int irqm_of_index(struct irqmap_of *t, char *why);

/* lookup.c */
int irqm_of_index_lookups(struct irqmap_of *t, char *why);
int irqm_of_offset_to_idx(const struct irqmap_of *t, int offset);
int irqm_of_phandle_to_idx(const struct irqmap_of *t, uint32_t phandle);
struct irqm_of_node *irqm_of_fwnode_to_node(const struct irqmap_of *t,
					    const struct fwnode_handle *fw);

/* props.c */
const uint32_t *irqm_of_prop(const struct irqmap_of *t, int idx,
			     const char *name, int *ncells);
bool irqm_of_prop_u32(const struct irqmap_of *t, int idx, const char *name,
		      uint32_t *val);
uint32_t irqm_of_cell(const uint32_t *cells, int i);
bool irqm_of_compatible(const struct irqmap_of *t, int idx,
			const char *compat);
bool irqm_of_status_ok(const char *s, int len);
/*
 * Node @idx's full path, made on the first request and kept until the tree
 * is freed (callers may race: one copy wins). _try: NULL when out of
 * memory; the others give a placeholder then, for messages.
 */
const char *irqm_of_path_try(const struct irqmap_of *t, int idx);
const char *irqm_of_path(const struct irqmap_of *t, int idx);
const char *irqm_of_npath(const struct irqm_of_node *n);

/* parent.c */
int irqm_of_index_parents(struct irqmap_of *t, char *why);
int irqm_of_find_parent(const struct irqmap_of *t, int idx, char *why);

/*
 * The hops of one walk, for irqmap_of_irq_explain(). The parse functions
 * take one optional (NULL: nothing recorded, the walk is the same) and add
 * each node the specifier reaches; nr counts every hop, also those past
 * max, so the caller can tell how much room the walk needs.
 */
struct irqm_of_trace {
	struct irqmap_of_hop *hops;
	int max;
	int nr;
};

void irqm_of_trace_hop(struct irqm_of_trace *tr, const struct irqmap_of *t,
		       int idx, enum irqmap_of_via via, int entry,
		       const struct of_phandle_args *spec);

/* parse_raw.c */
bool irqm_of_imap_abuser(const struct irqmap_of *t, int idx);
/*
 * The parse functions return the idx of the controller they resolved to
 * (out->np is its offset), or a negative errno. The _traced ones record
 * the walk in @tr; the others do not.
 */
int irqm_of_parse_raw(struct irqmap_of *t, int idx, const uint32_t *addr,
		      struct of_phandle_args *out, char *why);
int irqm_of_parse_raw_traced(struct irqmap_of *t, int idx,
			     const uint32_t *addr, struct of_phandle_args *out,
			     char *why, struct irqm_of_trace *tr);

/* parse_one.c */
int irqm_of_parse_one(struct irqmap_of *t, int idx, int index,
		      struct of_phandle_args *out, char *why);
int irqm_of_parse_one_traced(struct irqmap_of *t, int idx, int index,
			     struct of_phandle_args *out, char *why,
			     struct irqm_of_trace *tr);
int irqm_of_parse_one_logged(struct irqmap_of *tree, int node, int index,
			     struct of_phandle_args *out);
int irqm_of_entries(const struct irqmap_of *t, int idx);
int irqm_of_index_ext(struct irqmap_of *t, char *why);

/* parse_pci.c */
int irqm_of_parse_pci_logged(struct irqmap_of *tree, int bridge,
			     unsigned int devfn, unsigned int pin,
			     struct of_phandle_args *out);

/* mapping.c: map @args, whose controller is node @ctrl */
unsigned int irqm_of_map(struct of_phandle_args *args, int ctrl);

/* dtc.c */
int irqm_of_dtc_compile(const char *path, void **blob, size_t *size,
			char *why);

/* order.c: the order of bring-up, from a dependency graph built once */
struct irqm_of_heap {
	int *v;
	int nr;
};

struct irqm_of_order {
	int *from, *to;			/* edges: to waits for from */
	int nr_edges, cap_edges;
	int *waiting;			/* per node: edges still to settle */
	int *first, *dependents;	/* per node: who waits for it */
	struct irqm_of_heap now, later;	/* this pass, the next one */
	int *retry;			/* -EAGAIN: tried again next pass */
	int *blocker;			/* per node, see irqm_of_order_blockers() */
	int nr_retry;
	int cur;
	bool progress;
};

int irqm_of_order_init(struct irqm_of_order *o, struct irqmap_of *t);
int irqm_of_order_next(struct irqm_of_order *o);
void irqm_of_order_settled(struct irqm_of_order *o, int idx, bool again);
void irqm_of_order_blockers(struct irqm_of_order *o, const struct irqmap_of *t);
void irqm_of_order_exit(struct irqm_of_order *o);

/* init.c / teardown.c */
int irqm_of_irq_exit(struct irqmap_of *t);

#endif
