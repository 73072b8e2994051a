// SPDX-License-Identifier: MIT
/*
 * echo [PERIOD_MS]: keyboard lines back to the console, paced by the timer;
 * the same behaviour as the nasm echo guest (guests/nasm/echo.asm).
 *
 * The timer runs with PERIOD_MS (default 200). On every tick the guest takes
 * keys until one line is complete and prints the most recent complete line
 * (echo_line.h). So every line is printed at least once, and again on each
 * tick until the next line is complete; on the tick after the end of input
 * the guest exits with status 0. With no timer in the machine it prints
 * "echo: no timer" and exits with status 1.
 */
#include "vmm_guest.h"

#include "echo_line.h"

static void wait_tick(void)
{
	while (!vmm_timer_poll())
		;
}

int main(const struct vmm_bootinfo *bi)
{
	static struct echo e;

	if (!vmm_has_port(VMM_PORT_TIMER_INTERVAL) ||
	    !vmm_has_port(VMM_PORT_TIMER_CONTROL)) {
		vmm_printf("echo: no timer\n");
		return 1;
	}
	vmm_timer_start(echo_period_ms(bi));
	do
		wait_tick();
	while (echo_tick(&e, vmm_kbd_poll));
	vmm_timer_stop();
	return 0;
}
