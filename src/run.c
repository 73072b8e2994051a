/* SPDX-License-Identifier: MIT */
/* The run loop: one KVM_RUN, one port lookup and one handler per exit. */
#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "checked.h"
#include "host_io.h"
#include "exception.h"
#include "exit_rip.h"
#include "quirk.h"
#include "run.h"
#include "signals.h"
#include "vmm_abi.h"
#include "x86.h"

__attribute__((format(printf, 3, 4))) static void
run_end_with(struct run_result *res, enum run_end end, const char *fmt, ...)
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

/* Feed each element of a (possibly string) port access to its device, in
 * order. Returns 1 when the run ends, 0 to go on. */
static int run_io(struct run_ctx *c, const struct iotab_entry *e,
		  struct run_result *res)
{
	struct kvm_run *r = c->vm->run;
	unsigned size = r->io.size;
	uint8_t *data = (uint8_t *)r + r->io.data_offset;
	int rc = 0;

	if (!e) {
		c->stats->no_device++;
		run_end_with(res, RUN_FAULT, "%s port 0x%x with no device",
			     run_dir(r), r->io.port);
		return 1;
	}
	c->stats->by_entry[e - c->ds->iotab.entry] += r->io.count;
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
	    r->io.direction == KVM_EXIT_IO_OUT) {
		rc = coalesce_count(c->coalesce, c->vm, c->ds, r->io.count);
		if (rc < 0)
			return run_device_result(c->ds, rc, "coalesced port I/O",
						 res);
	}
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
	if (rc == DEV_BAD_ACCESS) {
		run_end_with(res, RUN_FAULT,
			     "%s port 0x%x ('%s' %s) of %u bytes refused",
			     run_dir(r), r->io.port, e->desc->name, e->key->key,
			     size);
		return 1;
	}
	return run_device_result(c->ds, rc, e->desc->name, res);
}

/* A hlt in the default IDT's stubs (vmm_abi.h) is a CPU exception with no
 * handler of the guest's; any other hlt ends the run. Only a hlt pays for
 * the check, and only one in the stub area asks KVM for more. */
static void run_halt(const struct vm *vm, struct run_result *res)
{
	uint64_t vector = exit_rip_raw(vm) - 1 - VMM_EXC_STUBS_GPA;
	struct kvm_sregs s;

	res->end = RUN_HLT;
	if (vector >= VMM_EXC_VECTORS ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0 || s.cs.base != 0 ||
	    (s.idt.base != VMM_IDT32_GPA && s.idt.base != VMM_IDT64_GPA))
		return;
	res->is_exception = true;
	res->vector = (unsigned)vector;
	run_end_with(res, RUN_FAULT, "%s", exc_name(res->vector));
}

/* Handle the exit in vm->run; 1 when the run ends. */
static int run_exit(struct run_ctx *c, const struct iotab_entry *e,
		    struct run_result *res)
{
	const struct kvm_run *r = c->vm->run;

	switch (r->exit_reason) {
	case KVM_EXIT_IO:
		return run_io(c, e, res);
	case KVM_EXIT_HLT:
		run_halt(c->vm, res);
		return 1;
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
		if (r->internal.suberror == KVM_INTERNAL_ERROR_EMULATION &&
		    quirk_emulate(c->vm) == 0)
			return 0;
		run_end_with(res, RUN_FAULT, "KVM internal error (suberror %u)",
			     r->internal.suberror);
		return 1;
	default:
		run_end_with(res, RUN_FAULT, "unexpected KVM exit reason %u",
			     r->exit_reason);
		return 1;
	}
}

int run_sync_regs(struct vm *vm)
{
	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_SYNC_REGS) <= 0)
		return -ENOTSUP;
	vm->seen_regs = calloc(1, sizeof(*vm->seen_regs));
	if (!vm->seen_regs)
		return -ENOMEM;
	/* Until the first exit, the last state seen is the entry state. */
	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, vm->seen_regs) < 0)
		return -errno;
	vm->run->kvm_valid_regs = KVM_SYNC_X86_REGS;
	return 0;
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
	c->stats->interrupted++;
	c->vm->run->immediate_exit = 0;
	if (!signals_pending())
		return 0;
	res->end = RUN_SIGNAL;
	res->signo = signals_pending();
	return 1;
}

void run_guest(struct run_ctx *c, struct run_result *res)
{
	struct kvm_run *r = c->vm->run;
	struct stats *st = c->stats;
	const char *dev_name = "";
	int is_done = 0;

	memset(res, 0, sizeof(*res));
	st->start_ns = host_now_ns(NULL);
	c->trail->ns0 = st->start_ns;
	c->trail->tsc0 = trail_tsc();
	while (!is_done) {
		const struct iotab_entry *e = NULL;
		uint64_t t0 = st->is_timed ? host_now_ns(NULL) : 0;
		int rc = ioctl(c->vm->vcpu_fd, KVM_RUN, 0);
		int run_errno = errno;

		st->runs++;
		if (st->is_timed)
			st->in_run_ns += host_now_ns(NULL) - t0;
		/* Queued console bytes come before whatever made KVM_RUN
		 * return: one load and one branch when the ring is empty. */
		if (coalesce_is_pending(c->coalesce)) {
			int drc = coalesce_drain(c->coalesce, c->ds,
						 st->by_entry, &dev_name);

			if (run_device_result(c->ds, drc, dev_name, res))
				break;
		}
		if (rc < 0) {
			is_done = run_interrupted(c, run_errno, res);
			continue;
		}
		/* The last state seen, for a host that resets the vCPU before
		 * it reports a triple fault (fault.c); 144 bytes, no syscall. */
		if (r->exit_reason != KVM_EXIT_SHUTDOWN && c->vm->seen_regs)
			*c->vm->seen_regs = r->s.regs.regs;
		st->by_reason[r->exit_reason < STATS_REASONS
				      ? r->exit_reason
				      : STATS_REASONS - 1]++;
		if (r->exit_reason == KVM_EXIT_IO)
			e = iotab_lookup(&c->ds->iotab, r->io.port);
		is_done = run_exit(c, e, res);
		trail_record(c->trail, r, c->vm->run_bytes);
		if (c->trace)
			trace_exit(c->trace, r, e, exit_rip_now(c->vm),
				   host_now_ns(NULL));
	}
	st->end_ns = host_now_ns(NULL);
	c->trail->tsc_end = trail_tsc();
	st->coalesced = c->coalesce->drained;
}
