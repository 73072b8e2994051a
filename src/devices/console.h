/* SPDX-License-Identifier: MIT */
/* What vmm needs of a console instance beyond its descriptor: a many-byte
 * append for coalesced string I/O, and the counters for --stats. */
#ifndef VMM_SRC_DEVICES_CONSOLE_H
#define VMM_SRC_DEVICES_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* The line buffer: a line this long is written out without its newline. */
#define CONSOLE_LINE_MAX 4096

struct console_stats {
	uint64_t bytes;        /* bytes handed to the output successfully */
	uint64_t lines;        /* writes that ended with a newline */
	uint64_t writes;       /* output calls, failed ones included */
	uint64_t bytes_failed; /* bytes in output calls that failed */
};

/*
 * Append len bytes of buf to the console instance st (created through
 * console_desc), exactly as len one-byte OUTs would: each newline and each
 * full buffer costs one output call. Returns 0, or the negative errno of the
 * failing output call; the bytes after the one that triggered it are then
 * not taken, as the run ends there.
 */
int console_put(void *st, const uint8_t *buf, size_t len);

/* Copy the counters of the console instance st into *stats. */
void console_get_stats(const void *st, struct console_stats *stats);

#endif
