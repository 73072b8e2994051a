// SPDX-License-Identifier: MIT
/*
 * echo [PERIOD_MS]: keyboard lines back to the console, paced by the timer;
 * the same behaviour as the nasm echo guest (guests/nasm/echo.asm).
 *
 * The timer runs with PERIOD_MS (default 200). On every tick the guest takes
 * keys until one line is complete ('\n', or 255 bytes without one), then
 * prints the most recent complete line followed by '\n' (nothing before the
 * first line). So every line is printed at least once, and again on each
 * tick until the next line is complete. At the end of input, a partial line
 * completes as if a '\n' followed it and is printed on that tick; on the
 * next tick with input at its end and nothing pending, the guest exits with
 * status 0. With no timer in the machine it prints "echo: no timer" and
 * exits with status 1.
 */
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

/* Take keys until a line is complete, no key is waiting, or input ended. */
static int read_line(struct echo *e)
{
	int key;

	for (;;) {
		key = vmm_kbd_poll();
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

static void take_pending(struct echo *e)
{
	memcpy(e->current, e->pending, e->pending_len);
	e->current_len = e->pending_len;
	e->has_current = 1;
	e->pending_len = 0;
}

static void wait_tick(void)
{
	while (!vmm_timer_poll())
		;
}

int main(const struct vmm_bootinfo *bi)
{
	static struct echo e;
	unsigned long period_ms = ECHO_DEFAULT_PERIOD_MS;
	int got;

	if (!vmm_has_port(VMM_PORT_TIMER_INTERVAL) ||
	    !vmm_has_port(VMM_PORT_TIMER_CONTROL)) {
		vmm_printf("echo: no timer\n");
		return 1;
	}
	if (vmm_parse_ulong(bi->cmdline, &period_ms) == NULL ||
	    period_ms == 0 || period_ms > UINT32_MAX)
		period_ms = ECHO_DEFAULT_PERIOD_MS;
	vmm_timer_start((uint32_t)period_ms);
	for (;;) {
		wait_tick();
		got = read_line(&e);
		if (got == LINE_EOF && e.pending_len == 0)
			break;
		if (got != LINE_NONE)
			take_pending(&e);
		if (e.has_current) {
			vmm_write(e.current, e.current_len);
			vmm_putc('\n');
		}
	}
	vmm_timer_stop();
	return 0;
}
