/* SPDX-License-Identifier: MIT */
/* The sandbox's allow-list, as libseccomp rules: one comment a rule says
 * which part of vmm needs it. Compiled at build time only (gen_sandbox_bpf),
 * into the BPF program that sandbox.c patches with a run's fds and loads. */
#include <seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>

#include <linux/kvm.h>

#include "sandbox_rules.h"

/* Calls allowed with any arguments. */
static const struct sandbox_call {
	int nr;
	const char *why;
} sandbox_calls[] = {
	{ SCMP_SYS(futex), "threads: the input queue's lock and condition" },
	{ SCMP_SYS(rt_sigprocmask),
	  "threads: glibc masks signals around its locks" },
	{ SCMP_SYS(rt_sigreturn),
	  "signals: return from the SIGINT/SIGTERM/SIGALRM handlers" },
	{ SCMP_SYS(restart_syscall),
	  "signals: a sleep interrupted by one goes on" },
	{ SCMP_SYS(clock_gettime),
	  "the timer and --stats read the clock (vDSO; the call where the vDSO falls back)" },
	{ SCMP_SYS(clock_nanosleep),
	  "the input reader waits while its ring is full" },
	{ SCMP_SYS(nanosleep),
	  "the input reader waits while its ring is full (older glibc)" },
	{ SCMP_SYS(ppoll),
	  "idle waiting: block until the next device event, input or a signal" },
	{ SCMP_SYS(timer_settime),
	  "--timeout: disarm the timer at the end; the console's kick timer, armed once its zone is registered; the interrupt kick timer, armed at each device event" },
	{ SCMP_SYS(getpid),
	  "pthread_kill: the end stops the input reader; with interrupts the reader kicks the vCPU thread" },
	{ SCMP_SYS(gettid),
	  "pthread_kill: the end stops the input reader; with interrupts the reader kicks the vCPU thread" },
	{ SCMP_SYS(tgkill),
	  "pthread_kill: the end stops the input reader; with interrupts the reader kicks the vCPU thread" },
	{ SCMP_SYS(timer_delete),
	  "--timeout and the console's kick timer: deleted at the end" },
	{ SCMP_SYS(munmap),
	  "the end: guest memory, the run area, freed buffers" },
	{ SCMP_SYS(madvise),
	  "the end: glibc releases a joined thread's stack" },
	{ SCMP_SYS(brk), "malloc in libelf and stdio (symbols for a report)" },
	{ SCMP_SYS(close), "the end: the KVM and trace file descriptors" },
	{ SCMP_SYS(exit), "a helper thread ends" },
	{ SCMP_SYS(set_robust_list),
	  "a helper thread's start, which may run after the filter is on" },
	{ SCMP_SYS(rseq),
	  "a helper thread's start, which may run after the filter is on" },
	{ SCMP_SYS(exit_group), "vmm ends" },
};

/* The KVM ioctls the run makes on the vCPU: the loop, fault reports and
 * traces (registers, translations), #BP delivery on kvm_pvm, and
 * interrupts (KVM_INTERRUPT, machines with `irq` keys). */
static const unsigned long sandbox_vcpu_ioctls[] = {
	KVM_RUN,       KVM_GET_REGS,        KVM_SET_REGS,        KVM_GET_SREGS,
	KVM_TRANSLATE, KVM_GET_VCPU_EVENTS, KVM_SET_VCPU_EVENTS, KVM_INTERRUPT,
};

/* --gdb only: the vCPU ioctls of a stop (gdb/target.c, gdb/regs.c),
 * besides the above. */
static const unsigned long sandbox_gdb_ioctls[] = {
	KVM_SET_GUEST_DEBUG, /* breakpoints, watchpoints, single step */
	KVM_GET_FPU,         /* the x87 registers */
};

/* Terminal ioctls on standard input: tcsetattr puts the settings back. */
static const unsigned long sandbox_tty_ioctls[] = {
	TCGETS,
	TCSETS,
	TCSETSW,
	TCSETSF,
};

/* The fd in a slot: a placeholder that sandbox.c replaces. */
static scmp_datum_t sandbox_fd(enum sandbox_slot slot)
{
	return SANDBOX_PLACEHOLDER(slot);
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Each ioctl of cmds, on fd only. */
static int sandbox_ioctl_rules(scmp_filter_ctx f, scmp_datum_t fd,
			       const unsigned long *cmds, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       SCMP_A0(SCMP_CMP_EQ, fd),
				       SCMP_A1(SCMP_CMP_EQ, cmds[i]));
	return rc;
}

