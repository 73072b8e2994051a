/* SPDX-License-Identifier: MIT */
/* The run loop's flight recorder: each exit copied from KVM's run area into
 * the trail (trail.h). Apart from run.c so that bench/trail_cost can time
 * it alone, uninstrumented. */
#include <string.h>

#include <linux/kvm.h>

#include "checked.h"
#include "run.h"

void run_record(struct trail *t, const struct kvm_run *r, size_t run_bytes)
{
	struct trail_exit *x = trail_next(t);
	const uint8_t *data = (const uint8_t *)r + r->io.data_offset;

	x->reason = r->exit_reason;
	x->tsc = trail_tsc();
	/* Without synced registers (an old host) the trail has no RIP. */
	x->rip = r->kvm_valid_regs ? r->s.regs.regs.rip : 0;
	if (r->exit_reason == KVM_EXIT_IO) {
		x->is_write = r->io.direction == KVM_EXIT_IO_OUT;
		x->size = r->io.size;
		x->port = r->io.port;
		x->count = r->io.count;
		x->value = 0;
		if (r->io.size <= 4 && r->io.count &&
		    range_ok(r->io.data_offset, r->io.size, run_bytes))
			memcpy(&x->value, data, r->io.size);
	} else if (r->exit_reason == KVM_EXIT_MMIO) {
		x->is_write = r->mmio.is_write;
		x->size = r->mmio.len;
		x->addr = r->mmio.phys_addr;
		x->value = 0;
		memcpy(&x->value, r->mmio.data, r->mmio.len < 4 ? r->mmio.len : 4);
	}
}
