/* SPDX-License-Identifier: MIT */
/* The run loop: one KVM_RUN, one port lookup and one handler per exit. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "checked.h"
#include "quirk.h"
#include "run.h"
#include "run_steps.h"
#include "signals.h"

_Static_assert(RUN_REASON_IO == KVM_EXIT_IO && RUN_REASON_HLT == KVM_EXIT_HLT &&
		       RUN_REASON_DEBUG == KVM_EXIT_DEBUG &&
		       RUN_REASON_MMIO == KVM_EXIT_MMIO &&
		       RUN_REASON_SHUTDOWN == KVM_EXIT_SHUTDOWN &&
		       RUN_REASON_FAIL_ENTRY == KVM_EXIT_FAIL_ENTRY &&
		       RUN_REASON_INTR == KVM_EXIT_INTR &&
		       RUN_REASON_INTERNAL_ERROR == KVM_EXIT_INTERNAL_ERROR &&
		       RUN_REASON_IRQ_WINDOW == KVM_EXIT_IRQ_WINDOW_OPEN,
	       "run.h numbers exit reasons as KVM does");

static const char *const run_reason_names[RUN_REASONS] = {
	[RUN_REASON_IO] = "io",
	[RUN_REASON_DEBUG] = "debug",
	[RUN_REASON_HLT] = "hlt",
	[RUN_REASON_IRQ_WINDOW] = "irq_window",
	[RUN_REASON_MMIO] = "mmio",
	[RUN_REASON_SHUTDOWN] = "shutdown",
	[RUN_REASON_FAIL_ENTRY] = "fail_entry",
	[RUN_REASON_INTR] = "intr",
	[RUN_REASON_INTERNAL_ERROR] = "internal_error",
};

const char *run_reason_name(unsigned n)
{
	return n < RUN_REASONS ? run_reason_names[n] : NULL;
}

void run_end_with(struct run_result *res, enum run_end end, const char *fmt,
		  ...)
{
	va_list ap;

	res->end = end;
	va_start(ap, fmt);
	vsnprintf(res->what, sizeof(res->what), fmt, ap);
	va_end(ap);
}

static const char *run_dir(const struct kvm_run *r)
{
	return r->io.direction == KVM_EXIT_IO_OUT ? "OUT to" : "IN from";
}

/* A device handler's result: 0 goes on; otherwise fill res, return 1. */
static int run_device_result(const struct devset *ds, int rc,
			     const char *name, struct run_result *res)
{
	if (rc == 0)
		return 0;
	if (rc == DEV_STOP) {
		res->end = RUN_EXIT_DEVICE;
		res->status = ds->env.exit_status;
	} else if (rc == DEV_BAD_ACCESS) {
		run_end_with(res, RUN_FAULT, "'%s' refused an access", name);
	} else {
		res->err = rc;
		run_end_with(res, RUN_HOST_ERROR, "%s: host I/O failed: %s",
			     name, strerror(-rc));
	}
	return 1;
}

/* Hand each element to the device in order; the first result not 0. */
static int run_io_elements(const struct iotab_entry *e, struct kvm_run *r)
{
	unsigned size = r->io.size;
	uint8_t *data = (uint8_t *)r + r->io.data_offset;
	int rc = 0;

	for (uint32_t i = 0; i < r->io.count && rc == 0; i++, data += size) {
		uint32_t val = 0;

		if (r->io.direction == KVM_EXIT_IO_OUT) {
			memcpy(&val, data, size);
			rc = e->desc->out(e->state, e->reg, size, val);
		} else {
			rc = e->desc->in(e->state, e->reg, size, &val);
			memcpy(data, &val, size);
		}
	}
	return rc;
}

/* Idle detection (idle.h): a compare and a count per port exit, and the
 * wait once the guest has polled long enough without news. 1 when the
 * run ends (the wait failed). */