/* One rule per fd-dependent permission; a rule whose slot is empty in a
 * run (no terminal, no coalescing, fewer outputs) gets an fd that cannot
 * exist (SANDBOX_FD_NONE), so it allows nothing that could succeed. */
static int sandbox_fd_rules(scmp_filter_ctx f)
{
	scmp_datum_t vcpu = sandbox_fd(SANDBOX_SLOT_VCPU);
	int rc = 0;

	/* Guest input: the input thread reads standard input. */
	rc |= seccomp_rule_add(
	        f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
	        SCMP_A0(SCMP_CMP_EQ, sandbox_fd(SANDBOX_SLOT_IN)));
	/* Console output, messages, the trace: only the fds vmm writes. */
	for (unsigned i = 0; i < SANDBOX_OUT_FDS; i++)
		rc |= seccomp_rule_add(
		        f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
		        SCMP_A0(SCMP_CMP_EQ,
		                sandbox_fd(SANDBOX_SLOT_OUT0 + i)));
	rc |= sandbox_ioctl_rules(f, vcpu, sandbox_vcpu_ioctls,
				  ARRAY_LEN(sandbox_vcpu_ioctls));
	/* Idle waiting (idle.c): the input thread and the signal handlers
	 * write its eventfd, the vCPU thread reads it after a wake-up. */
	rc |= seccomp_rule_add(
	        f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
	        SCMP_A0(SCMP_CMP_EQ, sandbox_fd(SANDBOX_SLOT_WAKE)));
	rc |= seccomp_rule_add(
	        f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
	        SCMP_A0(SCMP_CMP_EQ, sandbox_fd(SANDBOX_SLOT_WAKE)));
	/* The coalesced console's zone is registered once the guest has
	 * written enough (coalesce.c): on the VM fd. */
	rc |= seccomp_rule_add(
	        f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
	        SCMP_A0(SCMP_CMP_EQ, sandbox_fd(SANDBOX_SLOT_VM)),
	        SCMP_A1(SCMP_CMP_EQ, KVM_REGISTER_COALESCED_MMIO));
	/* Standard input again, when it is a terminal vmm changed. */
	rc |= sandbox_ioctl_rules(f, sandbox_fd(SANDBOX_SLOT_TTY),
				  sandbox_tty_ioctls,
				  ARRAY_LEN(sandbox_tty_ioctls));
	return rc;
}

/* --gdb: gdb's connection, accepted before the filter (gdb/gdb.c). */
static int sandbox_gdb_rules(scmp_filter_ctx f)
{
	scmp_datum_t fd = sandbox_fd(SANDBOX_SLOT_GDB);
	int rc = 0;

	/* Packets from and to gdb. */
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
	                       SCMP_A0(SCMP_CMP_EQ, fd));
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
	                       SCMP_A0(SCMP_CMP_EQ, fd));
	/* No more SIGIO once gdb is gone (F_SETFL before the close). */
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(fcntl), 1,
	                       SCMP_A0(SCMP_CMP_EQ, fd));
	/* Waiting for gdb's next byte at a stop (glibc's poll may be the
	 * poll call; ppoll is allowed for idle waiting already). */
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(poll), 0);
	rc |= sandbox_ioctl_rules(f, sandbox_fd(SANDBOX_SLOT_VCPU),
				  sandbox_gdb_ioctls,
				  ARRAY_LEN(sandbox_gdb_ioctls));
	return rc;
}

/* Memory for malloc (libelf, stdio) but never executable memory. */
static int sandbox_memory_rules(scmp_filter_ctx f)
{
	return seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
	                        SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) |
	       seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
	                        SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
}

int sandbox_rules_add(scmp_filter_ctx f, bool has_gdb)
{
	int rc = 0;

	for (size_t i = 0; i < ARRAY_LEN(sandbox_calls); i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, sandbox_calls[i].nr, 0);
	rc |= sandbox_fd_rules(f);
	if (has_gdb)
		rc |= sandbox_gdb_rules(f);
#if defined(__SANITIZE_ADDRESS__)
	/* ASan's runtime, when a thread or the process ends; only in the
	 * sanitizer build of the tests (vmm itself runs unconfined there). */
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(sigaltstack), 0);
#endif
	rc |= sandbox_memory_rules(f);
	return rc;
}

unsigned sandbox_rules_calls(void)
{
	return ARRAY_LEN(sandbox_calls);
}

unsigned sandbox_rules_vcpu_ioctls(void)
{
	return sizeof(sandbox_vcpu_ioctls) / sizeof(sandbox_vcpu_ioctls[0]);
}

unsigned sandbox_rules_tty_ioctls(void)
{
	return sizeof(sandbox_tty_ioctls) / sizeof(sandbox_tty_ioctls[0]);
}
