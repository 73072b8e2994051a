/* SPDX-License-Identifier: MIT */
/* The sandbox: one seccomp allow-list for every thread of a run. Each rule
 * says which part of vmm needs it; anything else raises SIGSYS, which names
 * the call and ends vmm with status 1. */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "sandbox.h"
#include "status.h"
#include "syscall_names.h"

/* Calls allowed with any arguments. */
static const struct sandbox_call {
	int nr;
	const char *why;
} sandbox_calls[] = {
	{ SCMP_SYS(futex), "threads: the input queue's lock and condition" },
	{ SCMP_SYS(rt_sigprocmask), "threads: glibc masks signals around its locks" },
	{ SCMP_SYS(rt_sigreturn), "signals: return from the SIGINT/SIGTERM/SIGALRM handlers" },
	{ SCMP_SYS(restart_syscall), "signals: a sleep interrupted by one goes on" },
	{ SCMP_SYS(clock_gettime), "the timer and --stats read the clock (vDSO; the call where the vDSO falls back)" },
	{ SCMP_SYS(clock_nanosleep), "the input reader waits while its ring is full" },
	{ SCMP_SYS(nanosleep), "the input reader waits while its ring is full (older glibc)" },
	{ SCMP_SYS(ppoll), "idle waiting: block until the next device event, input or a signal" },
	{ SCMP_SYS(timer_settime), "--timeout: disarm the timer at the end; the console's kick timer, armed once its zone is registered; the interrupt kick timer, armed at each device event" },
	{ SCMP_SYS(getpid), "pthread_kill: the end stops the input reader; with interrupts the reader kicks the vCPU thread" },
	{ SCMP_SYS(gettid), "pthread_kill: the end stops the input reader; with interrupts the reader kicks the vCPU thread" },
	{ SCMP_SYS(tgkill), "pthread_kill: the end stops the input reader; with interrupts the reader kicks the vCPU thread" },
	{ SCMP_SYS(timer_delete), "--timeout and the console's kick timer: deleted at the end" },
	{ SCMP_SYS(munmap), "the end: guest memory, the run area, freed buffers" },
	{ SCMP_SYS(madvise), "the end: glibc releases a joined thread's stack" },
	{ SCMP_SYS(brk), "malloc in libelf and stdio (symbols for a report)" },
	{ SCMP_SYS(close), "the end: the KVM and trace file descriptors" },
	{ SCMP_SYS(exit), "a helper thread ends" },
	{ SCMP_SYS(set_robust_list), "a helper thread's start, which may run after the filter is on" },
	{ SCMP_SYS(rseq), "a helper thread's start, which may run after the filter is on" },
	{ SCMP_SYS(exit_group), "vmm ends" },
};

/* The KVM ioctls the run makes on the vCPU: the loop, fault reports and
 * traces (registers, translations), #BP delivery on kvm_pvm, and
 * interrupts (KVM_INTERRUPT, machines with `irq` keys). */
static const unsigned long sandbox_vcpu_ioctls[] = {
	KVM_RUN, KVM_GET_REGS, KVM_SET_REGS, KVM_GET_SREGS, KVM_TRANSLATE,
	KVM_GET_VCPU_EVENTS, KVM_SET_VCPU_EVENTS, KVM_INTERRUPT,
};

/* --gdb only: the vCPU ioctls of a stop (gdb/target.c, gdb/regs.c),
 * besides the above. */
static const unsigned long sandbox_gdb_ioctls[] = {
	KVM_SET_GUEST_DEBUG, /* breakpoints, watchpoints, single step */
	KVM_GET_FPU,         /* the x87 registers */
};

/* Terminal ioctls on standard input: tcsetattr puts the settings back. */
static const unsigned long sandbox_tty_ioctls[] = {
	TCGETS, TCSETS, TCSETSW, TCSETSF,
};

static void *sandbox_ctx;
static void (*sandbox_on_violation)(void *ctx);

/* "N" in decimal into buf, no allocation; returns the length. */
static size_t sandbox_utoa(unsigned long n, char *buf)
{
	char tmp[24];
	size_t len = 0, i = 0;

	do
		tmp[len++] = (char)('0' + n % 10);
	while ((n /= 10) && len < sizeof(tmp));
	while (len)
		buf[i++] = tmp[--len];
	return i;
}

/* SIGSYS: async-signal-safe only. */
static void sandbox_sigsys(int sig, siginfo_t *si, void *uc)
{
	char msg[128] = "vmm: sandbox: forbidden system call ";
	size_t len = strlen(msg);
	unsigned nr = (unsigned)si->si_syscall;
	const char *name = nr < SANDBOX_NAMES_MAX && sandbox_names[nr]
				   ? sandbox_names[nr] : "unknown";

	(void)sig;
	(void)uc;
	if (sandbox_on_violation)
		sandbox_on_violation(sandbox_ctx);
	for (size_t i = 0; name[i] && len < sizeof(msg) - 32; i++)
		msg[len++] = name[i];
	msg[len++] = ' ';
	msg[len++] = '(';
	len += sandbox_utoa(nr, msg + len);
	msg[len++] = ')';
	msg[len++] = '\n';
	(void)!write(STDERR_FILENO, msg, len);
	_exit(VMM_EXIT_HOST);
}

