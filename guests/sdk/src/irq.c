// SPDX-License-Identifier: MIT
/*
 * The guest's IDT: interrupt gates of 8 bytes (32-bit) or 16 bytes (64-bit),
 * SDM vol. 3A, 6.11 and 6.14.1. Exceptions keep leading to vmm's stubs, so
 * vmm still names them; device vectors lead to the guest's handlers.
 */
#include "vmm_guest.h"
#include "vmm_irq.h"

#define IRQ_VECTORS    256
#define GATE_INTERRUPT 0x8e /* present, DPL 0, interrupt gate */

struct gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
#if UINTPTR_MAX > 0xffffffffu
	uint32_t off_hi;
	uint32_t reserved;
#endif
} __attribute__((packed));

static struct gate idt[IRQ_VECTORS] __attribute__((aligned(16)));

static void irq_gate(unsigned vector, uintptr_t target)
{
	uint16_t cs;
	struct gate *g = &idt[vector];

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	g->off_lo = (uint16_t)target;
	g->sel = cs;
	g->ist = 0;
	g->type = GATE_INTERRUPT;
	g->off_mid = (uint16_t)(target >> 16);
#if UINTPTR_MAX > 0xffffffffu
	g->off_hi = (uint32_t)(target >> 32);
	g->reserved = 0;
#endif
}

void vmm_irq_init(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uintptr_t base;
	} idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	memset(idt, 0, sizeof(idt));
	for (unsigned v = 0; v < VMM_EXC_VECTORS; v++)
		irq_gate(v, VMM_EXC_STUBS_GPA + v);
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void vmm_irq_set(unsigned vector, vmm_irq_handler handler)
{
	if (vector >= VMM_EXC_VECTORS && vector < IRQ_VECTORS)
		irq_gate(vector, (uintptr_t)handler);
}

unsigned vmm_irq_vector(unsigned device)
{
	const struct vmm_bootinfo *bi = vmm_bootinfo();

	return bi && device < VMM_IRQ_SLOTS ? bi->irq[device] : 0;
}
