/* SPDX-License-Identifier: MIT */
/* Input lines released on the virtual clock. */
#include "devices/dev.h"
#include "checked.h"
#include "vinput.h"

void vinput_init(struct vinput *v, struct host_input *host,
		 struct vclock *clock, uint64_t delay_ns)
{
	v->host = host;
	v->clock = clock;
	v->delay_ns = delay_ns;
	v->released = 0;
	v->lines = 0;
	v->is_in_line = false;
	v->is_eof = false;
	v->is_wanted = false;
	v->host_waits = 0;
}

/* When the next line (or the end) is due. */
static uint64_t vinput_due_ns(const struct vinput *v)
{
	uint64_t at_ns;

	return mul_ok(v->lines, v->delay_ns, &at_ns) ? at_ns : DEV_NO_EVENT;
}

/* The line begun: release it up to its '\n', or as far as the host has
 * read (all of it is due). 1 when something was released or the line
 * ended, -1 when the host must deliver first. */
static int vinput_extend(struct vinput *v, uint64_t head, int is_closed)
{
	for (uint64_t at = v->released; at < head; at++) {
		if (host_input_byte(v->host, at) == '\n') {
			v->released = at + 1;
			v->is_in_line = false;
			return 1;
		}
	}
	if (head > v->released) {
		v->released = head;
		return 1;
	}
	if (!is_closed)
		return -1;
	v->is_in_line = false; /* a last line without '\n' */
	return 1;
}

/* Release what is due at now_ns: 1 when something was (bytes or the
 * end), 0 when nothing is due yet, -1 when the host must deliver first. */
static int vinput_step(struct vinput *v, uint64_t now_ns)
{
	uint64_t head;
	int is_closed;

	host_input_seen(v->host, &head, &is_closed);
	if (v->is_in_line)
		return vinput_extend(v, head, is_closed);
	if (now_ns < vinput_due_ns(v))
		return 0;
	if (head > v->released) {
		v->lines++;
		v->is_in_line = true;
		return vinput_extend(v, head, is_closed);
	}
	if (!is_closed)
		return -1;
	v->is_eof = true;
	return 1;
}

long vinput_read(void *ctx, uint8_t *buf, size_t len)
{
	struct vinput *v = ctx;
	uint64_t now_ns = vclock_now_ns(v->clock);

	if (!v->host->is_started)
		return DEV_INPUT_EOF;
	for (;;) {
		int rc;

		if (v->released > host_input_tail(v->host)) {
			v->is_wanted = false;
			return (long)host_input_take(v->host, buf, len,
						     v->released);
		}
		if (v->is_eof)
			return DEV_INPUT_EOF;
		rc = vinput_step(v, now_ns);
		if (rc == 0) {
			v->is_wanted = true;
			return 0;
		}
		if (rc < 0) {
			v->host_waits++;
			/* A signal ends the run: nothing to give meanwhile. */
			if (host_input_wait(v->host) < 0)
				return 0;
		}
	}
}

uint64_t vinput_next_ns(const struct vinput *v)
{
	/* The guest asked and nothing was due (vinput_read): no line is
	 * begun and nothing is released that it has not taken. */
	if (!v->host->is_started || v->is_eof || !v->is_wanted)
		return DEV_NO_EVENT;
	return vinput_due_ns(v);
}

bool vinput_may_come(const struct vinput *v)
{
	return v->host->is_started && !v->is_eof;
}
