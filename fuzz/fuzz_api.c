// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fuzz_api.c - random sequences of API calls, each result checked against
 * a reference model of what the library promises.
 *
 * Four domains: a linear one with its own ->map (level and edge lines),
 * a tree one with the stock simple ops, and a two-level hierarchy: a root
 * of 64 lines with ->alloc, and an 8-line child whose line h is the root's
 * line 32 + h. The input bytes are decoded into creates, fwspec creates,
 * disposes, hierarchy allocations and frees, request_irq/free_irq,
 * deliveries, domain removals and refcounting switches. The model knows
 * every mapping (its virq, levels, references, trigger type, handlers and
 * pending interrupt) and so the result of every call: the virq shared
 * lines must return, the reference counts, the error codes of extra
 * disposes, busy removals, refused allocations and frees, and which
 * handlers each delivery runs. After every step the whole visible state
 * is compared with the model and irqmap_check() must pass; at the end
 * everything is released and the library must be empty (fuzz_common.h).
 *
 * FUZZ_API_TRACE=1 prints every call, for reading a reproducer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/*
 * The model's lookups and the checks after every step are not the code
 * under test: no coverage feedback (and no comparison tracing) for them.
 */
#if defined(__clang__)
#define MODEL __attribute__((no_sanitize("coverage")))
#else
#define MODEL
#endif

#define MAX_OPS		400
#define MAX_MAPS	128
#define MAX_ACTIONS	8
#define NR_DEVS		4
#define NR_STALE	16
#define CHILD_BASE	32	/* child line h is root line CHILD_BASE + h */

enum { D_LIN, D_TREE, D_ROOT, D_CHILD, NR_DOMS };

static const char *const dom_names[NR_DOMS] = {
	"fuzz-linear", "fuzz-tree", "fuzz-root", "fuzz-child",
};

/* The lines each domain is asked about; a few lie beyond its size. */
static const irq_hw_number_t hw_table[NR_DOMS][8] = {
	[D_LIN] = { 0, 1, 2, 3, 4, 6, 7, 8 },
	[D_TREE] = { 0, 5, 1000, 0x80000000ul, 0xfffffffful, 1ul << 40,
		     ~0ul - 1, ~0ul },
	[D_ROOT] = { 0, 1, 31, 32, 33, 35, 62, 64 },
	[D_CHILD] = { 0, 1, 2, 3, 5, 6, 7, 8 },
};

static const unsigned int type_table[8] = {
	IRQ_TYPE_NONE, IRQ_TYPE_EDGE_RISING, IRQ_TYPE_EDGE_FALLING,
	IRQ_TYPE_EDGE_BOTH, IRQ_TYPE_LEVEL_HIGH, IRQ_TYPE_LEVEL_LOW,
	IRQ_TYPE_LEVEL_HIGH, 0x10 /* beyond the sense mask: masked to NONE */,
};

struct fdev {
	const char *name;
	unsigned long calls;
};

static struct fdev devs[NR_DEVS] = {
	{ .name = "dev0" }, { .name = "dev1" }, { .name = "dev2" },
	{ .name = "dev3" },
};

struct maction {
	int dev;
	bool shared;
};

/* One mapping as the model sees it. */
struct mmap {
	bool live;
	unsigned int virq;
	unsigned int count;		/* 1 in a domain without refcounting */
	unsigned int type;
	int top;			/* the domain it was made in */
	int nr_levels;
	int dom[2];
	irq_hw_number_t hw[2];
	bool hier;
	unsigned int alloc_base, alloc_nr;
	struct maction act[MAX_ACTIONS];
	int nr_act;
	bool pending;			/* delivered while nobody listened */
	/*
	 * Has handling state: a line with a chip or a flow handler from its
	 * domain, or one requested once. A line of the tree domain (no ->map:
	 * no chip, no handler) has none until then, and its interrupts are
	 * counted and dropped, not kept pending.
	 */
	bool stateful;
};

struct mdom {
	struct irq_domain *d;		/* NULL: removed */
	struct fwnode_handle fw;
	bool norefcount;
};

