/* SPDX-License-Identifier: MIT */
/* The run object: create, boot, run, finish, destroy, in that order. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entry.h"
#include "fault.h"
#include "sandbox.h"
#include "status.h"
#include "vcpu.h"
#include "vmm.h"
#include "vmm_boot.h"

static int vmm_open_trace(struct vmm *v, struct vmm_err *err)
{
	const struct cli_opts *o = v->opts;

	v->trace.out = stderr;
	if (o->trace_file) {
		v->trace.out = fopen(o->trace_file, "we");
		if (!v->trace.out)
			return err_set(err, -errno,
				       "--trace-file '%s': cannot open: %s",
				       o->trace_file, strerror(errno));
	}
	/* A line per exit: buffer them, flushed when the run ends. */
	setvbuf(v->trace.out, NULL, _IOFBF, 1 << 16);
	if (load_symbols(&v->image, &v->symtab) < 0)
		return err_set(err, -ENOMEM, "out of memory for symbols");
	v->trace.syms = &v->symtab;
	return 0;
}

/* The machine file and the image, checked against each other: their
 * messages start with the file they are about. */
static int vmm_load_files(struct vmm *v, struct vmm_err *err)
{
	const struct cli_opts *o = v->opts;
	int rc;

	if (o->machine_path)
		rc = machine_load(o->machine_path, &v->machine, err);
	else
		rc = machine_load_default(&v->machine, err);
	if (rc == 0)
		rc = load_open(o->guest, o->format, &v->image, err);
	if (rc == 0)
		rc = load_check(&v->image, &v->machine, err);
	if (rc == 0)
		rc = vmm_pick_clock(v, err);
	if (rc < 0)
		err_placed(err);
	return rc;
}

int vmm_create(struct vmm **out, const struct cli_opts *o, int stdout_fd,
	       struct vmm_err *err)
{
	struct vmm *v = calloc(1, sizeof(*v));
	int rc = 0;

	*out = v;
	if (!v)
		return err_set(err, -ENOMEM, "out of memory");
	v->opts = o;
	v->stdout_fd = stdout_fd;
	v->vm.kvm_fd = v->vm.vm_fd = v->vm.vcpu_fd = -1;
	v->gdb.fd = -1;
	v->idle.wake_fd = -1;
	term_init(&v->term);
	coalesce_init(&v->coalesce);
	if (o->is_trace)
		rc = trace_parse_filter(o->trace_filter, &v->trace, err);
	if (rc == 0)
		rc = vmm_load_files(v, err);
	if (rc == 0)
		rc = bootinfo_build(&v->bootinfo, v->machine.mem_bytes,
				    o->guest_argc, o->guest_argv, err);
	if (rc == 0 && o->is_trace)
		rc = vmm_open_trace(v, err);
	return rc;
}

/* The vCPU's state at the guest's first instruction. */
static int vmm_boot_vcpu(struct vmm *v, struct vmm_err *err)
{
	struct vcpu_regs regs;
	struct vcpu_sregs sregs;
	int rc = entry_build(&v->vm.mem, v->machine.entry, v->image.entry,
			     VMM_BOOTINFO_GPA, v->vm.has_1g_pages, &regs,
			     &sregs, err);

	if (rc < 0)
		return rc;
	/* Synced registers give a trace its RIP without a syscall and keep
	 * the last state seen for the fault report, from the entry state set
	 * below; a host without them still runs, with a syscall per trace
	 * line. */
	vcpu_sync_regs(&v->vm);
	rc = vcpu_set_sregs(&v->vm, &sregs);
	if (rc == 0)
		rc = vcpu_set_regs(&v->vm, &regs);
	if (rc < 0)
		return err_set(err, rc, "cannot set the vCPU's registers: %s",
			       strerror(-rc));
	return 0;
}

/* The observers, in order, and what they need of the vCPU and the loop. */
static int vmm_boot_observers(struct vmm *v, struct vmm_err *err)
{
	const struct cli_opts *o = v->opts;
	int rc = 0;

	run_init(&v->ctx, &v->vm, &v->devset, &v->coalesce, &v->trail);
	v->ctx.idle = &v->idle;
	/* On the virtual clock no host timer decides anything. */
	if (v->devset.nirqs && v->machine.clock == MACHINE_CLOCK_HOST)
		v->ctx.kick = &v->kick;
	stats_init(&v->stats, &v->devset);
	if (o->stats != CLI_STATS_OFF)
		rc = run_observe(&v->ctx, &v->stats.obs);
	if (rc == 0 && o->is_trace) {
		rc = run_observe(&v->ctx, &v->trace.obs);
		v->trace.t0_ns = host_now_ns(NULL);
	}
	/* Last: gdb decides a run's end after the others saw the exit. */
	if (rc == 0 && o->has_gdb) {
		rc = gdb_attach(&v->gdb, &v->vm, v->machine.entry == ENTRY_LONG,
				o->gdb_port, err);
		if (rc < 0)
			return rc;
		rc = run_observe(&v->ctx, &v->gdb.obs);
	}
	/* Coalescing starts in the run once the guest writes a lot
	 * (COALESCE_AFTER_OUTS): a short guest never pays for it. A trace
	 * shows every access, so no OUT may bypass the exit path then. */
	if (rc == 0 && !o->is_coalesce_off && !o->is_trace) {
		coalesce_arm(&v->coalesce);
		coalesce_probe(&v->coalesce, &v->vm);
		rc = coalesce_watch(&v->coalesce);
	}
	if (rc < 0)
		return err_set(err, rc, "cannot set up the run: %s",
			       strerror(-rc));
	return 0;
}

