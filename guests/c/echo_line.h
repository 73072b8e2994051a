// SPDX-License-Identifier: MIT
/*
 * What the echo guests (echo.c polled, echo_irq.c on interrupts) share: on
 * every tick take keys until one line is complete ('\n', or 255 bytes
 * without one), then print the most recent complete line followed by '\n'
 * (nothing before the first line). At the end of input a partial line
 * completes as if a '\n' followed it; on the next tick with input at its
 * end and nothing pending, the guest is done. Where the keys come from is
 * the guest's own business: echo_tick takes a function that gives the next
 * one as vmm_kbd_poll does.
 */
#ifndef VMM_GUESTS_C_ECHO_LINE_H
#define VMM_GUESTS_C_ECHO_LINE_H

#include "vmm_guest.h"

#define ECHO_DEFAULT_PERIOD_MS 200
#define ECHO_LINE_MAX          255

enum { LINE_NONE, LINE_NEW, LINE_EOF };

struct echo {
	char pending[ECHO_LINE_MAX]; /* the line being typed */
	size_t pending_len;
	char current[ECHO_LINE_MAX]; /* the most recent complete line */
	size_t current_len;
	int has_current;
};

/* The period from the command line, or the default for none or a bad one. */
static inline uint32_t echo_period_ms(const struct vmm_bootinfo *bi)
{
	unsigned long period_ms = ECHO_DEFAULT_PERIOD_MS;

	if (vmm_parse_ulong(bi->cmdline, &period_ms) == NULL ||
	    period_ms == 0 || period_ms > UINT32_MAX)
		period_ms = ECHO_DEFAULT_PERIOD_MS;
	return (uint32_t)period_ms;
}

/* Take keys until a line is complete, no key is waiting, or input ended. */
static inline int echo_read_line(struct echo *e, int (*next_key)(void))
{
	int key;

	for (;;) {
		key = next_key();
		if (key == VMM_KEY_NONE)
			return LINE_NONE;
		if (key == VMM_KEY_EOF)
			return LINE_EOF;
		if (key == '\n')
			return LINE_NEW;
		e->pending[e->pending_len++] = (char)key;
		if (e->pending_len == ECHO_LINE_MAX)
			return LINE_NEW;
	}
}

/* One tick's work; 0 when the guest is done. */
static inline int echo_tick(struct echo *e, int (*next_key)(void))
{
	int got = echo_read_line(e, next_key);

	if (got == LINE_EOF && e->pending_len == 0)
		return 0;
	if (got != LINE_NONE) {
		memcpy(e->current, e->pending, e->pending_len);
		e->current_len = e->pending_len;
		e->has_current = 1;
		e->pending_len = 0;
	}
	if (e->has_current) {
		vmm_write(e->current, e->current_len);
		vmm_putc('\n');
	}
	return 1;
}

#endif
