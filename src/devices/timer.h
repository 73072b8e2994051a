/* SPDX-License-Identifier: MIT */
/* What vmm needs of a timer instance beyond its descriptor: the counters
 * for --stats. */
#ifndef VMM_SRC_DEVICES_TIMER_H
#define VMM_SRC_DEVICES_TIMER_H

#include <stdint.h>

struct timer_stats {
	uint64_t fired; /* period ends that set the fired bit */
	uint64_t lost;  /* period ends that found it already set */
};

/* Copy the counters of the timer instance st (created through timer_desc)
 * into *stats. Periods that ended since the guest last touched the timer
 * are not counted yet: the timer only reads the clock when touched. */
void timer_get_stats(const void *st, struct timer_stats *stats);

#endif
