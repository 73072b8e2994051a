/* SPDX-License-Identifier: MIT */
/* The sandbox's allow-list as libseccomp rules, for the build-time
 * generator (gen_sandbox_bpf.c), and the fd slots its program leaves for
 * sandbox.c to fill in at run time. */
#ifndef VMM_SRC_SANDBOX_RULES_H
#define VMM_SRC_SANDBOX_RULES_H

#include <seccomp.h>
#include <stdbool.h>

#include "sandbox.h"

/* The fds a rule can name. The generated program compares each with a
 * placeholder that sandbox.c replaces with the run's fd, or with
 * SANDBOX_FD_NONE when the run has no such fd. */
enum sandbox_slot {
	SANDBOX_SLOT_OUT0, /* out_fd[0 .. SANDBOX_OUT_FDS) */
	SANDBOX_SLOT_IN = SANDBOX_SLOT_OUT0 + SANDBOX_OUT_FDS, /* read */
	SANDBOX_SLOT_TTY,  /* terminal ioctls: in_fd when is_tty_in */
	SANDBOX_SLOT_WAKE, /* the idle eventfd, when has_idle */
	SANDBOX_SLOT_VM,   /* the coalesced zone, when has_coalescing */
	SANDBOX_SLOT_VCPU, /* the vCPU ioctls */
	SANDBOX_SLOT_GDB,  /* gdb's connection (the --gdb program only) */
	SANDBOX_SLOTS
};

/* Far from any fd, syscall number, ioctl number or flag in the program
 * (gen_sandbox_bpf checks that each appears only as an fd comparison). */
#define SANDBOX_PLACEHOLDER(slot) (0x5ecc0f00u + (unsigned)(slot))

/* The lower half of an argument is compared with this for an empty slot
 * (its upper half with 0): the kernel reads it as fd 4294967295, which
 * cannot exist, so such a call could only fail with EBADF. */
#define SANDBOX_FD_NONE 0xffffffffu

/*
 * Add the allow-list to f, with every fd a placeholder: every rule of a
 * run, whatever its spec (rules for fds a run lacks are emptied at run
 * time), and with has_gdb the rules of --gdb. Returns 0, or a negative
 * errno from libseccomp.
 */
int sandbox_rules_add(scmp_filter_ctx f, bool has_gdb);

/* The sizes of the lists, for the rule count (--stats). */
unsigned sandbox_rules_calls(void);
unsigned sandbox_rules_vcpu_ioctls(void);
unsigned sandbox_rules_tty_ioctls(void);

#endif
