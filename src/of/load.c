// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * load.c - loading a tree: from a .dtb file, from .dts source through dtc,
 * or from memory. The blob is checked whole with fdt_check_full() before
 * anything reads it, then indexed (nodes.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "alloc.h"
#include "log.h"
#include "of.h"

#define MAX_BLOB_SIZE (256u << 20)

static int read_file(const char *path, void **buf, size_t *size, char *why)
{
	struct stat st;
	size_t done = 0;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
		return irqm_of_fail(why, ret, "cannot read it: %s", strerror(-ret));
	}
	if (!S_ISREG(st.st_mode) || st.st_size > MAX_BLOB_SIZE) {
		close(fd);
		return irqm_of_fail(why, -EINVAL, "not a regular file of at most %u bytes",
				    MAX_BLOB_SIZE);
	}
	*buf = irqm_malloc((size_t)st.st_size + 1);
	if (!*buf) {
		close(fd);
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, (char *)*buf + done, (size_t)st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = n < 0 ? -errno : -EIO;
			break;
		}
		done += (size_t)n;
	}
	close(fd);
	if (ret) {
		irqm_free(*buf);
		return irqm_of_fail(why, ret, "cannot read it: %s", strerror(-ret));
	}
	*size = done;
	return 0;
}

/* Take ownership of @blob (irqm_malloc'ed) and build the tree on it. */
static struct irqmap_of *build(void *blob, size_t size, char *why, int *err)
{
	struct irqmap_of *t;
	int ret;

	if (size < sizeof(struct fdt_header)) {
		irqm_free(blob);
		*err = irqm_of_fail(why, -EINVAL, "truncated: %zu bytes, less than a header",
				    size);
		return NULL;
	}
	ret = fdt_check_header(blob);
	if (!ret && fdt_totalsize(blob) > size)
		ret = -FDT_ERR_TRUNCATED;
	if (!ret)
		ret = fdt_check_full(blob, size);
	if (ret) {
		irqm_free(blob);
		*err = irqm_of_fail(why, -EINVAL, "not a usable flattened device tree: %s",
				    fdt_strerror(ret));
		return NULL;
	}
	t = irqm_calloc(1, sizeof(*t));
	if (!t) {
		irqm_free(blob);
		*err = irqm_of_fail(why, -ENOMEM, "out of memory");
		return NULL;
	}
	t->blob = blob;
	t->size = size;
	*err = irqm_of_index(t, why);
	if (*err) {
		irqmap_of_free(t);
		return NULL;
	}
	return t;
}

static bool is_source(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".dts");
}

struct irqmap_of *irqmap_of_load(const char *path)
{
	char why[IRQM_OF_WHY_LEN];
	struct irqmap_of *t;
	void *blob = NULL;
	size_t size = 0;
	int ret;

	if (!path) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL path", __func__);
		errno = EINVAL;
		return NULL;
	}
	if (is_source(path))
		ret = irqm_of_dtc_compile(path, &blob, &size, why);
	else
		ret = read_file(path, &blob, &size, why);
	t = ret ? NULL : build(blob, size, why, &ret);
	if (!t) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s: %s", __func__, path, why);
		errno = -ret;
	}
	return t;
}

struct irqmap_of *irqmap_of_load_blob(const void *blob, size_t size)
{
	char why[IRQM_OF_WHY_LEN];
	struct irqmap_of *t;
	void *copy;
	int ret;

	if (!blob || size > MAX_BLOB_SIZE) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s", __func__,
			 blob ? "blob too large" : "NULL blob");
		errno = EINVAL;
		return NULL;
	}
	copy = irqm_malloc(size ? size : 1);
	if (!copy) {
		irqm_log(IRQMAP_LOG_ERR, "%s: out of memory", __func__);
		errno = ENOMEM;
		return NULL;
	}
	memcpy(copy, blob, size);
	t = build(copy, size, why, &ret);
	if (!t) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s", __func__, why);
		errno = -ret;
	}
	return t;
}
