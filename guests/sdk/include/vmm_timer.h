/* SPDX-License-Identifier: MIT */
/*
 * The interval timer (SPEC "Interval timer"): a period in milliseconds of
 * the host's wall clock, and a fired bit the guest polls and acknowledges.
 * With no timer in the machine, starting it does nothing and it never fires.
 */
#ifndef VMM_GUEST_TIMER_H
#define VMM_GUEST_TIMER_H

#include <stdint.h>

/*
 * Set the period to period_ms and enable the timer; the first period starts
 * now, and a fired event still pending is acknowledged. 0 never fires.
 */
void vmm_timer_start(uint32_t period_ms);

/* Disable the timer and acknowledge a pending event. */
void vmm_timer_stop(void);

/* True when a period has ended since the last acknowledgement. */
int vmm_timer_fired(void);

/* Acknowledge the fired event and keep the timer running. */
void vmm_timer_ack(void);

/* vmm_timer_fired(), acknowledging the event when there is one. */
int vmm_timer_poll(void);

#endif
