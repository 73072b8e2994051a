/* SPDX-License-Identifier: MIT */
/*
 * The run object: one struct owns everything a run of one guest needs, and
 * the run is five named steps. create refuses what can be refused before a
 * VM exists; boot builds the VM, the devices and the host's side (signals,
 * terminal, threads: every thread starts here); run drives the vCPU to the
 * end; finish reports the end and picks the exit status; destroy undoes it
 * all, in the reverse order.
 */
#ifndef VMM_SRC_VMM_H
#define VMM_SRC_VMM_H

#include "../config/machine.h"
#include "../loader/loader.h"
#include "../loader/symbols.h"
#include "bootinfo.h"
#include "cli.h"
#include "coalesce.h"
#include "devices/devset.h"
#include "gdb/gdb.h"
#include "err.h"
#include "host_io.h"
#include "idle.h"
#include "run.h"
#include "signals.h"
#include "stats.h"
#include "term.h"
#include "trace.h"
#include "trail.h"
#include "vclock.h"
#include "vinput.h"
#include "vm.h"

struct vmm {
	const struct cli_opts *opts;
	int stdout_fd; /* the console's sink; -1 when standard output was
			* closed */
	struct machine machine;
	struct image image;
	struct symtab symtab;
	struct vmm_bootinfo bootinfo;
	struct vm vm;
	struct devset devset;
	struct host_input input;
	struct idle idle; /* waits for a guest that polls without news */
	struct vclock vclock; /* --clock virtual: the devices' time */
	struct vinput vinput; /* --clock virtual: input lines on it */
	struct term term;
	struct signals_timer timeout;
	struct signals_timer kick; /* interrupts: KVM_RUN returns at events */
	struct coalesce coalesce;
	struct stats stats;
	struct trace trace;
	struct trail trail; /* the last exits, for a bad end's report */
	struct gdb gdb;     /* --gdb: the stub, a run observer */
	struct run_ctx ctx;
	struct run_result res;
};

/*
 * Allocate a run object for opts (kept, not copied) and do everything that
 * can be refused before the VM exists: the trace filter, the machine file,
 * the image and its checks, the boot information, the trace file. Returns
 * 0 with *out set, or a negative errno with err set (status 2); *out is
 * then still set and must go to vmm_destroy.
 */
int vmm_create(struct vmm **out, const struct cli_opts *opts, int stdout_fd,
	       struct vmm_err *err);

/*
 * Build the VM and put the guest in it: KVM, the vCPU's entry state, the
 * signal handlers (before the terminal changes), the devices, the boot
 * information and the image, the host's side of the devices (input
 * reader, raw keys), the observers, the coalescing kick timer, the
 * timeout.
 * Returns 0, or the exit status with err set: 1 (host), 2 (memory that
 * long mode cannot map; err names the machine file's place).
 */
int vmm_boot(struct vmm *v, struct vmm_err *err);

/*
 * Run the guest to its end. Between two KVM_RUNs, when the guest has
 * written enough console bytes (COALESCE_AFTER_OUTS), register the
 * coalesced zones and run on: registering them is lazy on purpose, as it
 * makes the VM's teardown wait an SRCU grace period (bench/RESULTS.md).
 */
void vmm_run(struct vmm *v);

/* Flush the devices, report how the run ended on standard error (a bad
 * end with the last exits), print the --stats, and return vmm's exit
 * status (SPEC "How a run ends"). */
int vmm_finish(struct vmm *v);

/*
 * What must not wait for the process to end: the timers deleted, gdb's
 * connection closed, the input reader stopped, the terminal put back, the
 * trace file closed. The VM, guest memory and the allocations stay for
 * vmm_destroy, or for the kernel when vmm exits (main.c). Safe after any
 * step failed, and more than once; v may be NULL.
 */
void vmm_stop(struct vmm *v);

/* Undo everything, in reverse (vmm_stop first): safe after any step
 * failed; v may be NULL. */
void vmm_destroy(struct vmm *v);

#endif
