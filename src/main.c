/* SPDX-License-Identifier: MIT */
/* vmm: the steps of a run in order, and the outcome as an exit status. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../config/machine.h"
#include "../loader/loader.h"
#include "../loader/symbols.h"
#include "bootinfo.h"
#include "cli.h"
#include "coalesce.h"
#include "devices/devset.h"
#include "fault.h"
#include "host_io.h"
#include "run.h"
#include "signals.h"
#include "stats.h"
#include "status.h"
#include "term.h"
#include "trace.h"
#include "vcpu.h"
#include "vm.h"

/* Large, and one of each per process: kept out of the stack. */
static struct machine machine;
static struct image image;
static struct devset devset;
static struct host_input input;
static struct vmm_bootinfo bootinfo;
static struct coalesce coalesce;
static struct stats stats;
static struct trace trace;
static struct symtab symtab;
static struct trail trail;
static int stdout_fd = STDOUT_FILENO;

static int prepare_trace(const struct cli_opts *o, struct vmm_err *err)
{
	trace.out = stderr;
	if (o->trace_file) {
		trace.out = fopen(o->trace_file, "we");
		if (!trace.out)
			return err_set(err, -errno,
				       "vmm: --trace-file '%s': cannot open: %s",
				       o->trace_file, strerror(errno));
	}
	/* A line per exit: buffer them, flushed when the run ends. */
	setvbuf(trace.out, NULL, _IOFBF, 1 << 16);
	if (load_symbols(&image, &symtab) < 0)
		return err_set(err, -ENOMEM, "vmm: out of memory for symbols");
	trace.syms = &symtab;
	return 0;
}

/* Everything that can be refused before the VM exists: status 2. */
static int prepare(const struct cli_opts *o, struct vmm_err *err)
{
	int rc = 0;

	if (o->is_trace)
		rc = trace_parse_filter(o->trace_filter, &trace, err);
	if (rc < 0)
		return rc;
	if (o->machine_path)
		rc = machine_load(o->machine_path, &machine, err);
	else
		rc = machine_load_default(&machine, err);
	if (rc == 0)
		rc = load_open(o->guest, o->format, &image, err);
	if (rc == 0)
		rc = load_check(&image, &machine, err);
	if (rc == 0)
		rc = bootinfo_build(&bootinfo, machine.mem_bytes, o->guest_argc,
				    o->guest_argv, err);
	if (rc == 0 && o->is_trace)
		rc = prepare_trace(o, err);
	return rc;
}

static int add_devices(struct vmm_err *err)
{
	int rc = 0;

	devset_init(&devset);
	host_input_init(&input, STDIN_FILENO);
	devset.env.now_ns = host_now_ns;
	devset.env.input = host_input_read;
	devset.env.input_ctx = &input;
	devset.env.output = host_write_all;
	devset.env.output_ctx = &stdout_fd;
	for (unsigned i = 0; i < machine.ndevs && rc == 0; i++) {
		rc = devset_add(&devset, machine.dev[i].desc,
				machine.dev[i].port, err);
		/* Restored at exit, whatever ends the run (term.c). */
		if (rc == 0 && machine.dev[i].flags & DEV_FLAG_RAW_INPUT &&
		    term_raw_keys(STDIN_FILENO) < 0)
			rc = err_set(err, -errno,
				     "cannot set the terminal to raw keys: %s",
				     strerror(errno));
	}
	return rc;
}

/* Build the VM and put the guest in it. Returns an exit status, or -1 to
 * go on and run. */