/* Long mode cannot map all of memory: the machine file's memory key is at
 * fault, so say where it is. */
static int vmm_boot_misfit(struct vmm *v, struct vmm_err *err)
{
	const struct machine *m = &v->machine;
	char msg[VMM_ERR_MSG_MAX];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	err_set(err, -E2BIG, "%s:%u:%u: %s", m->file, m->mem_mark.line,
		m->mem_mark.column, msg);
	err_placed(err);
	return VMM_EXIT_USAGE;
}

static int vmm_boot_signals(struct vmm *v, struct vmm_err *err)
{
	int rc = signals_install(run_kick_flag(&v->vm));

	if (rc < 0)
		return err_set(err, rc, "cannot set up signals: %s",
			       strerror(-rc));
	return 0;
}

static int vmm_boot_timeout(struct vmm *v, struct vmm_err *err)
{
	int rc = signals_arm_timeout(&v->timeout, v->opts->timeout_ms);

	if (rc < 0)
		return err_set(err, rc, "cannot set up signals: %s",
			       strerror(-rc));
	return 0;
}

/* The sandbox's last word before vmm dies of a forbidden call: what the
 * guest printed goes out and the terminal comes back (write and tcsetattr
 * only: async-signal-safe). */
static void vmm_on_violation(void *ctx)
{
	struct vmm *v = ctx;

	devset_finish(&v->devset);
	term_restore(&v->term);
}

/* The last step of boot: every thread exists, every file is open. */
static int vmm_boot_sandbox(struct vmm *v, struct vmm_err *err)
{
	struct sandbox_spec s = {
		.vm_fd = v->vm.vm_fd,
		.vcpu_fd = v->vm.vcpu_fd,
		.in_fd = STDIN_FILENO,
		.is_tty_in = v->term.fd >= 0,
		.has_coalescing = v->coalesce.is_armed,
		.has_gdb = v->gdb.fd >= 0,
		.gdb_fd = v->gdb.fd,
		.has_idle = v->idle.wake_fd >= 0,
		.wake_fd = v->idle.wake_fd,
		.on_violation = vmm_on_violation,
		.ctx = v,
	};

#ifdef VMM_SANITIZER_BUILD
	/* ASan's and LSan's runtimes need calls the filter forbids. */
	return 0;
#endif
	if (v->opts->is_sandbox_off)
		return 0;
	s.out_fd[s.n_out++] = STDERR_FILENO;
	if (v->stdout_fd >= 0)
		s.out_fd[s.n_out++] = v->stdout_fd;
	if (v->trace.out && v->trace.out != stderr)
		s.out_fd[s.n_out++] = fileno(v->trace.out);
	v->stats.sandbox_rules = sandbox_rule_count(&s);
	return sandbox_enter(&s, err);
}

int vmm_boot(struct vmm *v, struct vmm_err *err)
{
	int rc = vm_create(&v->vm, v->machine.mem_bytes, err);

	if (rc < 0)
		return VMM_EXIT_HOST;
	rc = vmm_boot_vcpu(v, err);
	if (rc == -E2BIG)
		return vmm_boot_misfit(v, err);
	/* Handlers before the terminal changes: a Ctrl-C from here on ends
	 * the run cleanly, with the terminal restored. */
	if (rc == 0)
		rc = vmm_boot_signals(v, err);
	if (rc == 0)
		rc = vmm_boot_devices(v, err);
	if (rc == 0) {
		devset_abi_ports(&v->devset, v->bootinfo.ports);
		devset_abi_irqs(&v->devset, v->bootinfo.irq);
		bootinfo_write(&v->bootinfo, &v->vm.mem);
		load_copy(&v->image, &v->vm.mem);
		rc = vmm_boot_host(v, err);
	}
	/* The timeout before the observers: --gdb waits there for gdb to
	 * connect, and --timeout bounds that wait too. */
	if (rc == 0)
		rc = vmm_boot_timeout(v, err);
	if (rc == 0)
		rc = vmm_boot_observers(v, err);
	if (rc == 0)
		rc = vmm_boot_sandbox(v, err);
	return rc < 0 ? VMM_EXIT_HOST : 0;
}

