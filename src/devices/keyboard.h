/* SPDX-License-Identifier: MIT */
/* What vmm needs of a keyboard instance beyond its descriptor: the counters
 * for --stats. */
#ifndef VMM_SRC_DEVICES_KEYBOARD_H
#define VMM_SRC_DEVICES_KEYBOARD_H

#include <stdint.h>

/* Bytes the keyboard takes from dev_env.input in one call, at most. */
#define KBD_QUEUE_SIZE 4096

struct kbd_stats {
	uint64_t bytes_queued; /* bytes taken from the input */
	uint64_t keys_latched; /* of them, bytes latched for the guest */
	uint64_t input_calls;  /* dev_env.input calls */
};

/* Copy the counters of the keyboard instance st (created through kbd_desc)
 * into *stats. */
void kbd_get_stats(const void *st, struct kbd_stats *stats);

#endif
