// SPDX-License-Identifier: MIT
/* A guest for gdb to drive (tests/integration/gdb.sh): named functions to
 * break in, a global to watch and to set, a string to read, an FS base
 * to show, and by its argument a spin to interrupt or a fault. Exits with
 * counter's value. */
#include "vmm_guest.h"

void bump(unsigned by);
void spin_forever(void);
void fault_here(void);

volatile unsigned counter;
volatile unsigned answer = 41;
const char greeting[] = "hello from gdbme";

__attribute__((noinline)) void bump(unsigned by)
{
	counter += by;
}

__attribute__((noinline)) void spin_forever(void)
{
	for (;;)
		bump(0);
}

__attribute__((noinline)) void fault_here(void)
{
	__builtin_trap();
}

int main(const struct vmm_bootinfo *bi)
{
	const char *how = bi->cmdline;

	vmm_printf("%s\n", greeting);
#ifdef __x86_64__
	/* For gdb's fs_base: IA32_FS_BASE (SDM vol. 4, table 2-2). */
	__asm__ volatile("wrmsr" : : "c"(0xc0000100u), "a"(0x5a5a000u), "d"(0u));
#endif
	bump(1);
	bump(2);
	if (strcmp(how, "spin") == 0)
		spin_forever();
	if (strcmp(how, "trap") == 0)
		fault_here();
	vmm_printf("answer %u\n", answer);
	vmm_exit(counter);
	return 0;
}
