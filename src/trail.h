/* SPDX-License-Identifier: MIT */
/* The trail: the last few exits of a run, kept on the exit path for the
 * report that ends a run badly (a guest fault, the timeout, a signal). */
#ifndef VMM_SRC_TRAIL_H
#define VMM_SRC_TRAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRAIL_LEN 16 /* a power of two: the index wraps with a mask */

struct trail_exit {
	uint32_t reason;  /* the KVM exit reason (RUN_REASON_* in run.h) */
	bool is_write;    /* io: OUT; mmio: a write */
	uint8_t size;     /* io: bytes per element; mmio: access length */
	uint16_t port;    /* io */
	uint32_t count;   /* io: elements (string I/O) */
	uint32_t value;   /* io, mmio: the first element's low 4 bytes */
	uint64_t addr;    /* mmio: guest-physical address */
	uint64_t rip;     /* as KVM reported it (exit_rip.h normalizes) */
	uint64_t tsc;     /* the host's time stamp counter at the exit */
};

struct trail {
	struct trail_exit exit[TRAIL_LEN];
	uint64_t n; /* exits recorded since the start */
	/* The run's start on both clocks: the report turns each exit's TSC
	 * into seconds against them, so the exit path reads no clock. */
	uint64_t tsc0, ns0;
	uint64_t tsc_end; /* when the run loop stopped */
};

/* The slot for the next exit (run_record fills it: run.h). */
static inline struct trail_exit *trail_next(struct trail *t)
{
	return &t->exit[t->n++ & (TRAIL_LEN - 1)];
}

/* The host's time stamp counter: about 20 cycles, no system call. */
static inline uint64_t trail_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#endif
