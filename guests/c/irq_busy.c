// SPDX-License-Identifier: MIT
/*
 * irq_busy [PERIOD_MS]: computes without a single VM exit while its timer
 * interrupt counts 5 ticks (default period 10 ms), then prints "5 ticks"
 * and exits 0 (keys that come meanwhile are dropped). vmm must kick the vCPU out of KVM_RUN at each period end
 * (SPEC "Interrupts"), or the guest never sees a tick. Needs a machine
 * that gives the timer a vector (machines/interrupts.yaml); without one it
 * prints "irq_busy: no timer interrupt" and exits 1.
 */
#include "vmm_guest.h"

static volatile unsigned ticks;

static VMM_INTERRUPT void on_tick(struct vmm_irq_frame *frame)
{
	(void)frame;
	ticks++;
	vmm_timer_ack();
}

/* Keys, and the end of input, are taken and dropped: the keyboard's line
 * goes down. */
static VMM_INTERRUPT void on_key(struct vmm_irq_frame *frame)
{
	int key;

	(void)frame;
	do
		key = vmm_kbd_poll();
	while (key != VMM_KEY_NONE && key != VMM_KEY_EOF);
}

int main(const struct vmm_bootinfo *bi)
{
	unsigned long period_ms = 10;
	unsigned vec = vmm_irq_vector(VMM_IRQ_TIMER);

	if (!vec) {
		vmm_printf("irq_busy: no timer interrupt\n");
		return 1;
	}
	if (vmm_parse_ulong(bi->cmdline, &period_ms) == NULL ||
	    period_ms == 0 || period_ms > UINT32_MAX)
		period_ms = 10;
	vmm_irq_init();
	vmm_irq_set(vec, on_tick);
	if (vmm_irq_vector(VMM_IRQ_KBD))
		vmm_irq_set(vmm_irq_vector(VMM_IRQ_KBD), on_key);
	vmm_timer_start((uint32_t)period_ms);
	vmm_irq_enable();
	while (ticks < 5)
		; /* no exit: only an injected interrupt changes ticks */
	vmm_irq_disable();
	vmm_timer_stop();
	vmm_printf("%u ticks\n", ticks);
	return 0;
}