static struct {
	struct mdom dom[NR_DOMS];
	struct mmap map[MAX_MAPS];
	unsigned long calls[NR_DEVS];
	unsigned int stale[NR_STALE];
	unsigned int nr_stale;
	bool trace;
} M;

struct reader {
	const uint8_t *p;
	size_t n;
};

static unsigned int next(struct reader *r)
{
	if (!r->n)
		return 0;
	r->n--;
	return *r->p++;
}

static void trace(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void trace(const char *fmt, ...)
{
	va_list ap;

	if (!M.trace)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz-api: model mismatch: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void expect_int(const char *what, long got, long want)
{
	if (got != want)
		fail("%s: got %ld, expected %ld", what, got, want);
}

static void quiet(int level, const char *msg, void *arg)
{
	(void)level;
	(void)arg;
	if (M.trace)
		fprintf(stderr, "  lib: %s\n", msg);
}

static irqreturn_t dev_handler(int irq, void *dev_id)
{
	struct fdev *dev = dev_id;

	(void)irq;
	dev->calls++;
	return IRQ_HANDLED;
}

/* The linear domain: even lines level, odd lines edge (explicit flows). */
static int lin_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	(void)d;
	return irq_set_chip_and_handler(virq, &dummy_irq_chip,
					hw & 1 ? handle_edge_irq :
						 handle_level_irq);
}

static const struct irq_domain_ops lin_ops = {
	.map = lin_map,
	.xlate = irq_domain_xlate_onetwocell,
};

/* The root: a two-cell controller; its lines follow their trigger type. */
static int root_alloc(struct irq_domain *d, unsigned int virq,
		      unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &dummy_irq_chip, NULL);
	return 0;
}

static const struct irq_domain_ops root_ops = {
	.translate = irq_domain_translate_twocell,
	.alloc = root_alloc,
	.free = irq_domain_free_irqs_common,
};

static int child_alloc(struct irq_domain *d, unsigned int virq,
		       unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;
	struct irq_fwspec parent = {
		.fwnode = d->parent->fwnode, .param_count = 2,
		.param = { CHILD_BASE + spec->param[0], IRQ_TYPE_LEVEL_HIGH },
	};

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &dummy_irq_chip, NULL);
	return irq_domain_alloc_irqs_parent(d, virq, nr, &parent);
}

static const struct irq_domain_ops child_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = child_alloc,
	.free = irq_domain_free_irqs_top,
};

static irq_hw_number_t dom_max(int dom)
{
	switch (dom) {
	case D_LIN:
	case D_CHILD:
		return 8;
	case D_ROOT:
		return 64;
	default:
		return ~0ul;
	}
}

/* ---- the model's queries ---- */

MODEL static struct mmap *find_line(int dom, irq_hw_number_t hw)
{
	for (int i = 0; i < MAX_MAPS; i++) {
		struct mmap *m = &M.map[i];

		if (!m->live)
			continue;
		for (int l = 0; l < m->nr_levels; l++)
			if (m->dom[l] == dom && m->hw[l] == hw)
				return m;
	}
	return NULL;
}

MODEL static struct mmap *find_virq(unsigned int virq)
{
	for (int i = 0; i < MAX_MAPS && virq; i++)
		if (M.map[i].live && M.map[i].virq == virq)
			return &M.map[i];
	return NULL;
}

MODEL static unsigned int mapcount(int dom)
{
	unsigned int n = 0;

	for (int i = 0; i < MAX_MAPS; i++)
		for (int l = 0; M.map[i].live && l < M.map[i].nr_levels; l++)
			n += M.map[i].dom[l] == dom;
	return n;
}

MODEL static int nr_live(void)
{
	int n = 0;

	for (int i = 0; i < MAX_MAPS; i++)
		n += M.map[i].live;
	return n;
}

MODEL static struct mmap *nth_live(int k)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (M.map[i].live && k-- == 0)
			return &M.map[i];
	return NULL;
}

