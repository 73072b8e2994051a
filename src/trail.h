/* SPDX-License-Identifier: MIT */
/* The trail: the last few exits of a run, kept on the exit path for the
 * report that ends a run badly (a guest fault, the timeout, a signal). */
#ifndef VMM_SRC_TRAIL_H
#define VMM_SRC_TRAIL_H

#include <stdbool.h>
#include <stdint.h>

#define TRAIL_LEN 8 /* a power of two: the index wraps with a mask */

struct trail_exit {
	uint32_t reason;  /* KVM_EXIT_* */
	bool is_write;    /* io: OUT; mmio: a write */
	uint8_t size;     /* io: bytes per element; mmio: access length */
	uint16_t port;    /* io */
	uint32_t count;   /* io: elements (string I/O) */
	uint32_t value;   /* io, mmio: the first element's low 4 bytes */
	uint64_t addr;    /* mmio: guest-physical address */
	uint64_t rip;     /* as KVM reported it (exit_rip.h normalizes) */
};

struct trail {
	struct trail_exit exit[TRAIL_LEN];
	uint64_t n; /* exits recorded since the start */
};

#endif
