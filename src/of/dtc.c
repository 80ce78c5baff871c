// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dtc.c - compiling device-tree source with the dtc program.
 *
 * dtc runs as a child process (fork and exec): "dtc -q -I dts -O dtb --
 * FILE", the blob read from its standard output, its messages from its
 * standard error. Both pipes are drained together so neither side can
 * block the other. A failure to exec comes back through a third pipe that
 * the exec closes. The program is $IRQMAP_DTC, else dtc from $PATH.
 *
 * dtc never outlives us: the child asks the kernel for SIGKILL when its
 * parent dies (PR_SET_PDEATHSIG, so a time-out's SIGKILL or a Ctrl-C
 * takes it too), and checks that the parent did not die before it asked.
 * Every way out after the fork reaps it; a way out that does not wait for
 * its end (its output past the bound) kills it first.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "of.h"

#define DTC_MAX_OUTPUT (256u << 20)	/* larger than any blob we accept */
#define DTC_MAX_ERR 1024

struct sink {
	char *buf;
	size_t len, cap, max;
	bool overflow;
};

static int sink_read(int fd, struct sink *s)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n <= 0)
		return n < 0 && errno == EINTR ? 1 : 0;
	if (s->len + (size_t)n > s->max) {
		s->overflow = true;
		return 1;	/* keep draining, drop the rest */
	}
	if (s->len + (size_t)n > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 65536;
		char *nb;

		while (cap < s->len + (size_t)n)
			cap *= 2;
		nb = irqm_malloc(cap);
		if (!nb) {
			s->overflow = true;
			return 1;
		}
		if (s->len)
			memcpy(nb, s->buf, s->len);
		irqm_free(s->buf);
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, chunk, (size_t)n);
	s->len += (size_t)n;
	return 1;
}

/*
 * Drain both pipes until both are closed. Return: true when dtc's output
 * ended, false when it is to be killed (past the bound, or poll failed).
 */
static bool drain(int out, int err, struct sink *o, struct sink *e)
{
	struct pollfd fds[2] = { { out, POLLIN, 0 }, { err, POLLIN, 0 } };
	int open = 2;

	while (open) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		/* Past the bound: no use reading on, however much dtc writes. */
		if (o->overflow)
			return false;
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			if (!sink_read(fds[i].fd, i ? e : o)) {
				fds[i].fd = -1;
				open--;
			}
		}
	}
	return true;
}

/* dtc's messages as one line: newlines become "; ". */
static void one_line(struct sink *e, char *buf, size_t len)
{
	size_t j = 0;

	for (size_t i = 0; i < e->len && j + 3 < len; i++) {
		char c = e->buf[i];

		if (c == '\n') {
			if (i + 1 < e->len) {
				buf[j++] = ';';
				buf[j++] = ' ';
			}
		} else {
			buf[j++] = c == '\t' ? ' ' : c;
		}
	}
	buf[j] = '\0';
	if (!j)
		snprintf(buf, len, "no message");
}

static void close_pipe(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

/* In the child: make @fd the descriptor @to, kept across exec. */
static void move_fd(int fd, int to)
{
	if (fd == to)
		fcntl(to, F_SETFD, 0);	/* dup2() would keep O_CLOEXEC */
	else
		dup2(fd, to);
}

static pid_t spawn(const char *dtc, const char *path, int out[2], int err[2],
		   int exe[2])
{
	pid_t parent = getpid(), pid = fork();
	int e;

	if (pid)
		return pid;
	/* Child: only async-signal-safe calls from here. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(125);	/* the parent is gone already: nobody reads */
	move_fd(out[1], STDOUT_FILENO);
	move_fd(err[1], STDERR_FILENO);
	execlp(dtc, dtc, "-q", "-I", "dts", "-O", "dtb", "--", path,
	       (char *)NULL);
	e = errno;
	if (write(exe[1], &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

int irqm_of_dtc_compile(const char *path, void **blob, size_t *size,
			char *why)
{
	const char *dtc = getenv("IRQMAP_DTC");
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, exe[2] = { -1, -1 };
	struct sink o = { .max = DTC_MAX_OUTPUT }, e = { .max = DTC_MAX_ERR };
	char msg[IRQM_OF_WHY_LEN];
	int status = 0, exec_errno = 0, fork_errno;
	bool ended = true;
	pid_t pid;

	if (!dtc || !*dtc)
		dtc = "dtc";
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) ||
	    pipe2(exe, O_CLOEXEC)) {
		int ret = -errno;

		close_pipe(out);
		close_pipe(err);
		close_pipe(exe);
		return irqm_of_fail(why, ret, "cannot make pipes for dtc: %s",
				    strerror(-ret));
	}
	pid = spawn(dtc, path, out, err, exe);
	fork_errno = errno;
	close(out[1]);
	close(err[1]);
	close(exe[1]);
	if (pid > 0)
		ended = drain(out[0], err[0], &o, &e);
	if (pid > 0 && !ended)
		kill(pid, SIGKILL);
	if (pid > 0 && ended &&
	    read(exe[0], &exec_errno, sizeof(exec_errno)) <= 0)
		exec_errno = 0;
	close(out[0]);
	close(err[0]);
	close(exe[0]);
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (pid < 0 || exec_errno) {
		irqm_free(o.buf);
		irqm_free(e.buf);
		if (pid < 0)
			exec_errno = fork_errno;
		return irqm_of_fail(why, -exec_errno, "cannot run %s: %s", dtc,
				    strerror(exec_errno));
	}
	if (o.overflow || !ended) {
		irqm_free(o.buf);
		irqm_free(e.buf);
		return irqm_of_fail(why, o.overflow ? -ENOMEM : -EIO,
				    o.overflow ? "dtc output too large or out of memory" :
				    "cannot read dtc's output: poll failed");
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) || !o.len) {
		one_line(&e, msg, sizeof(msg) - 32);
		irqm_free(o.buf);
		irqm_free(e.buf);
		return irqm_of_fail(why, -ENOEXEC, "dtc failed: %s", msg);
	}
	irqm_free(e.buf);
	*blob = o.buf;
	*size = o.len;
	return 0;
}