static bool counted(const struct mmap *m)
{
	return !M.dom[m->top].norefcount;
}

static struct mmap *new_map(unsigned int virq, int top, unsigned int type)
{
	struct mmap *m = NULL;

	if (!virq)
		fail("a new mapping got virq 0");
	if (find_virq(virq))
		fail("virq %u handed out while still mapped", virq);
	for (int i = 0; i < MAX_MAPS && !m; i++)
		if (!M.map[i].live)
			m = &M.map[i];
	if (!m)
		fail("the model has no room (cannot happen: lines are bounded)");
	memset(m, 0, sizeof(*m));
	m->live = true;
	m->virq = virq;
	m->count = 1;
	m->type = type;
	m->top = top;
	m->stateful = top != D_TREE;
	return m;
}

static void kill_map(struct mmap *m)
{
	m->live = false;
	M.stale[M.nr_stale++ % NR_STALE] = m->virq;
}

/* The levels a new mapping of line @hw of @dom would have. */
static int levels_of(int dom, irq_hw_number_t hw, int *doms,
		     irq_hw_number_t *hws)
{
	doms[0] = dom;
	hws[0] = hw;
	if (dom != D_CHILD)
		return 1;
	doms[1] = D_ROOT;
	hws[1] = CHILD_BASE + hw;
	return 2;
}

/*
 * What the library's level check says of allocating @nr lines from @hw in
 * @dom: 0, -EINVAL (a level's hwirq beyond its domain) or -EEXIST (a
 * level's hwirq already mapped), the first problem in virq, then level,
 * order.
 */
static int hier_check(int dom, irq_hw_number_t hw, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		int doms[2];
		irq_hw_number_t hws[2];
		int n = levels_of(dom, hw + i, doms, hws);

		for (int l = 0; l < n; l++) {
			if (hws[l] >= dom_max(doms[l]))
				return -EINVAL;
			if (find_line(doms[l], hws[l]))
				return -EEXIST;
		}
	}
	return 0;
}

static void set_levels(struct mmap *m, int dom, irq_hw_number_t hw)
{
	m->nr_levels = levels_of(dom, hw, m->dom, m->hw);
	m->hier = dom == D_ROOT || dom == D_CHILD;
	m->alloc_base = m->virq;
	m->alloc_nr = 1;
}

/* ---- checking the library against the model ---- */

/*
 * What every line the model asks about should find: the virq of the
 * mapping crossing it, or 0. The expectations come from one pass over the
 * model's mappings (this runs after every step).
 */
MODEL static void check_lines(const char *after)
{
	unsigned int want[NR_DOMS][8] = { { 0 } }, root[64] = { 0 };
	unsigned int count[NR_DOMS] = { 0 };

	for (int i = 0; i < MAX_MAPS; i++) {
		const struct mmap *m = &M.map[i];

		for (int l = 0; m->live && l < m->nr_levels; l++) {
			int d = m->dom[l];

			count[d]++;
			if (d == D_ROOT && m->hw[l] < 64)
				root[m->hw[l]] = m->virq;
			for (int k = 0; k < 8; k++)
				if (hw_table[d][k] == m->hw[l])
					want[d][k] = m->virq;
		}
	}
	for (int d = 0; d < NR_DOMS; d++) {
		struct irq_domain *dom = M.dom[d].d;

		if (!dom)
			continue;
		if (irq_domain_mapcount(dom) != count[d])
			fail("after %s: domain %s has %u mappings, expected %u",
			     after, dom_names[d], irq_domain_mapcount(dom),
			     count[d]);
		for (int k = 0; k < 8; k++) {
			irq_hw_number_t hw = hw_table[d][k];

			if (irq_find_mapping(dom, hw) != want[d][k])
				fail("after %s: %s line %lu finds virq %u, expected %u",
				     after, dom_names[d], hw,
				     irq_find_mapping(dom, hw), want[d][k]);
		}
		for (irq_hw_number_t hw = 0; d == D_ROOT && hw < 64; hw++)
			if (irq_find_mapping(dom, hw) != root[hw])
				fail("after %s: root line %lu finds virq %u, expected %u",
				     after, hw, irq_find_mapping(dom, hw), root[hw]);
	}
}

