// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * load.c - loading a tree: from a .dtb file, from .dts source through dtc,
 * from a pipe bringing either, or from memory. The blob is checked whole with fdt_check_full() before
 * anything reads it, then indexed (nodes.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "alloc.h"
#include "log.h"
#include "of.h"

#define MAX_BLOB_SIZE (256u << 20)

/*
 * Everything @fd gives, up to MAX_BLOB_SIZE bytes: a regular file is read
 * in one allocation of its size; a pipe, a terminal or /dev/fd/N (a shell's
 * <(...)) in growing chunks, so that its size need not be known, and past
 * the bound it is refused, not read on.
 */
static int read_fd(int fd, const struct stat *st, void **buf, size_t *size,
		   char *why)
{
	size_t cap = S_ISREG(st->st_mode) ? (size_t)st->st_size + 1 : 64 << 10;
	size_t done = 0;
	char *b;

	if (S_ISREG(st->st_mode) && st->st_size > MAX_BLOB_SIZE)
		return irqm_of_fail(why, -EFBIG, "larger than %u bytes",
				    MAX_BLOB_SIZE);
	b = irqm_malloc(cap);
	if (!b)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	for (;;) {
		ssize_t n;

		if (done == cap) {
			char *more = cap > MAX_BLOB_SIZE ? NULL :
				     irqm_realloc(b, cap * 2);

			if (!more) {
				irqm_free(b);
				return cap > MAX_BLOB_SIZE ?
				       irqm_of_fail(why, -EFBIG, "larger than %u bytes",
						    MAX_BLOB_SIZE) :
				       irqm_of_fail(why, -ENOMEM, "out of memory");
			}
			b = more;
			cap *= 2;
		}
		n = read(fd, b + done, cap - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			irqm_free(b);
			return irqm_of_fail(why, err, "cannot read it: %s", strerror(-err));
		}
		if (!n)
			break;
		done += (size_t)n;
	}
	if (done > MAX_BLOB_SIZE) {
		irqm_free(b);
		return irqm_of_fail(why, -EFBIG, "larger than %u bytes", MAX_BLOB_SIZE);
	}
	*buf = b;
	*size = done;
	return 0;
}

static int read_file(const char *path, void **buf, size_t *size,
		     bool *regular, char *why)
{
	struct stat st;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
		return irqm_of_fail(why, ret, "cannot read it: %s", strerror(-ret));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return irqm_of_fail(why, -EISDIR, "a directory, not a device tree");
	}
	*regular = S_ISREG(st.st_mode);
	ret = read_fd(fd, &st, buf, size, why);
	close(fd);
	return ret;
}

/*
 * Source text that did not come from a .dts file (a pipe, say): dtc
 * compiles it from a temporary copy, removed once compiled.
 */
static int compile_bytes(const void *src, size_t len, void **blob,
			 size_t *size, char *why)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/irqmap-XXXXXX.dts", dir && *dir ? dir : "/tmp");
	fd = mkstemps(path, 4);
	if (fd < 0)
		return irqm_of_fail(why, -errno, "cannot make a file for dtc: %s",
				    strerror(errno));
	for (size_t done = 0; done < len && !ret;) {
		ssize_t n = write(fd, (const char *)src + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			ret = irqm_of_fail(why, -EIO, "cannot write the file for dtc");
		else
			done += (size_t)n;
	}
	close(fd);
	if (!ret)
		ret = irqm_of_dtc_compile(path, blob, size, why);
	unlink(path);
	return ret;
}

/*
 * A file not named .dts is a blob. What a pipe brings (no name to go by)
 * is a blob when it starts with the FDT magic, else device-tree source.
 */
static int read_any(const char *path, void **blob, size_t *size, char *why)
{
	bool regular = true;
	int ret = read_file(path, blob, size, &regular, why);
	void *src;

	if (ret || regular || (*size >= 4 && fdt_magic(*blob) == FDT_MAGIC))
		return ret;
	src = *blob;
	ret = compile_bytes(src, *size, blob, size, why);
	irqm_free(src);
	return ret;
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
		ret = read_any(path, &blob, &size, why);
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
