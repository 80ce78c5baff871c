// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * batch.c - expanding FILE... arguments and showing how far a run is.
 *
 * A directory is read recursively in name order, so that a run is the
 * same every time; only real directories are entered (a symbolic link to
 * one could loop). An argument that is not a directory is kept as a file
 * even when it cannot be read: loading it then says why, in one line,
 * like any other unusable file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "routes.h"

#define BAR_WIDTH 30

static int push(struct batch *b, const char *path)
{
	char *copy;

	if (array_grow((void **)&b->files, &b->cap, b->nr, sizeof(*b->files)))
		return -ENOMEM;
	copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	b->files[b->nr++] = copy;
	return 0;
}

static bool is_tree_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && (!strcmp(name + n - 4, ".dtb") ||
			 !strcmp(name + n - 4, ".dts"));
}

/* One entry of a directory: a directory to enter, a tree, or neither. */
static int walk(struct batch *b, const char *dir);

static int visit(struct batch *b, const char *dir, const char *name)
{
	struct stat st;
	char *path;
	int ret = 0;

	if (name[0] == '.')
		return 0;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	if (!lstat(path, &st) && S_ISDIR(st.st_mode))
		ret = walk(b, path);
	else if (is_tree_name(name))
		ret = push(b, path);
	free(path);
	return ret;
}

/* A directory that cannot be read is reported; the others are still read. */
static int walk(struct batch *b, const char *dir)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort), ret = 0;

	if (n < 0) {
		fprintf(stderr, "irqmap: %s: cannot read the directory: %s\n",
			dir, strerror(errno));
		b->unusable++;
		return 0;
	}
	for (int i = 0; i < n; i++) {
		if (!ret)
			ret = visit(b, dir, ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return ret;
}

int batch_add(struct batch *b, const char *arg)
{
	size_t before = b->nr, unusable = b->unusable;
	struct stat st;

	if (!strcmp(arg, "-"))		/* standard input: a blob or source */
		return push(b, "/dev/stdin");
	if (stat(arg, &st) || !S_ISDIR(st.st_mode))
		return push(b, arg);
	if (walk(b, arg))
		return -ENOMEM;
	if (b->nr == before && b->unusable == unusable) {
		fprintf(stderr, "irqmap: %s: no .dtb or .dts file in this directory\n",
			arg);
		b->unusable++;
	}
	return 0;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void batch_start(struct batch *b)
{
	b->bar = b->nr > 1 && isatty(STDERR_FILENO);
	b->start_ns = now_ns();
	b->last_ns = b->start_ns;
}

void batch_progress(struct batch *b, size_t done)
{
	long long now;
	size_t fill;
	char bar[BAR_WIDTH + 1];

	if (!b->bar)
		return;
	/* Short runs end before a bar would be worth reading. */
	now = now_ns();
	if (now - b->last_ns < 100000000LL)
		return;
	b->last_ns = now;
	fill = done * BAR_WIDTH / b->nr;
	memset(bar, '#', fill);
	memset(bar + fill, '.', BAR_WIDTH - fill);
	bar[BAR_WIDTH] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu trees", bar, done, b->nr);
	fflush(stderr);
	b->drawn = true;
}

void batch_clear(struct batch *b)
{
	if (!b->drawn)
		return;
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
	b->drawn = false;
}

void batch_free(struct batch *b)
{
	batch_clear(b);
	for (size_t i = 0; i < b->nr; i++)
		free(b->files[i]);
	free(b->files);
	memset(b, 0, sizeof(*b));
}