MODEL static void check_all(const char *after)
{
	if (irqmap_check(stderr))
		fail("irqmap_check() after %s", after);
	for (int i = 0; i < MAX_MAPS; i++) {
		struct mmap *m = &M.map[i];

		if (!m->live)
			continue;
		if (irq_mapping_refcount(m->virq) != m->count)
			fail("after %s: virq %u holds %u references, expected %u",
			     after, m->virq, irq_mapping_refcount(m->virq),
			     m->count);
		if (irq_get_trigger_type(m->virq) != m->type)
			fail("after %s: virq %u has type %u, expected %u", after,
			     m->virq, irq_get_trigger_type(m->virq), m->type);
	}
	check_lines(after);
	for (unsigned int i = 0; i < NR_STALE && i < M.nr_stale; i++)
		if (!find_virq(M.stale[i]) && irq_mapping_refcount(M.stale[i]))
			fail("after %s: disposed virq %u still has references",
			     after, M.stale[i]);
	for (int k = 0; k < NR_DEVS; k++)
		if (devs[k].calls != M.calls[k])
			fail("after %s: %s called %lu times, expected %lu", after,
			     devs[k].name, devs[k].calls, M.calls[k]);
}

/* ---- domains ---- */

static void create_domain(int d)
{
	struct mdom *md = &M.dom[d];

	if (md->d)
		return;
	if (d == D_CHILD && !M.dom[D_ROOT].d)
		create_domain(D_ROOT);
	fwnode_init(&md->fw, FWNODE_KIND_USER, dom_names[d], NULL);
	switch (d) {
	case D_LIN:
		md->d = irq_domain_create_linear(&md->fw, 8, &lin_ops, NULL);
		break;
	case D_TREE:
		md->d = irq_domain_create_tree(&md->fw, &irq_domain_simple_ops,
					       NULL);
		break;
	case D_ROOT:
		md->d = irq_domain_create_linear(&md->fw, 64, &root_ops, NULL);
		break;
	default:
		md->d = irq_domain_create_hierarchy(M.dom[D_ROOT].d, 0, 8,
						    &md->fw, &child_ops, NULL);
		break;
	}
	if (!md->d)
		fail("cannot create domain %s", dom_names[d]);
	md->norefcount = false;
	trace("create domain %s", dom_names[d]);
}

static struct irq_domain *live_domain(int d)
{
	create_domain(d);
	return M.dom[d].d;
}

static void op_remove(int d)
{
	struct mdom *md = &M.dom[d];
	int want, ret;

	if (!md->d)
		return;
	if (d == D_ROOT && M.dom[D_CHILD].d)
		want = -EBUSY;		/* a child domain */
	else
		want = mapcount(d) ? -EBUSY : 0;
	ret = irq_domain_remove(md->d);
	trace("irq_domain_remove(%s) = %d", dom_names[d], ret);
	expect_int("irq_domain_remove", ret, want);
	if (!ret)
		md->d = NULL;
}

static void op_set_refcounting(int d, bool enable)
{
	struct irq_domain *dom = live_domain(d);
	int want = mapcount(d) ? -EBUSY : 0;
	int ret = irq_domain_set_refcounting(dom, enable);

	trace("irq_domain_set_refcounting(%s, %d) = %d", dom_names[d], enable,
	      ret);
	expect_int("irq_domain_set_refcounting", ret, want);
	if (!ret)
		M.dom[d].norefcount = !enable;
}

/* ---- mappings ---- */

static void share(struct mmap *m, unsigned int virq, const char *what)
{
	if (virq != m->virq)
		fail("%s of a mapped line returned virq %u, expected %u", what,
		     virq, m->virq);
	if (counted(m))
		m->count++;
}

