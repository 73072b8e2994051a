/* SPDX-License-Identifier: MIT */
/* Guest memory as the host sees it: the only way to reach guest bytes. */
#ifndef VMM_SRC_GMEM_H
#define VMM_SRC_GMEM_H

#include <stddef.h>
#include <stdint.h>

#include "checked.h"

struct gmem {
	uint8_t *host;      /* host mapping of guest-physical 0 */
	uint64_t mem_bytes; /* guest memory is [0, mem_bytes) */
};

/* Host pointer to guest-physical [gpa, gpa + len), or NULL when any part of
 * the range lies outside guest memory (overflow included). */
static inline void *gmem_ptr(const struct gmem *gm, uint64_t gpa,
			     uint64_t len)
{
	if (!range_ok(gpa, len, gm->mem_bytes))
		return NULL;
	return gm->host + gpa;
}

#endif
