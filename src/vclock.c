/* SPDX-License-Identifier: MIT */
/* The virtual clock: accesses times a quantum, plus the jumps. */
#include "vclock.h"

void vclock_init(struct vclock *c, const uint64_t *io_accesses,
		 const uint64_t *batched)
{
	c->io_accesses = io_accesses;
	c->batched = batched;
	c->jumped_ns = 0;
	c->jumps = 0;
}

/* At 1 us an access, 64 bits of nanoseconds last 584 years of accesses:
 * no overflow check on the hot side. */
uint64_t vclock_now_ns(void *ctx)
{
	const struct vclock *c = ctx;

	return (*c->io_accesses + *c->batched) * VCLOCK_NS_PER_ACCESS +
	       c->jumped_ns;
}

void vclock_jump_to(struct vclock *c, uint64_t at_ns)
{
	uint64_t now_ns = vclock_now_ns(c);

	if (at_ns <= now_ns)
		return;
	c->jumped_ns += at_ns - now_ns;
	c->jumps++;
}
