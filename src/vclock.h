/* SPDX-License-Identifier: MIT */
/*
 * The virtual clock (SPEC "The virtual clock"): time that follows what the
 * guest does, never the host. It starts at 0 and has two parts:
 *
 * - progress: VCLOCK_NS_PER_ACCESS for each port access the guest made,
 *   counted by the run loop (each element of a string access, and each
 *   console byte that went through KVM's coalesced ring, counts once, so
 *   the count at any access is the same whether or not a byte was
 *   batched);
 * - jumps: when the guest waits (idle polling, hlt with interrupts on),
 *   time jumps to the next event at once.
 *
 * Both are the same in every run with the same image, machine and input,
 * so every run prints the same bytes. Host time enters nowhere.
 */
#ifndef VMM_SRC_VCLOCK_H
#define VMM_SRC_VCLOCK_H

#include <stdint.h>

/* About what one VM exit costs on hardware KVM: a polling guest sees
 * time pass at a plausible rate, and a 1 ms period takes 1000 polls. */
#define VCLOCK_NS_PER_ACCESS 1000u

struct vclock {
	const uint64_t *io_accesses; /* run_ctx: accesses served by exits */
	const uint64_t *batched;     /* coalesce: bytes drained from the ring */
	uint64_t jumped_ns;          /* time added by the jumps */
	uint64_t jumps;              /* --stats: jumps that moved time */
};

/* Point c at the two counters the run keeps. */
void vclock_init(struct vclock *c, const uint64_t *io_accesses,
		 const uint64_t *batched);

/* dev_env.now_ns on the virtual clock (ctx: the struct vclock). */
uint64_t vclock_now_ns(void *ctx);

/* The guest waits: if at_ns is later than now, move time to at_ns. */
void vclock_jump_to(struct vclock *c, uint64_t at_ns);

#endif