static int run_idle(struct run_ctx *c, const struct iotab_entry *e,
		    const struct kvm_run *r, struct run_result *res)
{
	uint32_t val = 0;
	int rc;

	if (!e->key->is_status || r->io.direction != KVM_EXIT_IO_IN ||
	    r->io.count != 1) {
		idle_other(c->idle);
		return 0;
	}
	memcpy(&val, (const uint8_t *)r + r->io.data_offset, r->io.size);
	if (!idle_note_read(c->idle, (unsigned)(e - c->ds->iotab.entry), val))
		return 0;
	rc = idle_wait(c->idle, c->ds);
	if (rc == 0)
		return 0;
	res->err = rc;
	run_end_with(res, RUN_HOST_ERROR, "idle wait: %s", strerror(-rc));
	return 1;
}

int run_io(struct run_ctx *c, const struct iotab_entry *e,
	   struct run_result *res)
{
	struct kvm_run *r = c->vm->run;
	unsigned size = r->io.size;
	int rc;

	c->io_accesses += r->io.count; /* the virtual clock's progress */
	if (!e) {
		run_end_with(res, RUN_FAULT, "%s port 0x%x with no device",
			     run_dir(r), r->io.port);
		return 1;
	}
	if ((size != 1 && size != 2 && size != 4) ||
	    !range_ok(r->io.data_offset, (uint64_t)r->io.count * size,
		      c->vm->run_bytes)) {
		run_end_with(res, RUN_FAULT,
			     "%s port 0x%x ('%s' %s) of %u x %u bytes", run_dir(r),
			     r->io.port, e->desc->name, e->key->key,
			     r->io.count, size);
		return 1;
	}
	/* Console bytes served by exits count towards coalescing them
	 * (COALESCE_AFTER_OUTS); a plain increment until then. */
	if (e->key->is_batchable && size == 1 &&
	    r->io.direction == KVM_EXIT_IO_OUT &&
	    coalesce_count(c->coalesce, r->io.count))
		c->wants_coalesce = true;
	rc = run_io_elements(e, r);
	if (rc == DEV_BAD_ACCESS) {
		run_end_with(res, RUN_FAULT,
			     "%s port 0x%x ('%s' %s) of %u bytes refused",
			     run_dir(r), r->io.port, e->desc->name, e->key->key,
			     size);
		return 1;
	}
	if (run_device_result(c->ds, rc, e->desc->name, res))
		return 1;
	if (c->idle && run_idle(c, e, r, res))
		return 1;
	if (!c->wants_coalesce)
		return 0;
	res->end = RUN_PAUSED;
	return 1;
}

/* Handle the exit in vm->run; 1 when the run ends. */
static int run_exit(struct run_ctx *c, const struct iotab_entry *e,
		    struct run_result *res)
{
	const struct kvm_run *r = c->vm->run;

	if (r->exit_reason == KVM_EXIT_IO)
		return run_io(c, e, res);
	res->reason = r->exit_reason;
	switch (r->exit_reason) {
	case KVM_EXIT_HLT:
		return run_halt(c, res);
	case KVM_EXIT_IRQ_WINDOW_OPEN:
		return 0; /* run_irq_prepare injects before the next KVM_RUN */
	case KVM_EXIT_MMIO:
		run_end_with(res, RUN_FAULT,
			     "%u-byte %s at guest-physical 0x%llx with no memory or device",
			     r->mmio.len, r->mmio.is_write ? "write" : "read",
			     (unsigned long long)r->mmio.phys_addr);
		return 1;
	case KVM_EXIT_SHUTDOWN:
		run_end_with(res, RUN_FAULT, "triple fault (the CPU shut down)");
		return 1;
	case KVM_EXIT_FAIL_ENTRY:
		run_end_with(res, RUN_FAULT,
			     "the CPU refused to enter the guest (hardware reason 0x%llx)",
			     (unsigned long long)r->fail_entry
				     .hardware_entry_failure_reason);
		return 1;
	case KVM_EXIT_INTERNAL_ERROR:
		/* A debugger sees its int3 first (gdb/gdb.c). */
		if (r->internal.suberror == KVM_INTERNAL_ERROR_EMULATION &&
		    !(c->has_debugger && quirk_is_int3(c->vm)) &&
		    quirk_emulate(c->vm) == 0) {
			if (c->idle)
				idle_other(c->idle);
			return 0;
		}
		run_end_with(res, RUN_FAULT, "KVM internal error (suberror %u)",
			     r->internal.suberror);
		return 1;
	default:
		run_end_with(res, RUN_FAULT, "unexpected KVM exit reason %u",
			     r->exit_reason);
		return 1;
	}
}

