// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dot.c - the machine as a Graphviz graph (--dot FILE, --svg FILE).
 *
 * One cluster per interrupt domain with its mappings (hwirq, virq,
 * references; shared lines stand out), an edge to the parent domain, the
 * PCI buses with their devices, and an edge from every device to the line
 * it holds. The graph shows the busiest moment of the run: it is redrawn
 * whenever more references are held than ever before. --svg runs
 * Graphviz's dot (or $IRQMAP_DOT) on it.
 */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim.h"

extern char **environ;

struct dot_map {
	struct irq_domain *domain;
	irq_hw_number_t hwirq;
	unsigned int dom, idx;
};

static void quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("\\n", f);
			continue;
		}
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void domains(FILE *f, struct irq_domain **d, size_t nr,
		    struct dot_map **maps, size_t *nr_maps)
{
	for (size_t i = 0; i < nr; i++) {
		size_t nm;
		struct irqmap_mapping_info *m = irqm_sim_mappings(d[i], &nm);
		char label[256];

		snprintf(label, sizeof(label), "%s\n%s domain, %zu mapped%s",
			 d[i]->name, d[i]->revmap_size ? "linear" : "tree", nm,
			 d[i]->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT ?
			 ", kernel semantics" : "");
		fprintf(f, "  subgraph cluster_d%zu {\n    label=", i);
		quoted(f, label);
		fprintf(f, "; style=rounded; color=\"#3c78d8\";\n"
			"    d%zu [shape=point, style=invis];\n", i);
		for (size_t j = 0; j < nm; j++) {
			struct dot_map *v = realloc(*maps, (*nr_maps + 1) * sizeof(*v));

			fprintf(f, "    m%zu_%zu [shape=box, style=filled, fillcolor=\"%s\", "
				"label=\"hwirq 0x%lx\\nvirq %u\\n%u reference%s\"];\n",
				i, j, m[j].refcount > 1 ? "#f4cccc" : "#d9ead3",
				(unsigned long)m[j].hwirq, m[j].virq,
				m[j].refcount, m[j].refcount == 1 ? "" : "s");
			if (!v)
				continue;
			*maps = v;
			v[(*nr_maps)++] = (struct dot_map){ d[i], m[j].hwirq,
				(unsigned int)i, (unsigned int)j };
		}
		fprintf(f, "  }\n");
		free(m);
	}
	for (size_t i = 0; i < nr; i++)
		for (size_t p = 0; d[i]->parent && p < nr; p++)
			if (d[p] == d[i]->parent)
				fprintf(f, "  d%zu -> d%zu [ltail=cluster_d%zu, lhead=cluster_d%zu, label=\"parent\"];\n",
					i, p, i, p);
}

static void devices(struct irqm_sim *s, FILE *f, const struct dot_map *maps,
		    size_t nr_maps)
{
	unsigned int nb = 0;

	for (struct irqm_sim_bus *b = s->buses; b; b = b->next, nb++) {
		fprintf(f, "  b%u [shape=tab, style=filled, fillcolor=\"#fff2cc\", label=", nb);
		quoted(f, b->name);
		fprintf(f, "];\n");
		for (unsigned int slot = 0; slot < IRQM_SIM_SLOTS; slot++) {
			for (unsigned int fn = 0; fn < IRQM_SIM_FUNCS; fn++) {
				struct irqm_sim_dev *d = b->slots[slot][fn];
				char label[160];

				if (!d)
					continue;
				snprintf(label, sizeof(label), "%s\n%s %02x.%u", d->id,
					 d->driver, slot, fn);
				fprintf(f, "  \"dev:%s\" [shape=ellipse, label=", d->id);
				quoted(f, label);
				fprintf(f, "%s];\n  b%u -> \"dev:%s\" [arrowhead=none];\n",
					d->lost ? ", color=red, fontcolor=red" : "",
					nb, d->id);
				for (size_t i = 0; d->virq && i < nr_maps; i++)
					if (maps[i].domain == d->line->domain &&
					    maps[i].hwirq == d->line->hwirq)
						fprintf(f, "  \"dev:%s\" -> m%u_%u [label=\"INT%c\"];\n",
							d->id, maps[i].dom, maps[i].idx,
							irqm_sim_pin_name(d->pin));
			}
		}
	}
	nb = 0;
	for (struct irqm_sim_bus *b = s->buses; b; b = b->next, nb++)
		if (b->bridge)
			fprintf(f, "  \"dev:%s\" -> b%u [style=dashed, arrowhead=none];\n",
				b->bridge->id, nb);
}

