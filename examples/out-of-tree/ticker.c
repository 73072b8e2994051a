// SPDX-License-Identifier: MIT
/* ticker: says on which tick of a 70 ms timer each input line arrives,
 * and on which the input ends. On vmm's virtual clock, input line k
 * arrives at k seconds of virtual time, so the output is the same in
 * every run, on any host, and takes no real time (CMakeLists.txt). The
 * period does not divide a second: no line comes at the very moment of a
 * tick, when which one the guest sees first is up to the order it polls. */
#include "vmm_guest.h"

int main(const struct vmm_bootinfo *bi)
{
	unsigned ticks = 0;
	int key, is_line_start = 1;

	(void)bi;
	vmm_timer_start(70);
	for (;;) {
		if (vmm_timer_poll())
			ticks++;
		key = vmm_kbd_poll();
		if (key == VMM_KEY_EOF)
			break;
		if (key == VMM_KEY_NONE)
			continue;
		if (is_line_start)
			vmm_printf("tick %u: ", ticks);
		vmm_putc((char)key);
		is_line_start = key == '\n';
	}
	vmm_timer_stop();
	vmm_printf("input ended at tick %u\n", ticks);
	return 0;
}
