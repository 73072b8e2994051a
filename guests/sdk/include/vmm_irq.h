/* SPDX-License-Identifier: MIT */
/*
 * Interrupts for C guests (SPEC "Interrupts"): an IDT of the guest's own,
 * handlers written in C, and waiting with hlt at no host CPU.
 *
 *	static VMM_INTERRUPT void on_tick(struct vmm_irq_frame *f)
 *	{
 *		(void)f;
 *		ticks++;
 *		vmm_timer_ack();  // lowers the timer's line
 *	}
 *	...
 *	vmm_irq_init();
 *	vmm_irq_set(vmm_irq_vector(VMM_IRQ_TIMER), on_tick);
 *	for (;;)
 *		vmm_wait();
 *
 * Lines are level-triggered: a handler must acknowledge its device (the
 * timer's control register, the keyboard's status register) or the same
 * interrupt comes again as soon as it returns.
 */
#ifndef VMM_GUEST_IRQ_H
#define VMM_GUEST_IRQ_H

#include "vmm_abi.h"

/* The CPU's interrupt frame: the handler may read it, never needs to. */
struct vmm_irq_frame {
	uintptr_t ip, cs, flags;
};

/* A C function the CPU can call as an interrupt handler: it saves every
 * register it uses and returns with iret. The SDK builds guests with
 * general registers only and no red zone, which this needs. */
#define VMM_INTERRUPT __attribute__((interrupt))

typedef void (*vmm_irq_handler)(struct vmm_irq_frame *frame);

/* Build and load this guest's IDT: vectors 0-31 lead to vmm's exception
 * stubs, as in vmm's default IDT (so an exception is still reported by
 * name), 32-255 to nothing until vmm_irq_set. Interrupts stay off. */
void vmm_irq_init(void);

/* Vector (32-255) calls handler, through an interrupt gate: interrupts are
 * off inside it. */
void vmm_irq_set(unsigned vector, vmm_irq_handler handler);

/* The vector the machine gives a device (VMM_IRQ_TIMER, VMM_IRQ_KBD), or
 * 0 when it raises none. */
unsigned vmm_irq_vector(unsigned device);

static inline void vmm_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void vmm_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/*
 * Wait for an interrupt, costing the host nothing: sti; hlt. An interrupt
 * that is already pending is taken right after sti's one-instruction
 * shadow, so it wakes the hlt instead of being missed. Returns with
 * interrupts on, after a handler ran. Turn them off (vmm_irq_disable)
 * around data the handlers share, and check it again before waiting.
 */
static inline void vmm_wait(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

#endif
