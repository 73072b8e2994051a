// SPDX-License-Identifier: MIT
/*
 * Timer driver: interval and control registers (SPEC "Interval timer"). Any
 * write to control acknowledges a fired event; bit 0 of the value written
 * is the new enable.
 */
#include "vmm_guest.h"

void vmm_timer_start(uint32_t period_ms)
{
	uint32_t interval = vmm_port(VMM_PORT_TIMER_INTERVAL);
	uint32_t control = vmm_port(VMM_PORT_TIMER_CONTROL);

	if (interval == VMM_PORT_ABSENT || control == VMM_PORT_ABSENT)
		return;
	/* From disabled, so that enabling starts the first period now. */
	vmm_outb(control, 0);
	vmm_outl(interval, period_ms);
	vmm_outb(control, VMM_TIMER_ENABLE);
}

void vmm_timer_stop(void)
{
	uint32_t control = vmm_port(VMM_PORT_TIMER_CONTROL);

	if (control != VMM_PORT_ABSENT)
		vmm_outb(control, 0);
}

int vmm_timer_fired(void)
{
	uint32_t control = vmm_port(VMM_PORT_TIMER_CONTROL);

	if (control == VMM_PORT_ABSENT)
		return 0;
	return (vmm_inb(control) & VMM_TIMER_FIRED) != 0;
}

void vmm_timer_ack(void)
{
	uint32_t control = vmm_port(VMM_PORT_TIMER_CONTROL);

	if (control != VMM_PORT_ABSENT)
		vmm_outb(control, VMM_TIMER_ENABLE);
}

int vmm_timer_poll(void)
{
	if (!vmm_timer_fired())
		return 0;
	vmm_timer_ack();
	return 1;
}
