// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dot.c - one tree's interrupts as a Graphviz graph (routes --dot FILE,
 * --svg FILE).
 *
 * Devices (boxes) point along each interrupt's walk: through nexus nodes
 * (diamonds: nodes whose interrupt-map the walk took) to the line it
 * mapped (an ellipse: hwirq, trigger type, virq; red when more than one
 * interrupt uses it), which points to its domain; a hierarchical domain
 * points to its parent level (dashed), as irq_data.parent_data chains
 * them. Controllers are filled boxes. A route that could not be mapped
 * ends at its controller in a red dashed edge. The graph is "strict", so
 * the walks of many devices through one nexus draw each edge once.
 * Graphviz's dot ($IRQMAP_DOT, else "dot" from $PATH) draws the SVG,
 * reading the graph from a pipe.
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "routes.h"

extern char **environ;

/* A node's name in the graph: "n:PATH" for tree nodes, "d:NAME" else. */
static void id(FILE *f, const char *prefix, const char *name)
{
	fputc('"', f);
	fputs(prefix, f);
	for (const char *c = name; *c; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', f);
		fputc(*c, f);
	}
	fputc('"', f);
}

static void domain_id(FILE *f, const struct irq_domain *d)
{
	const char *name = d && d->name ? d->name : "?";

	/* A tree controller's domain is named by its path: one box for both. */
	id(f, name[0] == '/' ? "n:" : "d:", name);
}

static void line_id(FILE *f, unsigned int virq)
{
	fprintf(f, "\"l:%u\"", virq);
}

static void node(FILE *f, const struct routes *r, int offset, const char *attrs)
{
	id(f, "n:", irqmap_of_node_path(r->tree, offset));
	fprintf(f, " [%s];\n", attrs);
}

/* The walk of @rt: device, nexus nodes, then its line or controller. */
static void walk(FILE *f, const struct routes *r, const struct route *rt)
{
	int last = rt->nr_hops - 1;

	node(f, r, rt->offset, "shape=box");
	for (int i = 1; i < last; i++) {
		id(f, "n:", irqmap_of_node_path(r->tree, rt->hops[i - 1].node));
		fputs(" -> ", f);
		id(f, "n:", irqmap_of_node_path(r->tree, rt->hops[i].node));
		fprintf(f, " [label=\"%s\"];\n", via_name(rt->hops[i].via));
	}
	if (last < 1)
		return;
	id(f, "n:", irqmap_of_node_path(r->tree, rt->hops[last - 1].node));
	fputs(" -> ", f);
	if (rt->virq) {
		line_id(f, rt->virq);
		fprintf(f, " [label=\"%s\"];\n", via_name(rt->hops[last].via));
	} else {
		id(f, "n:", irqmap_of_node_path(r->tree, rt->np));
		fputs(" [color=red, style=dashed, label=\"not mapped\"];\n", f);
	}
}

/*
 * A line, its domain and the domain's parent levels, drawn with the line's
 * first user. Shared lines come in the order of their first users, so
 * @next is the next one to meet.
 */
static void line(FILE *f, const struct routes *r, const struct route *rt,
		 size_t *next)
{
	struct irq_data *d = irq_get_irq_data(rt->virq);
	struct line l;
	size_t users = 0;

	if (routes_first_on(r, rt->virq) != rt || !d)
		return;
	if (*next < r->nr_lines && r->lines[*next].virq == rt->virq)
		users = r->lines[(*next)++].nr_users;
	line_of(rt, &l);
	line_id(f, rt->virq);
	fprintf(f, " [shape=ellipse, label=\"hwirq %lu %s\\nvirq %u", l.hwirq,
		l.type, rt->virq);
	if (users > 1)
		fprintf(f, "\\n%zu users\", color=red, penwidth=2, style=filled, fillcolor=\"#ffd8d8\"];\n",
			users);
	else
		fputs("\"];\n", f);
	line_id(f, rt->virq);
	fputs(" -> ", f);
	domain_id(f, d->domain);
	fputs(";\n", f);
	for (; d->parent_data; d = d->parent_data) {
		domain_id(f, d->domain);
		fputs(" -> ", f);
		domain_id(f, d->parent_data->domain);
		fprintf(f, " [style=dashed, label=\"parent (hwirq %lu)\"];\n",
			d->parent_data->hwirq);
	}
}

static void graph(FILE *f, const struct routes *r)
{
	size_t next = 0;

	fputs("strict digraph irqmap {\n\trankdir=LR;\n"
	      "\tnode [fontname=\"monospace\", fontsize=10];\n"
	      "\tedge [fontname=\"monospace\", fontsize=8];\n", f);
	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].resolved)
			walk(f, r, &r->v[i]);
	/* Styles stated later win: nexus over device, controller over all. */
	for (size_t i = 0; i < r->nr; i++)
		for (int h = 1; h < r->v[i].nr_hops; h++)
			if (r->v[i].hops[h].via == IRQMAP_OF_VIA_INTERRUPT_MAP)
				node(f, r, r->v[i].hops[h - 1].node,
				     "shape=diamond, style=filled, fillcolor=\"#fff2cc\"");
	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].virq)
			line(f, r, &r->v[i], &next);
	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].resolved)
			node(f, r, r->v[i].np,
			     "shape=box, style=filled, fillcolor=\"#d8e8ff\"");
	fputs("}\n", f);
}

static int write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	int ret = 0;

	if (!f)
		return -errno;
	if (fwrite(text, 1, len, f) != len)
		ret = -EIO;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

/* Feed @text to "dot -Tsvg -o @svg" on its standard input. */
static int render(const char *svg, const char *text, size_t len)
{
	const char *env = getenv("IRQMAP_DOT");
	const char *dot = env && *env ? env : "dot";
	char *argv[] = { (char *)dot, "-Tsvg", "-o", (char *)svg, NULL };
	posix_spawn_file_actions_t fa;
	int fds[2], status, err;
	size_t done = 0;
	pid_t pid;

	if (pipe(fds))
		return -errno;
	/* dot failing early must not kill us with SIGPIPE: write() says so. */
	signal(SIGPIPE, SIG_IGN);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	err = posix_spawnp(&pid, dot, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[0]);
	if (err) {
		close(fds[1]);
		fprintf(stderr, err == ENOENT ?
			"irqmap: --svg: Graphviz is not installed ('%s' not found), so %s was not written; install graphviz, or use --dot FILE\n" :
			"irqmap: --svg: cannot run '%s' for %s\n", dot, svg);
		return -err;
	}
	while (done < len) {
		ssize_t n = write(fds[1], text + done, len - done);

		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fds[1]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || done < len) {
		fprintf(stderr, "irqmap: --svg: '%s' failed; %s was not written\n",
			dot, svg);
		return -EIO;
	}
	return 0;
}

int routes_write_dot(const struct routes *r, const char *dot_file,
		     const char *svg_file)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int ret = 0, err;

	if (!f)
		return -1;
	graph(f, r);
	if (fclose(f)) {
		free(text);
		return -1;
	}
	if (dot_file) {
		err = write_text(dot_file, text, len);
		if (err) {
			fprintf(stderr, "irqmap: --dot: cannot write %s: %s\n",
				dot_file, strerror(-err));
			ret = -1;
		}
	}
	if (svg_file && render(svg_file, text, len))
		ret = -1;
	free(text);
	return ret;
}
