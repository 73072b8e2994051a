/* SPDX-License-Identifier: MIT */
/* The run loop: KVM_RUN, dispatch each exit, and say how the run ended. */
#ifndef VMM_SRC_RUN_H
#define VMM_SRC_RUN_H

#include <stdbool.h>

#include "coalesce.h"
#include "devices/devset.h"
#include "stats.h"
#include "trace.h"
#include "trail.h"
#include "vm.h"

enum run_end {
	RUN_HLT,         /* the guest executed hlt */
	RUN_EXIT_DEVICE, /* the exit device asked for status */
	RUN_FAULT,       /* the guest did something vmm cannot serve */
	RUN_SIGNAL,      /* SIGINT, SIGTERM, SIGHUP or the timeout (SIGALRM) */
	RUN_HOST_ERROR,  /* KVM or a host write failed */
};

#define RUN_WHAT_MAX 256

struct run_result {
	enum run_end end;
	int status; /* RUN_EXIT_DEVICE: the exit device's status */
	int signo;  /* RUN_SIGNAL */
	int err;    /* RUN_HOST_ERROR: negative errno */
	char what[RUN_WHAT_MAX]; /* RUN_FAULT, RUN_HOST_ERROR: what happened */
	bool is_exception; /* RUN_FAULT: a CPU exception the default IDT caught */
	unsigned vector;   /* its vector, 0-31 */
};

struct run_ctx {
	struct vm *vm;
	struct devset *ds;
	struct coalesce *coalesce; /* drained after every KVM_RUN */
	struct stats *stats;       /* counted always; timed when is_timed */
	const struct trace *trace; /* NULL: not tracing */
	struct trail *trail;       /* the last exits, for the report */
};

/*
 * Run the vCPU until the guest halts, exits, faults, a signal arrives or the
 * host fails; fill res. Coalesced OUTs are drained after every return from
 * KVM_RUN, before the exit is handled, so every device sees accesses in
 * guest order. The devices are not finished here (main flushes them
 * whatever the outcome). The exit path allocates nothing.
 */
void run_guest(struct run_ctx *c, struct run_result *res);

/* Ask KVM to copy the registers into the run area on every exit, so a
 * trace reads RIP without a syscall and the run loop keeps the last state
 * seen in vm->seen_regs; 0, -ENOTSUP or -ENOMEM. */
int run_sync_regs(struct vm *vm);

#endif
