// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fuzz_dt.c - device-tree blobs through the path of 'irqmap routes'.
 *
 * Each input is a flattened device tree: it is loaded from memory, its
 * controllers are brought up, every interrupt of every node is resolved
 * and mapped (the lines a cascade holds are taken as they are), and the
 * INTx pins of node-less PCI devices are resolved below every node with an
 * interrupt-map or device_type "pci". Then every reference taken is
 * dropped and the tree freed. Whatever the blob, the library must stay
 * consistent (irqmap_check()), routes that resolve to the same specifier
 * must share one virq, every dispose of a reference we hold must succeed,
 * the tree must come down, and nothing may be left (fuzz_common.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "fuzz_common.h"

#define MAX_REFS	2048
#define MAX_ENTRIES	256	/* per node: enough for any real tree */

struct ref {
	unsigned int virq;
	struct of_phandle_args args;
	bool has_args;
};

static struct ref refs[MAX_REFS];
static int nr_refs;

static void quiet(int level, const char *msg, void *arg)
{
	(void)level;
	(void)msg;
	(void)arg;
}

static void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz-dt: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static bool same_spec(const struct of_phandle_args *a,
		      const struct of_phandle_args *b)
{
	return a->np == b->np && a->args_count == b->args_count &&
	       !memcmp(a->args, b->args, (size_t)a->args_count * sizeof(a->args[0]));
}

/* Keep a reference we took; a second route to the same spec must share it. */
static void keep(unsigned int virq, const struct of_phandle_args *args)
{
	if (!virq)
		return;
	if (irq_mapping_refcount(virq) == 0)
		die("virq %u was returned without a reference", virq);
	for (int i = 0; args && i < nr_refs; i++)
		if (refs[i].has_args && same_spec(&refs[i].args, args) &&
		    refs[i].virq != virq)
			die("one specifier mapped to virq %u and virq %u",
			    refs[i].virq, virq);
	if (nr_refs == MAX_REFS) {
		if (irq_dispose_mapping(virq))
			die("cannot drop the reference just taken on virq %u", virq);
		return;
	}
	refs[nr_refs].virq = virq;
	refs[nr_refs].has_args = args != NULL;
	if (args)
		refs[nr_refs].args = *args;
	nr_refs++;
}

static bool is_pci_bus(const void *blob, int node)
{
	const char *type = fdt_getprop(blob, node, "device_type", NULL);

	return fdt_getprop(blob, node, "interrupt-map", NULL) ||
	       (type && !strcmp(type, "pci"));
}

static void map_node(struct irqmap_of *t, int node)
{
	int nr = irqmap_of_irq_entries(t, node);

	if (nr > MAX_ENTRIES)
		nr = MAX_ENTRIES;
	(void)of_irq_count(t, node);
	(void)of_irq_find_parent(t, node);
	for (int i = 0; i < nr; i++) {
		struct of_phandle_args args;
		unsigned int held;

		if (of_irq_parse_one(t, node, i, &args))
			continue;
		held = irqmap_of_parent_irq(t, node, i);
		if (held) {
			if (!irq_mapping_refcount(held))
				die("a cascade holds virq %u, which is not mapped", held);
			continue;
		}
		keep(irq_create_of_mapping(&args), &args);
	}
	if (!is_pci_bus(irqmap_of_blob(t), node))
		return;
	for (unsigned int pin = 0; pin <= 4; pin++) {
		unsigned int devfn = pin ? ((pin * 5) << 3) | (pin & 1) : 0;
		struct of_phandle_args args;

		if (of_irq_parse_pci(t, node, devfn, pin, &args))
			continue;
		keep(irq_create_of_mapping(&args), &args);
		keep(of_irq_parse_and_map_pci(t, node, devfn, pin), &args);
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
	struct irqmap_of *t;
	int ret;

	fz_begin(quiet);
	nr_refs = 0;
	t = irqmap_of_load_blob(data, size);
	if (t) {
		if (irqmap_of_irq_init(t) == -EALREADY)
			die("irqmap_of_irq_init: already done on a fresh tree");
		for (int node = irqmap_of_next_node(t, -1); node >= 0;
		     node = irqmap_of_next_node(t, node))
			map_node(t, node);
		if (irqmap_check(stderr))
			die("inconsistent after mapping");
		while (nr_refs) {
			unsigned int virq = refs[--nr_refs].virq;

			ret = irq_dispose_mapping(virq);
			if (ret)
				die("dropping our reference on virq %u: %d", virq, ret);
		}
		if (irqmap_check(stderr))
			die("inconsistent after disposing");
		ret = irqmap_of_free(t);
		if (ret)
			die("irqmap_of_free: %d with no user left", ret);
	}
	fz_end();
	return 0;
}