/* KVM_RUN returned an error: a signal (go on unless one ends the run) or
 * a host failure. 1 when the run ends. */
static int run_interrupted(struct run_ctx *c, int run_errno,
			   struct run_result *res)
{
	if (run_errno != EINTR && run_errno != EAGAIN) {
		res->err = -run_errno;
		run_end_with(res, RUN_HOST_ERROR, "KVM_RUN: %s",
			     strerror(run_errno));
		return 1;
	}
	c->vm->run->immediate_exit = 0;
	if (c->idle)
		idle_other(c->idle);
	if (!signals_pending())
		return 0;
	res->end = RUN_SIGNAL;
	res->signo = signals_pending();
	return 1;
}

/* The loop, compiled twice: is_observed is a constant in each copy, so
 * without observers the exit path has no trace of them. */
static inline __attribute__((always_inline)) void
run_loop(struct run_ctx *c, struct run_result *res, const int is_observed)
{
	struct kvm_run *r = c->vm->run;
	const char *dev_name = "";
	int is_done = 0, was_interrupted = 0;

	while (!is_done) {
		const struct iotab_entry *e = NULL;
		int rc, run_errno;

		/* On the virtual clock, lines change only at exits: looking
		 * again after a signal could inject at a host-timed point. */
		if (c->ds->nirqs && !(was_interrupted && run_vclock(c)))
			run_irq_prepare(c);
		if (is_observed)
			run_hook(c, 1);
		rc = ioctl(c->vm->vcpu_fd, KVM_RUN, 0);
		run_errno = errno;
		if (is_observed)
			run_hook(c, 0);
		/* Queued console bytes come before whatever made KVM_RUN
		 * return: one load and one branch when the ring is empty. */
		if (coalesce_is_pending(c->coalesce)) {
			int drc = coalesce_drain(c->coalesce, c->ds, &dev_name);

			if (run_device_result(c->ds, drc, dev_name, res))
				break;
		}
		was_interrupted = rc < 0;
		if (rc < 0) {
			is_done = run_interrupted(c, run_errno, res);
			if (is_observed &&
			    (run_errno == EINTR || run_errno == EAGAIN)) {
				run_notify(c, NULL, 1);
				is_done = run_decide(c, res, is_done);
			}
			continue;
		}
		/* The last state seen, for a host that resets the vCPU before
		 * it reports a triple fault (fault.c); 144 bytes, no syscall. */
		if (r->exit_reason != KVM_EXIT_SHUTDOWN && c->vm->seen_regs)
			*c->vm->seen_regs = r->s.regs.regs;
		if (r->exit_reason == KVM_EXIT_IO)
			e = iotab_lookup(&c->ds->iotab, r->io.port);
		is_done = run_exit(c, e, res);
		run_record(c->trail, r, c->vm->run_bytes);
		if (is_observed) {
			run_notify(c, e, 0);
			if (is_done)
				is_done = run_decide(c, res, is_done);
		}
	}
}

void run_guest(struct run_ctx *c, struct run_result *res)
{
	memset(res, 0, sizeof(*res));
	c->wants_coalesce = false;
	if (c->nobs)
		run_loop(c, res, 1);
	else
		run_loop(c, res, 0);
}

void run_init(struct run_ctx *c, struct vm *vm, struct devset *ds,
	      struct coalesce *co, struct trail *t)
{
	memset(c, 0, sizeof(*c));
	c->vm = vm;
	c->ds = ds;
	c->coalesce = co;
	c->trail = t;
}

volatile uint8_t *run_kick_flag(struct vm *vm)
{
	return &vm->run->immediate_exit;
}
