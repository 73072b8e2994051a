/* SPDX-License-Identifier: MIT */
/* Overflow-checked arithmetic for numbers that come from files or guests. */
#ifndef VMM_SRC_CHECKED_H
#define VMM_SRC_CHECKED_H

#include <stdbool.h>
#include <stdint.h>

/* *sum = a + b; false (and *sum unspecified) when it overflows 64 bits. */
static inline bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
	return !__builtin_add_overflow(a, b, sum);
}

/* *prod = a * b; false when it overflows 64 bits. */
static inline bool mul_ok(uint64_t a, uint64_t b, uint64_t *prod)
{
	return !__builtin_mul_overflow(a, b, prod);
}

/* True when [off, off + len) fits inside [0, limit) without overflow. */
static inline bool range_ok(uint64_t off, uint64_t len, uint64_t limit)
{
	uint64_t end;

	return add_ok(off, len, &end) && end <= limit;
}

/* True when [a, a + alen) and [b, b + blen) share a byte; both must be
 * valid ranges (checked with range_ok first). Empty ranges overlap nothing. */
static inline bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b,
				  uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

#endif