static void graph(struct irqm_sim *s, FILE *f)
{
	size_t nr, nr_maps = 0;
	struct irq_domain **d = irqm_sim_domains(&nr);
	struct dot_map *maps = NULL;

	fprintf(f, "digraph irqmap {\n  graph [rankdir=LR, compound=true, fontname=Helvetica, labelloc=t, label=");
	{
		char label[256];

		snprintf(label, sizeof(label), "irqmap sim: %s, %lu reference%s held by devices",
			 s->machine_name, s->refs_now, s->refs_now == 1 ? "" : "s");
		quoted(f, label);
	}
	fprintf(f, "];\n  node [fontname=Helvetica, fontsize=10];\n  edge [fontname=Helvetica, fontsize=9];\n");
	domains(f, d, nr, &maps, &nr_maps);
	devices(s, f, maps, nr_maps);
	fprintf(f, "}\n");
	free(maps);
	free(d);
}

void irqm_sim_dot_snapshot(struct irqm_sim *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (!s->opts->dot_file && !s->opts->svg_file)
		return;
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	graph(s, f);
	if (fclose(f)) {
		free(buf);
		return;
	}
	free(s->dot);
	s->dot = buf;
	s->dot_refs = s->refs_now;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ret = 0;

	if (!f)
		return -errno;
	if (fputs(text, f) < 0)
		ret = -EIO;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

static int render_svg(struct irqm_sim *s)
{
	const char *env = getenv("IRQMAP_DOT");
	const char *dot = env && *env ? env : "dot";
	char tmp[] = "/tmp/irqmap-sim-XXXXXX";
	char *argv[] = { (char *)dot, "-Tsvg", "-o", (char *)s->opts->svg_file,
			 tmp, NULL };
	int fd = mkstemp(tmp), status, ret;
	pid_t pid;

	if (fd < 0) {
		irqm_sim_err(s, "--svg: cannot create a temporary file: %s",
			     strerror(errno));
		return -EIO;
	}
	close(fd);
	if (write_file(tmp, s->dot)) {
		irqm_sim_err(s, "--svg: cannot write %s", tmp);
		unlink(tmp);
		return -EIO;
	}
	ret = posix_spawnp(&pid, dot, NULL, NULL, argv, environ);
	if (ret) {
		unlink(tmp);
		if (ret == ENOENT)
			irqm_sim_err(s, "--svg: Graphviz is not installed ('%s' not found), so %s was not written; install graphviz, or use --dot FILE for the graph's source",
				     dot, s->opts->svg_file);
		else
			irqm_sim_err(s, "--svg: cannot run '%s': %s", dot,
				     strerror(ret));
		return -EIO;
	}
	ret = waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      !WEXITSTATUS(status) ? 0 : -EIO;
	unlink(tmp);
	if (ret)
		irqm_sim_err(s, "--svg: '%s' failed; %s was not written", dot,
			     s->opts->svg_file);
	return ret;
}

/* Write --dot and --svg at the end of the run. */
int irqm_sim_dot_write(struct irqm_sim *s)
{
	int ret = 0, err;

	if (!s->dot)
		return 0;
	if (s->opts->dot_file) {
		err = write_file(s->opts->dot_file, s->dot);
		if (err) {
			irqm_sim_err(s, "--dot: cannot write %s: %s",
				     s->opts->dot_file, strerror(-err));
			ret = -EIO;
		}
	}
	if (s->opts->svg_file && render_svg(s))
		ret = -EIO;
	return ret;
}
