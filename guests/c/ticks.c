// SPDX-License-Identifier: MIT
/*
 * ticks: runs the timer for a while and reports the events it saw.
 * Command line: [DURATION_MS [PERIOD_MS]], defaults 1000 and 10. The guest
 * counts fired events until they cover the duration (so it runs for about
 * DURATION_MS of wall-clock time), then prints
 * "ticks: N fired, period P ms" with N = ceil(DURATION_MS / PERIOD_MS).
 */
#include "vmm_guest.h"

#define TICKS_DEFAULT_DURATION_MS 1000
#define TICKS_DEFAULT_PERIOD_MS   10

/* The next number of the command line into *val; 0 when there is none. */
static int next_arg(const char **s, unsigned long *val)
{
	const char *end;

	while (**s == ' ')
		(*s)++;
	if (**s == '\0')
		return 0;
	end = vmm_parse_ulong(*s, val);
	if (end == NULL || (*end != ' ' && *end != '\0')) {
		vmm_printf("ticks: bad argument '%s'\n", *s);
		return -1;
	}
	*s = end;
	return 1;
}

int main(const struct vmm_bootinfo *bi)
{
	const char *s = bi->cmdline;
	unsigned long duration_ms = TICKS_DEFAULT_DURATION_MS;
	unsigned long period_ms = TICKS_DEFAULT_PERIOD_MS;
	unsigned long fired = 0, elapsed_ms = 0;

	if (next_arg(&s, &duration_ms) < 0 || next_arg(&s, &period_ms) < 0)
		return 2;
	if (period_ms == 0 || period_ms > UINT32_MAX) {
		vmm_printf("ticks: period must be 1 to %lu ms\n",
		           (unsigned long)UINT32_MAX);
		return 2;
	}
	if (!vmm_has_port(VMM_PORT_TIMER_INTERVAL) ||
	    !vmm_has_port(VMM_PORT_TIMER_CONTROL)) {
		vmm_printf("ticks: no timer\n");
		return 1;
	}
	vmm_timer_start((uint32_t)period_ms);
	while (elapsed_ms < duration_ms) {
		if (vmm_timer_poll()) {
			fired++;
			elapsed_ms += period_ms;
		}
	}
	vmm_timer_stop();
	vmm_printf("ticks: %lu fired, period %lu ms\n", fired, period_ms);
	return 0;
}
