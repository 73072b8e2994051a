// SPDX-License-Identifier: MIT
/* Faults inside named functions, so fault reports and traces can be checked
 * for the symbol at RIP. With no argument it OUTs to port 0x99, which no
 * device owns; the argument picks a CPU exception instead, each caught by
 * vmm's default IDT: trap (#UD), de (#DE), gp (#GP), bp (#BP), df (#DF),
 * and in 64-bit mode pfr and pfw (#PF, reading and writing past the
 * identity map); sdktrap loads the SDK's own IDT first, which keeps vmm's
 * exception stubs, then runs ud2. */
#include "vmm_guest.h"

#define BAD_SELECTOR 0x28 /* past the end of vmm's 4-entry GDT */
#define VEC_GP 13
#define GATE_PRESENT 0x80

static __attribute__((noinline)) void poke_missing_port(void)
{
	vmm_outb(0x99, 1);
}

static __attribute__((noinline)) void crash_here(void)
{
	__builtin_trap();
}

static volatile unsigned sink;

static __attribute__((noinline)) void divide_here(volatile unsigned zero)
{
	sink = 42 / zero;
}

static __attribute__((noinline)) void load_bad_selector(void)
{
	__asm__ volatile("mov %0, %%ds" : : "r"(BAD_SELECTOR));
}

static __attribute__((noinline)) void break_here(void)
{
	__asm__ volatile("int3");
}

/* A #GP whose gate is not present raises #NP while delivering it: two
 * contributory exceptions make a double fault. */
static __attribute__((noinline)) void fault_twice(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uintptr_t base;
	} idtr;
	unsigned gate_bytes = sizeof(uintptr_t) == 8 ? 16 : 8;

	__asm__ volatile("sidt %0" : "=m"(idtr));
	((volatile uint8_t *)idtr.base)[VEC_GP * gate_bytes + 5] &=
		(uint8_t)~GATE_PRESENT;
	load_bad_selector();
}

#if defined(__x86_64__)
static __attribute__((noinline)) int read_unmapped(void)
{
	return *(volatile int *)0x40000000;
}

static __attribute__((noinline)) void write_unmapped(void)
{
	*(volatile int *)0x40000008 = 1;
}
#endif

int main(const struct vmm_bootinfo *bi)
{
	const char *how = bi->cmdline;

	vmm_puts("about to fault\n");
	if (strcmp(how, "trap") == 0)
		crash_here();
	if (strcmp(how, "sdktrap") == 0) {
		vmm_irq_init();
		crash_here();
	}
	if (strcmp(how, "de") == 0)
		divide_here(0);
	if (strcmp(how, "gp") == 0)
		load_bad_selector();
	if (strcmp(how, "bp") == 0)
		break_here();
	if (strcmp(how, "df") == 0)
		fault_twice();
#if defined(__x86_64__)
	if (strcmp(how, "pfr") == 0)
		read_unmapped();
	if (strcmp(how, "pfw") == 0)
		write_unmapped();
#endif
	poke_missing_port();
	return 0;
}
