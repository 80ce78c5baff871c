// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * log.c - the simulator's messages and the library's.
 *
 * Problems with the script name the file and line they come from. The
 * library's own messages go to stderr as usual, except where the simulator
 * expects them and says what happened itself: inside a quiet section of
 * the script thread (a call whose failure it explains), and on the
 * delivery threads, where a racing unplug makes deliveries to an unmapped
 * line normal (the lines count them, and other failures, themselves).
 * The last warning or error of each thread is kept, to explain a call
 * that failed.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static _Thread_local unsigned int quiet_depth;
static _Thread_local bool delivery_thread;
static _Thread_local char last_msg[512];
static bool show_debug;

static void sim_log(int level, const char *msg, void *arg)
{
	(void)arg;
	if (level >= IRQMAP_LOG_DEBUG && !show_debug)
		return;
	if (level <= IRQMAP_LOG_WARN)
		snprintf(last_msg, sizeof(last_msg), "%s", msg);
	if (quiet_depth || delivery_thread)
		return;
	fprintf(stderr, "irqmap: %s\n", msg);
}

void irqm_sim_log_install(struct irqm_sim *s)
{
	const char *dbg = getenv("IRQMAP_DEBUG");

	show_debug = dbg && !strcmp(dbg, "1");
	irqmap_set_log_handler(sim_log, s);
}

void irqm_sim_set_delivery_thread(struct irqm_sim *s)
{
	(void)s;
	delivery_thread = true;
}

void irqm_sim_quiet_begin(void)
{
	quiet_depth++;
}

void irqm_sim_quiet_end(void)
{
	if (quiet_depth)
		quiet_depth--;
}

const char *irqm_sim_last_lib_msg(void)
{
	return last_msg;
}

void irqm_sim_clear_lib_msg(void)
{
	last_msg[0] = '\0';
}

/*
 * A problem with the script names its file and line; with a -device of
 * the command line, its number, and the message drops the verb: the
 * command line has no "device_add".
 */
/*
 * @tok as a message quotes it: at most IRQM_SIM_QUOTE_MAX bytes, then
 * "...", control characters and bytes past ASCII as \xNN, so a hostile
 * script's token neither floods nor garbles the terminal. Four buffers in
 * turn, for up to four quotes in one message; the script thread only.
 */
const char *irqm_sim_q(const char *tok)
{
	static char bufs[4][IRQM_SIM_QUOTE_MAX * 4 + 4];
	static unsigned int next;
	char *buf = bufs[next++ % 4], *p = buf;
	size_t i;

	for (i = 0; i < IRQM_SIM_QUOTE_MAX && tok[i]; i++) {
		unsigned char c = (unsigned char)tok[i];

		if (c < 0x20 || c >= 0x7f) {
			static const char hex[] = "0123456789abcdef";

			*p++ = '\\';
			*p++ = 'x';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		} else {
			*p++ = (char)c;
		}
	}
	if (tok[i]) {
		memcpy(p, "...", 3);
		p += 3;
	}
	*p = '\0';
	return buf;
}

void irqm_sim_err(struct irqm_sim *s, const char *fmt, ...)
{
	static const char verb[] = "device_add: ";
	char msg[2048];
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->cmdline && s->file) {
		fprintf(stderr, "-device %u: %s\n", s->lineno,
			strncmp(msg, verb, sizeof(verb) - 1) ? msg :
			msg + sizeof(verb) - 1);
		return;
	}
	if (s->file && s->col)
		fprintf(stderr, "%s:%u:%u: ", s->file, s->lineno, s->col);
	else if (s->file)
		fprintf(stderr, "%s:%u: ", s->file, s->lineno);
	else
		fputs("irqmap: ", stderr);
	fprintf(stderr, "%s\n", msg);
}
