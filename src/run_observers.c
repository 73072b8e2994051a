/* SPDX-License-Identifier: MIT */
/* The run loop's observers (run.h): the list, and telling them of each
 * exit; cold, except the enter and leave hooks of an observed run. */
#include <errno.h>
#include <string.h>

#include <linux/kvm.h>

#include "exit_rip.h"
#include "run_steps.h"
#include "vcpu.h"

int run_observe(struct run_ctx *c, const struct run_observer *o)
{
	if (c->nobs >= RUN_OBSERVERS_MAX)
		return -ENOSPC;
	c->obs[c->nobs++] = o;
	c->needs_rip |= o->needs_rip;
	c->has_debugger |= o->decide != NULL;
	return 0;
}

/* Cold: tell every observer about the exit now in the run area. */
void run_notify(const struct run_ctx *c, const struct iotab_entry *e,
		int is_interrupted)
{
	const struct kvm_run *r = c->vm->run;
	struct run_exit ex = { .is_interrupted = is_interrupted,
			       .reason = r->exit_reason,
			       .e = e };

	if (is_interrupted) {
		ex.reason = RUN_REASON_INTR;
	} else if (r->exit_reason == KVM_EXIT_IO) {
		ex.port = r->io.port;
		ex.is_out = r->io.direction == KVM_EXIT_IO_OUT;
		ex.size = r->io.size;
		ex.count = r->io.count;
		ex.data = (const uint8_t *)r + r->io.data_offset;
	} else if (r->exit_reason == KVM_EXIT_MMIO) {
		ex.mmio_gpa = r->mmio.phys_addr;
		ex.mmio_len = r->mmio.len;
		ex.mmio_is_write = r->mmio.is_write;
	}
	if (c->needs_rip && !is_interrupted)
		ex.rip = run_rip_now(c->vm);
	for (unsigned i = 0; i < c->nobs; i++)
		if (c->obs[i]->exit)
			c->obs[i]->exit(c->obs[i]->ctx, &ex);
}

void run_hook(const struct run_ctx *c, int is_enter)
{
	for (unsigned i = 0; i < c->nobs; i++) {
		void (*hook)(void *) = is_enter ? c->obs[i]->enter
						: c->obs[i]->leave;

		if (hook)
			hook(c->obs[i]->ctx);
	}
}

/* Cold: a debugger among the observers may stop the run's end, or end a
 * run that would go on; 1 when the run ends. */
int run_decide(const struct run_ctx *c, struct run_result *res, int is_done)
{
	if (is_done && res->end == RUN_PAUSED)
		return 1;
	for (unsigned i = 0; i < c->nobs; i++)
		if (c->obs[i]->decide)
			is_done = c->obs[i]->decide(c->obs[i]->ctx, res,
						    is_done);
	if (!is_done)
		memset(res, 0, sizeof(*res));
	return is_done;
}

uint64_t run_rip_now(const struct vm *vm)
{
	const struct kvm_run *r = vm->run;
	struct trail_exit x = {
		.reason = r->exit_reason,
		.rip = vcpu_rip(vm),
	};

	if (r->exit_reason == KVM_EXIT_IO) {
		x.is_write = r->io.direction == KVM_EXIT_IO_OUT;
		x.size = r->io.size;
		x.port = r->io.port;
	}
	return exit_rip_of(vm, &x);
}