static void op_create(int d, irq_hw_number_t hw)
{
	struct irq_domain *dom = live_domain(d);
	unsigned int virq = irq_create_mapping(dom, hw);
	struct mmap *m = find_line(d, hw);

	trace("irq_create_mapping(%s, %lu) = %u", dom_names[d], hw, virq);
	if (hw >= dom_max(d)) {
		expect_int("irq_create_mapping beyond the domain", virq, 0);
		return;
	}
	if (m) {
		share(m, virq, "irq_create_mapping");
		return;
	}
	if (hier_check(d, hw, 1)) {
		expect_int("irq_create_mapping of a taken level", virq, 0);
		return;
	}
	m = new_map(virq, d, IRQ_TYPE_NONE);
	set_levels(m, d, hw);
}

static void op_fwspec(int d, irq_hw_number_t hw, unsigned int type_in,
		      int ncells)
{
	struct irq_fwspec spec = {
		.fwnode = &M.dom[d].fw, .param_count = ncells,
		.param = { (uint32_t)hw, type_in },
	};
	unsigned int type = IRQ_TYPE_NONE, virq;
	bool translates;
	struct mmap *m;

	hw = (uint32_t)hw;
	virq = irq_create_fwspec_mapping(&spec);
	trace("irq_create_fwspec_mapping(%s, %d cells: %lu 0x%x) = %u",
	      dom_names[d], ncells, hw, type_in, virq);
	switch (d) {
	case D_LIN:
	case D_TREE:
		translates = ncells >= 1;
		if (ncells > 1)
			type = type_in & IRQ_TYPE_SENSE_MASK;
		break;
	case D_ROOT:
		translates = ncells >= 2;
		type = type_in & IRQ_TYPE_SENSE_MASK;
		break;
	default:
		translates = ncells >= 1;
		break;
	}
	if (!M.dom[d].d || !translates || hw >= dom_max(d)) {
		expect_int("irq_create_fwspec_mapping that cannot map", virq, 0);
		return;
	}
	m = find_line(d, hw);
	if (m) {
		if (type != IRQ_TYPE_NONE && type != m->type) {
			if (m->type != IRQ_TYPE_NONE) {
				expect_int("irq_create_fwspec_mapping with another type",
					   virq, 0);
				return;
			}
			m->type = type;
		}
		share(m, virq, "irq_create_fwspec_mapping");
		return;
	}
	if (hier_check(d, hw, 1)) {
		expect_int("irq_create_fwspec_mapping of a taken level", virq, 0);
		return;
	}
	m = new_map(virq, d, type);
	set_levels(m, d, hw);
}

static void op_dispose(unsigned int virq)
{
	struct mmap *m = find_virq(virq);
	int ret = irq_dispose_mapping(virq), want;

	trace("irq_dispose_mapping(%u) = %d", virq, ret);
	if (!virq) {
		expect_int("irq_dispose_mapping(0)", ret, 0);
		return;
	}
	if (!m) {
		expect_int("irq_dispose_mapping of no mapping", ret, -ENOENT);
		return;
	}
	if (counted(m) && m->count > 1) {
		want = 0;
		m->count--;
	} else if (m->nr_act) {
		want = -EBUSY;
	} else {
		want = 0;
		kill_map(m);
	}
	expect_int("irq_dispose_mapping", ret, want);
}

static void op_alloc(int d, irq_hw_number_t hw, unsigned int nr)
{
	struct irq_domain *dom = live_domain(d);
	struct irq_fwspec spec = {
		.fwnode = &M.dom[d].fw, .param_count = 2,
		.param = { (uint32_t)hw, IRQ_TYPE_LEVEL_HIGH },
	};
	int ret = irq_domain_alloc_irqs(dom, nr, -1, &spec);
	int want = hier_check(d, hw, nr);

	trace("irq_domain_alloc_irqs(%s, %u, hwirq %lu) = %d", dom_names[d],
	      nr, hw, ret);
	if (want) {
		expect_int("irq_domain_alloc_irqs", ret, want);
		return;
	}
	if (ret <= 0)
		fail("irq_domain_alloc_irqs(%s, %u, hwirq %lu) failed: %d",
		     dom_names[d], nr, hw, ret);
	for (unsigned int i = 0; i < nr; i++) {
		struct mmap *m = new_map((unsigned int)ret + i, d,
					 IRQ_TYPE_NONE);

		set_levels(m, d, hw + i);
		m->alloc_base = (unsigned int)ret;
		m->alloc_nr = nr;
	}
}