static int boot(struct vm *vm, const struct cli_opts *o, struct vmm_err *err)
{
	int rc = vm_create(vm, machine.mem_bytes, err);

	if (rc < 0) {
		fprintf(stderr, "vmm: %s\n", err->msg);
		return VMM_EXIT_HOST;
	}
	rc = vcpu_setup(vm, machine.entry, image.entry, VMM_BOOTINFO_GPA, err);
	if (rc == -E2BIG) {
		fprintf(stderr, "%s:%u:%u: %s\n", machine.file,
			machine.mem_mark.line, machine.mem_mark.column,
			err->msg);
		return VMM_EXIT_USAGE;
	}
	if (rc == 0)
		rc = add_devices(err);
	if (rc < 0) {
		fprintf(stderr, "vmm: %s\n", err->msg);
		return VMM_EXIT_HOST;
	}
	devset_abi_ports(&devset, bootinfo.ports);
	bootinfo_write(&bootinfo, &vm->mem);
	load_copy(&image, &vm->mem);
	/* Synced registers give a trace its RIP without a syscall and keep
	 * the last state seen for the fault report; a host without them still
	 * runs, with a syscall per trace line. */
	run_sync_regs(vm);
	if (o->is_trace)
		trace.t0_ns = host_now_ns(NULL);
	stats.is_timed = o->stats != CLI_STATS_OFF;
	/* Coalescing starts in the run loop once the guest writes a lot
	 * (COALESCE_AFTER_OUTS): a short guest never pays for it. */
	if (!o->is_coalesce_off && !o->is_trace)
		coalesce_arm(&coalesce);
	rc = signals_install(vm->run);
	if (rc == 0)
		rc = signals_arm_timeout(o->timeout_ms);
	if (rc < 0) {
		fprintf(stderr, "vmm: cannot set up signals: %s\n",
			strerror(-rc));
		return VMM_EXIT_HOST;
	}
	return -1;
}

/* Flush the devices, report how the run ended, and pick the status. */
static int finish(const struct vm *vm, const struct run_result *res,
		  const struct cli_opts *o)
{
	int flush_rc = devset_finish(&devset);
	int status = VMM_EXIT_HALT;

	switch (res->end) {
	case RUN_HLT:
		break;
	case RUN_EXIT_DEVICE:
		status = res->status;
		break;
	case RUN_FAULT:
		if (!symtab.n)
			load_symbols(&image, &symtab);
		fault_report(vm, res, &symtab, stderr);
		fault_trail(vm, &trail, &devset, &symtab, stderr);
		return VMM_EXIT_FAULT;
	case RUN_SIGNAL:
		if (!symtab.n)
			load_symbols(&image, &symtab);
		if (res->signo == SIGALRM)
			fprintf(stderr, "vmm: timeout: the guest ran for %" PRIu64
					" ms\n",
				o->timeout_ms);
		else
			fprintf(stderr, "vmm: stopped by %s\n",
				sigabbrev_np(res->signo));
		fault_trail(vm, &trail, &devset, &symtab, stderr);
		return res->signo == SIGALRM ? VMM_EXIT_TIMEOUT
					     : VMM_EXIT_SIGNAL_BASE + res->signo;
	case RUN_HOST_ERROR:
		fprintf(stderr, "vmm: %s\n", res->what);
		return VMM_EXIT_HOST;
	}
	if (flush_rc < 0) {
		fprintf(stderr, "vmm: cannot write standard output: %s\n",
			strerror(-flush_rc));
		return VMM_EXIT_HOST;
	}
	return status;
}

/* Give closed standard descriptors a /dev/null stand-in, so /dev/kvm can
 * never become fd 1 and receive the guest's output. A closed standard
 * output stays an error: the console reports EBADF on its first write. */
static void guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			continue;
		if (fd == STDOUT_FILENO)
			stdout_fd = -1;
	}
}

int main(int argc, char **argv)
{
	struct cli_opts opts;
	struct vmm_err err = { 0 };
	struct run_result res;
	struct vm vm;
	int status;

	guard_std_fds();
	if (cli_parse(argc, argv, &opts, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return VMM_EXIT_USAGE;
	}
	if (opts.is_help) {
		cli_usage(stdout);
		return 0;
	}
	if (opts.is_version) {
		printf("vmm %s\n", VMM_VERSION);
		return 0;
	}
	if (prepare(&opts, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		load_close(&image);
		return VMM_EXIT_USAGE;
	}
	status = boot(&vm, &opts, &err);
	if (status < 0) {
		struct run_ctx ctx = { &vm, &devset, &coalesce, &stats,
				       opts.is_trace ? &trace : NULL, &trail };

		run_guest(&ctx, &res);
		coalesce_stop(&coalesce);
		if (opts.is_trace)
			fflush(trace.out);
		status = finish(&vm, &res, &opts);
		if (opts.stats != CLI_STATS_OFF)
			stats_print(&stats, &devset,
				    opts.stats == CLI_STATS_JSON, stderr);
	}
	if (trace.out && trace.out != stderr)
		fclose(trace.out);
	symtab_free(&symtab);
	devset_free(&devset);
	vm_destroy(&vm);
	load_close(&image);
	return status;
}
