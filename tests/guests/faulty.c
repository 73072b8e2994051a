// SPDX-License-Identifier: MIT
/* Faults inside named functions, so fault reports and traces can be checked
 * for the symbol at RIP. "faulty" OUTs to port 0x99, which no device owns;
 * "faulty trap" executes ud2 with no IDT (a triple fault). */
#include "vmm_guest.h"

static __attribute__((noinline)) void poke_missing_port(void)
{
	vmm_outb(0x99, 1);
}

static __attribute__((noinline)) void crash_here(void)
{
	__builtin_trap();
}

int main(const struct vmm_bootinfo *bi)
{
	vmm_puts("about to fault\n");
	if (strcmp(bi->cmdline, "trap") == 0)
		crash_here();
	poke_missing_port();
	return 0;
}
