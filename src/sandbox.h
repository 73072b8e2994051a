/* SPDX-License-Identifier: MIT */
/* The sandbox: after set-up, before the guest's first instruction, vmm
 * confines all its threads to the system calls a run needs (seccomp,
 * through libseccomp). docs/robustness.md lists them and why. */
#ifndef VMM_SRC_SANDBOX_H
#define VMM_SRC_SANDBOX_H

#include <stdbool.h>

#include "err.h"

#define SANDBOX_OUT_FDS 4

struct sandbox_spec {
	int vm_fd, vcpu_fd; /* the only fds ioctl may use, with KVM's numbers */
	int in_fd;          /* standard input: read by the input thread */
	int out_fd[SANDBOX_OUT_FDS]; /* where vmm writes: stdout, stderr, ... */
	unsigned n_out;
	bool is_tty_in;     /* restore the terminal on in_fd at the end */
	bool has_coalescing;   /* the coalesced console may register its zone */
	bool has_idle;      /* idle waiting (idle.c) on wake_fd */
	int wake_fd;        /* its eventfd, read and written */
	bool has_gdb;       /* --gdb: gdb_fd is gdb's connection */
	int gdb_fd;
	/* Called from the SIGSYS handler before vmm exits: write out what the
	 * guest printed (async-signal-safe calls only). May be NULL. */
	void (*on_violation)(void *ctx);
	void *ctx;
};

/*
 * Apply the filter to every thread of the process (all must exist: no
 * thread may start afterwards). A forbidden call ends vmm with the line
 * "vmm: sandbox: forbidden system call NAME (NR)" and status 1, after
 * on_violation. Returns 0, or a negative errno with err set.
 */
int sandbox_enter(const struct sandbox_spec *spec, struct vmm_err *err);

/* How many rules the filter has (for --stats and the docs). */
unsigned sandbox_rule_count(const struct sandbox_spec *spec);

#endif
