/* SPDX-License-Identifier: MIT */
/* Interrupts and hlt in the run loop (SPEC "Interrupts"): inject a line
 * that is up, wait in hlt, kick a busy guest at the next event. */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "exc_exit.h"
#include "exception.h"
#include "run_steps.h"
#include "vcpu.h"

/* A guest that computes without exits must still get its tick on time:
 * the kick timer makes KVM_RUN return at the devices' next event. A
 * syscall only when that event moves (once a period). */
static void run_irq_kick(struct run_ctx *c)
{
	uint64_t at_ns;

	if (!c->kick)
		return;
	at_ns = devset_next_event_ns(c->ds);
	if (at_ns == c->kick_at_ns)
		return;
	c->kick_at_ns = at_ns;
	signals_kick_at(c->kick, at_ns);
}

/* Before each KVM_RUN in a machine with vectors (SPEC "Interrupts"):
 * inject the highest line that is up when the guest accepts interrupts
 * (IF = 1, no shadow: KVM's ready_for_interrupt_injection), or ask KVM to
 * exit as soon as it does (the interrupt window). No in-kernel irqchip:
 * vmm sees every hlt. */
void run_irq_prepare(struct run_ctx *c)
{
	struct kvm_run *r = c->vm->run;
	struct kvm_interrupt irq = { .irq = devset_irq_pending(c->ds) };

	run_irq_kick(c);
	r->request_interrupt_window = 0;
	if (!irq.irq)
		return;
	if (r->ready_for_interrupt_injection && r->if_flag &&
	    ioctl(c->vm->vcpu_fd, KVM_INTERRUPT, &irq) == 0)
		return;
	r->request_interrupt_window = 1;
}

/* hlt with IF = 1 in a machine with vectors: wait, costing no host CPU,
 * until a line is up or a signal comes (0: run on; the next KVM_RUN
 * delivers it), or end the run (1) when no interrupt can ever come. On
 * the virtual clock each wait is a jump to the next event; when time
 * cannot move, nothing can ever come either. */
static int run_halt_wait(struct run_ctx *c, struct run_result *res)
{
	struct vclock *vc = run_vclock(c);

	for (;;) {
		uint64_t before_ns = vc ? vclock_now_ns(vc) : 0;
		int rc;

		if (devset_irq_pending(c->ds) || signals_pending())
			return 0;
		if (!idle_irq_may_come(c->idle, c->ds))
			return 1;
		rc = idle_wait(c->idle, c->ds);
		if (rc < 0) {
			res->err = rc;
			run_end_with(res, RUN_HOST_ERROR, "idle wait: %s",
				     strerror(-rc));
			return 1;
		}
		if (vc && vclock_now_ns(vc) == before_ns &&
		    !devset_irq_pending(c->ds))
			return 1;
	}
}

/* A hlt ends the run, unless it is the default IDT's stub for a CPU
 * exception (then a guest fault that names it, exc_exit.h), or the guest
 * waits for an interrupt that may still come. 1 when the run ends. */
int run_halt(struct run_ctx *c, struct run_result *res)
{
	const struct vm *vm = c->vm;

	res->end = RUN_HLT;
	if (exc_exit_halt(vm, vcpu_rip(vm), &res->vector)) {
		res->is_exception = true;
		run_end_with(res, RUN_FAULT, "%s", exc_name(res->vector));
		return 1;
	}
	if (!c->ds->nirqs || !c->idle || !vm->run->if_flag)
		return 1;
	return run_halt_wait(c, res);
}