static int free_irqs_expect(unsigned int virq, unsigned int nr)
{
	if (!nr || !virq)
		return -EINVAL;
	if (!find_virq(virq))
		return -ENOENT;
	for (unsigned int i = 0; i < nr; i++) {
		struct mmap *m = find_virq(virq + i);

		if (!m)
			return -ENOENT;
		if (!m->hier)
			return -EINVAL;
		if (m->alloc_base != virq || m->alloc_nr != nr)
			return -EBUSY;
		if (m->nr_act)
			return -EBUSY;
	}
	for (unsigned int i = 0; i < nr; i++)
		if (find_virq(virq + i)->count != 1)
			return -EBUSY;
	return 0;
}

static void op_free_irqs(unsigned int virq, unsigned int nr)
{
	int want = free_irqs_expect(virq, nr);
	int ret = irq_domain_free_irqs(virq, nr);

	trace("irq_domain_free_irqs(%u, %u) = %d", virq, nr, ret);
	expect_int("irq_domain_free_irqs", ret, want);
	if (!ret)
		for (unsigned int i = 0; i < nr; i++)
			kill_map(find_virq(virq + i));
}

/* ---- handlers ---- */

static void op_request(unsigned int virq, int dev, bool shared)
{
	unsigned long flags = shared ? IRQF_SHARED : 0;
	struct mmap *m = find_virq(virq);
	int ret, want = 0;

	if (m && m->nr_act == MAX_ACTIONS)
		return;			/* keep the model bounded */
	ret = request_irq(virq, dev_handler, flags, devs[dev].name, &devs[dev]);
	trace("request_irq(%u, %s, %s) = %d", virq, devs[dev].name,
	      shared ? "shared" : "exclusive", ret);
	if (!m)
		want = -EINVAL;
	else if (m->nr_act && !(m->act[0].shared && shared))
		want = -EBUSY;
	expect_int("request_irq", ret, want);
	if (ret)
		return;
	m->stateful = true;
	m->act[m->nr_act].dev = dev;
	m->act[m->nr_act++].shared = shared;
	if (m->nr_act == 1) {
		/* start-up: an edge kept pending is delivered again */
		if (m->pending && !(m->type & IRQ_TYPE_LEVEL_MASK))
			M.calls[dev]++;
		m->pending = false;
	}
}

static void op_free_irq(unsigned int virq, int dev)
{
	struct mmap *m = find_virq(virq);
	const void *ret = free_irq(virq, &devs[dev]);
	int k;

	trace("free_irq(%u, %s) = %s", virq, devs[dev].name,
	      ret ? (const char *)ret : "NULL");
	for (k = 0; m && k < m->nr_act; k++)
		if (m->act[k].dev == dev)
			break;
	if (!m || k == m->nr_act) {
		if (ret)
			fail("free_irq(%u, %s) of no such handler returned %s",
			     virq, devs[dev].name, (const char *)ret);
		return;
	}
	if (ret != devs[dev].name)
		fail("free_irq(%u, %s) returned %p", virq, devs[dev].name, ret);
	memmove(&m->act[k], &m->act[k + 1],
		(size_t)(m->nr_act - k - 1) * sizeof(m->act[0]));
	m->nr_act--;
}

static void op_handle(int d, irq_hw_number_t hw)
{
	struct irq_domain *dom = live_domain(d);
	struct mmap *m = find_line(d, hw);
	int ret = generic_handle_domain_irq(dom, hw);

	trace("generic_handle_domain_irq(%s, %lu) = %d", dom_names[d], hw, ret);
	expect_int("generic_handle_domain_irq", ret, m ? 0 : -EINVAL);
	if (!m)
		return;
	if (!m->nr_act) {
		m->pending = m->stateful;
		return;
	}
	for (int k = 0; k < m->nr_act; k++)
		M.calls[m->act[k].dev]++;
	m->pending = false;
}

