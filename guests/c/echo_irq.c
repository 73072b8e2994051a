// SPDX-License-Identifier: MIT
/*
 * echo_irq [PERIOD_MS]: the echo guest (echo.c) driven by interrupts. It
 * prints exactly what echo prints for the same input, but waits with hlt
 * instead of polling, so a waiting guest costs the host nothing. It needs a
 * machine that gives the timer and the keyboard a vector
 * (machines/interrupts.yaml); without them it prints "echo_irq: no
 * interrupts" and exits with status 1.
 *
 * The keyboard's handler moves every waiting key into a ring (its line is
 * up until the queue is empty); the timer's handler notes the tick. The
 * main loop, on each tick, takes keys from the ring as echo takes them
 * from the keyboard. The ring holds 64 KiB typed ahead of the ticks; past
 * that the keyboard's line stays up and the guest stops making progress.
 */
#include "vmm_guest.h"

#include "echo_line.h"

#define RING_BYTES 65536 /* a power of two */

/* Written by the handlers, read by the main loop. */
static volatile uint8_t ring[RING_BYTES];
static volatile uint32_t ring_head, ring_tail; /* keys in, keys out */
static volatile int input_ended, ticked;

static VMM_INTERRUPT void on_tick(struct vmm_irq_frame *frame)
{
	(void)frame;
	ticked = 1; /* like a fired bit: ticks the loop missed are lost */
	vmm_timer_ack();
}

static VMM_INTERRUPT void on_key(struct vmm_irq_frame *frame)
{
	int key;

	(void)frame;
	while (ring_head - ring_tail < RING_BYTES) {
		key = vmm_kbd_poll();
		if (key == VMM_KEY_NONE)
			return;
		if (key == VMM_KEY_EOF) {
			input_ended = 1;
			return;
		}
		ring[ring_head % RING_BYTES] = (uint8_t)key;
		ring_head = ring_head + 1;
	}
}

/* The next key as vmm_kbd_poll gives it, from the ring. */
static int next_key(void)
{
	int key;

	if (ring_tail == ring_head)
		return input_ended ? VMM_KEY_EOF : VMM_KEY_NONE;
	key = ring[ring_tail % RING_BYTES];
	ring_tail = ring_tail + 1;
	return key;
}

/* Sleep in hlt until the timer's handler has run. */
static void wait_tick(void)
{
	vmm_irq_disable();
	while (!ticked) {
		vmm_wait();
		vmm_irq_disable();
	}
	ticked = 0;
	vmm_irq_enable();
}

int main(const struct vmm_bootinfo *bi)
{
	static struct echo e;
	unsigned timer_vec = vmm_irq_vector(VMM_IRQ_TIMER);
	unsigned kbd_vec = vmm_irq_vector(VMM_IRQ_KBD);

	if (!timer_vec || !kbd_vec) {
		vmm_printf("echo_irq: no interrupts\n");
		return 1;
	}
	vmm_irq_init();
	vmm_irq_set(timer_vec, on_tick);
	vmm_irq_set(kbd_vec, on_key);
	vmm_timer_start(echo_period_ms(bi));
	vmm_irq_enable();
	do
		wait_tick();
	while (echo_tick(&e, next_key));
	vmm_irq_disable();
	vmm_timer_stop();
	return 0;
}