static int sandbox_fd_rules(scmp_filter_ctx f, const struct sandbox_spec *s)
{
	int rc = 0;


	/* Guest input: the input thread reads standard input. */
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
			       SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)s->in_fd));
	/* Console output, messages, the trace: only the fds vmm writes. */
	for (unsigned i = 0; i < s->n_out; i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->out_fd[i]));
	for (size_t i = 0; i < sizeof(sandbox_vcpu_ioctls) /
				       sizeof(sandbox_vcpu_ioctls[0]); i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->vcpu_fd),
				       SCMP_A1(SCMP_CMP_EQ,
					       sandbox_vcpu_ioctls[i]));
	/* Idle waiting (idle.c): the input thread and the signal handlers
	 * write its eventfd, the vCPU thread reads it after a wake-up. */
	if (s->has_idle) {
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->wake_fd));
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->wake_fd));
	}
	/* The coalesced console's zone is registered once the guest has
	 * written enough (coalesce.c): on the VM fd. */
	if (s->has_watcher)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->vm_fd),
				       SCMP_A1(SCMP_CMP_EQ,
					       KVM_REGISTER_COALESCED_MMIO));
	for (size_t i = 0; s->is_tty_in && i < sizeof(sandbox_tty_ioctls) /
						       sizeof(sandbox_tty_ioctls[0]); i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->in_fd),
				       SCMP_A1(SCMP_CMP_EQ,
					       sandbox_tty_ioctls[i]));
	return rc;
}

/* --gdb: gdb's connection, accepted before the filter (gdb/gdb.c). */
static int sandbox_gdb_rules(scmp_filter_ctx f, const struct sandbox_spec *s)
{
	scmp_datum_t fd = (scmp_datum_t)s->gdb_fd;
	int rc = 0;

	if (!s->has_gdb)
		return 0;
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
	for (size_t i = 0; i < sizeof(sandbox_gdb_ioctls) /
				       sizeof(sandbox_gdb_ioctls[0]); i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       SCMP_A0(SCMP_CMP_EQ,
					       (scmp_datum_t)s->vcpu_fd),
				       SCMP_A1(SCMP_CMP_EQ,
					       sandbox_gdb_ioctls[i]));
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

static int sandbox_build(scmp_filter_ctx f, const struct sandbox_spec *s)
{
	int rc = 0;

	for (size_t i = 0; i < sizeof(sandbox_calls) / sizeof(sandbox_calls[0]);
	     i++)
		rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, sandbox_calls[i].nr, 0);
	rc |= sandbox_fd_rules(f, s);
	rc |= sandbox_gdb_rules(f, s);
#if defined(__SANITIZE_ADDRESS__)
	/* ASan's runtime, when a thread or the process ends; only in the
	 * sanitizer build of the tests (vmm itself runs unconfined there). */
	rc |= seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(sigaltstack), 0);
#endif
	rc |= sandbox_memory_rules(f);
	/* Every thread: none may escape by starting later (TSYNC). */
	rc |= seccomp_attr_set(f, SCMP_FLTATR_CTL_TSYNC, 1);
	return rc;
}

int sandbox_enter(const struct sandbox_spec *spec, struct vmm_err *err)
{
	struct sigaction sa = { .sa_sigaction = sandbox_sigsys,
				.sa_flags = SA_SIGINFO };
	scmp_filter_ctx f;
	int rc;

	sandbox_on_violation = spec->on_violation;
	sandbox_ctx = spec->ctx;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0)
		return err_set(err, -errno, "sandbox: cannot catch SIGSYS: %s",
			       strerror(errno));
	f = seccomp_init(SCMP_ACT_TRAP);
	if (!f)
		return err_set(err, -ENOMEM, "sandbox: cannot build the filter");
	rc = sandbox_build(f, spec);
	if (rc == 0)
		rc = seccomp_load(f);
	seccomp_release(f);
	if (rc < 0)
		return err_set(err, rc, "sandbox: cannot apply the filter: %s",
			       strerror(-rc));
	return 0;
}

unsigned sandbox_rule_count(const struct sandbox_spec *spec)
{
	return sizeof(sandbox_calls) / sizeof(sandbox_calls[0]) + 1 +
	       spec->n_out +
	       sizeof(sandbox_vcpu_ioctls) / sizeof(sandbox_vcpu_ioctls[0]) +
	       spec->has_watcher + (spec->has_idle ? 2 : 0) +
	       (spec->is_tty_in ? sizeof(sandbox_tty_ioctls) /
					  sizeof(sandbox_tty_ioctls[0])
				: 0) +
	       2;
}