/* ---- decoding ---- */

/* A virq to act on: mostly a live one, sometimes a disposed or random one. */
static unsigned int pick_virq(struct reader *r, struct mmap **mp)
{
	unsigned int b = next(r), n = (unsigned int)nr_live();
	struct mmap *m = NULL;
	unsigned int virq;

	if (b < 0xc0 && n) {
		m = nth_live((int)(b % n));
		virq = m->virq;
	} else if (b < 0xe0 && M.nr_stale) {
		virq = M.stale[b % (M.nr_stale < NR_STALE ? M.nr_stale : NR_STALE)];
	} else {
		virq = b & 0x3f;
	}
	if (mp)
		*mp = m ? m : find_virq(virq);
	return virq;
}

static void step(struct reader *r)
{
	unsigned int op = next(r) % 16;
	int d = (int)(next(r) % NR_DOMS);
	unsigned int a = next(r);
	irq_hw_number_t hw = hw_table[d][a & 7];
	struct mmap *m;
	unsigned int virq;

	switch (op) {
	case 0:
	case 1:
		op_create(d, hw);
		break;
	case 2:
		op_fwspec(d, hw, type_table[(a >> 3) & 7], (int)((a >> 6) & 3));
		break;
	case 3:
	case 4:
		op_dispose(pick_virq(r, NULL));
		break;
	case 5:
		d = d & 1 ? D_CHILD : D_ROOT;
		op_alloc(d, hw_table[d][a & 7], 1 + ((a >> 3) & 3));
		break;
	case 6:
		virq = pick_virq(r, &m);
		if (m && (a & 0x80))
			op_free_irqs(m->alloc_base, m->alloc_nr);
		else
			op_free_irqs(virq, (a >> 3) & 3);
		break;
	case 7:
	case 8:
		op_request(pick_virq(r, NULL), (int)(a % NR_DEVS), !(a & 0x40));
		break;
	case 9:
		virq = pick_virq(r, &m);
		if (m && m->nr_act && (a & 0x80))
			op_free_irq(virq, m->act[a % m->nr_act].dev);
		else
			op_free_irq(virq, (int)(a % NR_DEVS));
		break;
	case 10:
	case 11:
		op_handle(d, hw);
		break;
	case 12:
		op_remove(d);
		break;
	case 13:
		op_set_refcounting(d, a & 1);
		break;
	case 14:
		create_domain(d);
		break;
	default:
		/* a domain's lines, all at once, shared by two users */
		op_create(d, hw_table[d][a & 7]);
		op_create(d, hw_table[d][a & 7]);
		op_handle(d, hw_table[d][a & 7]);
		break;
	}
}

/* Release everything the model holds; the library must end empty. */
static void teardown(void)
{
	for (int i = 0; i < MAX_MAPS; i++) {
		struct mmap *m = &M.map[i];

		while (m->live && m->nr_act)
			op_free_irq(m->virq, m->act[0].dev);
		while (m->live)
			op_dispose(m->virq);
	}
	check_all("releasing every mapping");
	op_remove(D_CHILD);
	for (int d = 0; d < NR_DOMS; d++) {
		op_remove(d);
		if (M.dom[d].d)
			fail("domain %s cannot be removed", dom_names[d]);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader r = { data, size };
	int ops = 0;

	memset(&M, 0, sizeof(M));
	M.trace = getenv("FUZZ_API_TRACE") != NULL;
	for (int k = 0; k < NR_DEVS; k++)
		devs[k].calls = 0;
	fz_begin(quiet);
	for (int d = 0; d < NR_DOMS; d++)
		create_domain(d);
	while (r.n && ops++ < MAX_OPS) {
		step(&r);
		check_all("a step");
	}
	teardown();
	fz_end();
	return 0;
}
