/* SPDX-License-Identifier: MIT */
/*
 * Idle waiting (SPEC "Idle guests cost no host CPU"): a guest that keeps
 * reading status registers that report nothing new is not run again until
 * something could change them: a device's next event (the timer's period
 * end), input, a signal. The exit path only counts; the wait is cold.
 */
#ifndef VMM_SRC_IDLE_H
#define VMM_SRC_IDLE_H

#include <signal.h>
#include <stdint.h>

#include "devices/devset.h"
#include "host_io.h"
#include "vclock.h"
#include "vinput.h"

/*
 * Status reads in a row that return what the same register returned last
 * time, with no other exit between them, before vmm waits: about 0.3 ms
 * of spinning at ~9 us per exit, far less than the shortest period.
 */
#define IDLE_AFTER_READS 32

/*
 * The same on the virtual clock, where a wait costs no host time and only
 * the spinning before it does: after 8 reads (4 rounds of a loop that
 * polls two registers) the guest is surely waiting. Exits alone decide,
 * so the jumps fall at the same points in every run.
 */
#define IDLE_AFTER_READS_VCLOCK 8

struct idle {
	int wake_fd;     /* eventfd: input arrived or closed, a signal; -1 */
	unsigned streak; /* unchanged status reads since the last other exit */
	unsigned after_reads; /* the streak that means waiting */
	uint32_t last[IOTAB_MAX_ENTRIES]; /* last value read, per binding */
	struct host_input *input;         /* its wake_fd is ours */
	/* On the virtual clock (both NULL on the host's): a wait is a jump
	 * of virtual time to the next event, and input comes from vin. */
	struct vclock *vclock;
	struct vinput *vin;
	sigset_t wait_mask; /* during the wait: the console's kick blocked */
	uint64_t waits;                   /* --stats: waits that blocked */
	uint64_t waited_ns;               /* --stats: time spent in them */
};

/* Make the wake eventfd and give it to input (before its reader starts)
 * and to the signal handlers; on the vCPU thread (its signal mask is the
 * one waits start from). 0 or a negative errno. */
int idle_init(struct idle *d, struct host_input *input);

/* Close the eventfd (after the reader thread stopped). Safe twice. */
void idle_close(struct idle *d);

/*
 * The exit path: a status register of binding entry read val. True when
 * the guest has polled long enough without news: call idle_wait. Any
 * other exit calls idle_other. Plain loads and stores.
 */
static inline int idle_note_read(struct idle *d, unsigned entry, uint32_t val)
{
	if (d->last[entry] != val) {
		d->last[entry] = val;
		d->streak = 0;
		return 0;
	}
	return ++d->streak >= d->after_reads;
}

static inline void idle_other(struct idle *d)
{
	d->streak = 0;
}

/* Run on the virtual clock c, with input from vin (idle.h's struct). */
void idle_use_vclock(struct idle *d, struct vclock *c, struct vinput *vin);

/*
 * Block until the earliest of: ds's next event, input becoming readable or
 * closed, a signal. Returns at once when one of them is already due, and
 * when nothing could ever change what the guest reads (no event, input
 * closed): then the guest spins as it did before. 0 or a negative errno.
 * On the virtual clock: no blocking, time jumps to that next event.
 */
int idle_wait(struct idle *d, const struct devset *ds);

/* In a machine with vectors: true while some device with a vector may
 * still raise its line (its next event, or input that may come). */
int idle_irq_may_come(const struct idle *d, const struct devset *ds);

#endif