void vmm_run(struct vmm *v)
{
	struct run_result *res = &v->res;

	v->trail.ns0 = host_now_ns(NULL);
	v->trail.tsc0 = trail_tsc();
	run_guest(&v->ctx, res);
	while (res->end == RUN_PAUSED) {
		int rc = coalesce_start(&v->coalesce, &v->vm, &v->devset);

		if (rc < 0) {
			res->end = RUN_HOST_ERROR;
			res->err = rc;
			snprintf(res->what, sizeof(res->what),
				 "coalesced port I/O: host I/O failed: %s",
				 strerror(-rc));
			break;
		}
		run_guest(&v->ctx, res);
	}
	v->trail.tsc_end = trail_tsc();
	stats_end(&v->stats, &v->coalesce);
	if (run_vclock(&v->ctx)) {
		v->stats.is_vclock = true;
		v->stats.vclock_ns = vclock_now_ns(&v->vclock);
		v->stats.jumps = v->idle.waits;
		v->stats.jumped_ns = v->idle.waited_ns;
		v->stats.input_waits = v->vinput.host_waits;
	} else {
		v->stats.idle_waits = v->idle.waits;
		v->stats.idle_ns = v->idle.waited_ns;
	}
	/* The kick timer goes first, so the ring may be unmapped later. */
	coalesce_stop(&v->coalesce);
	if (v->trace.out)
		fflush(v->trace.out);
}

/* How the run ended, on standard error, and its status. */
static int vmm_report(struct vmm *v, int flush_rc)
{
	const struct run_result *res = &v->res;
	struct vmm_err err = { 0 };

	switch (res->end) {
	case RUN_HLT:
	case RUN_PAUSED: /* never the end: the run goes on after it */
		break;
	case RUN_EXIT_DEVICE:
		if (flush_rc == 0)
			return res->status;
		break;
	case RUN_FAULT:
		if (!v->symtab.n)
			load_symbols(&v->image, &v->symtab);
		fault_report(&v->vm, res, &v->symtab, stderr);
		fault_trail(&v->vm, &v->trail, &v->devset, &v->symtab, stderr);
		return VMM_EXIT_FAULT;
	case RUN_SIGNAL:
		if (!v->symtab.n)
			load_symbols(&v->image, &v->symtab);
		if (res->signo == SIGALRM)
			err_set(&err, 0, "timeout: the guest ran for %" PRIu64 " ms",
				v->opts->timeout_ms);
		else
			err_set(&err, 0, "stopped by %s", sigabbrev_np(res->signo));
		err_print(&err, stderr);
		fault_trail(&v->vm, &v->trail, &v->devset, &v->symtab, stderr);
		return res->signo == SIGALRM ? VMM_EXIT_TIMEOUT
					     : VMM_EXIT_SIGNAL_BASE + res->signo;
	case RUN_HOST_ERROR:
		err_set(&err, res->err, "%s", res->what);
		err_print(&err, stderr);
		return VMM_EXIT_HOST;
	}
	if (flush_rc < 0) {
		err_set(&err, flush_rc, "cannot write standard output: %s",
			strerror(-flush_rc));
		err_print(&err, stderr);
		return VMM_EXIT_HOST;
	}
	return VMM_EXIT_HALT;
}

int vmm_finish(struct vmm *v)
{
	int status = vmm_report(v, devset_finish(&v->devset));

	if (v->opts->stats != CLI_STATS_OFF)
		stats_print(&v->stats, v->opts->stats == CLI_STATS_JSON,
			    stderr);
	return status;
}

void vmm_stop(struct vmm *v)
{
	if (!v)
		return;
	signals_disarm_timeout(&v->timeout);
	gdb_close(&v->gdb);
	signals_disarm_timeout(&v->kick);
	coalesce_stop(&v->coalesce);
	host_input_stop(&v->input);
	idle_close(&v->idle);
	term_restore(&v->term);
	if (v->trace.out && v->trace.out != stderr)
		fclose(v->trace.out);
	v->trace.out = NULL;
}

void vmm_destroy(struct vmm *v)
{
	if (!v)
		return;
	vmm_stop(v);
	symtab_free(&v->symtab);
	devset_free(&v->devset);
	/* The handlers must not kick a run area that is gone. */
	signals_detach();
	vm_destroy(&v->vm);
	load_close(&v->image);
	free(v);
}
