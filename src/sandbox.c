/* SPDX-License-Identifier: MIT */
/* The sandbox: one seccomp allow-list for every thread of a run, compiled
 * at build time (sandbox_rules.c, gen_sandbox_bpf.c) and loaded here with
 * the run's fds patched in. Anything else raises SIGSYS, which names the
 * call and ends vmm with status 1. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include "sandbox.h"
#include "sandbox_rules.h"
#include "status.h"
#include "syscall_names.h"

/* Where the generated program compares an argument with a slot's fd. */
struct sandbox_patch {
	uint16_t at;  /* instruction index */
	uint8_t slot; /* enum sandbox_slot */
};

#include "sandbox_bpf.h"

#define SANDBOX_LEN(a) (sizeof(a) / sizeof((a)[0]))

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

static uint32_t sandbox_fd_or_none(bool is_used, int fd)
{
	return is_used && fd >= 0 ? (uint32_t)fd : SANDBOX_FD_NONE;
}

/* Each slot's fd in this run, SANDBOX_FD_NONE where it has none. */
static void sandbox_slots(const struct sandbox_spec *s,
                          uint32_t fd[SANDBOX_SLOTS])
{
	for (unsigned i = 0; i < SANDBOX_OUT_FDS; i++)
		fd[SANDBOX_SLOT_OUT0 + i] =
		        sandbox_fd_or_none(i < s->n_out, s->out_fd[i]);
	fd[SANDBOX_SLOT_IN] = sandbox_fd_or_none(true, s->in_fd);
	fd[SANDBOX_SLOT_TTY] = sandbox_fd_or_none(s->is_tty_in, s->in_fd);
	fd[SANDBOX_SLOT_WAKE] = sandbox_fd_or_none(s->has_idle, s->wake_fd);
	fd[SANDBOX_SLOT_VM] = sandbox_fd_or_none(s->has_coalescing, s->vm_fd);
	fd[SANDBOX_SLOT_VCPU] = sandbox_fd_or_none(true, s->vcpu_fd);
	fd[SANDBOX_SLOT_GDB] = sandbox_fd_or_none(s->has_gdb, s->gdb_fd);
}

/* The run's program into insns (room for the longer one); its length. */
static unsigned short sandbox_program(const struct sandbox_spec *s,
                                      struct sock_filter *insns)
{
	const struct sock_filter *bpf = sandbox_bpf_plain;
	const struct sandbox_patch *patch = sandbox_bpf_plain_patch;
	size_t n = SANDBOX_LEN(sandbox_bpf_plain);
	size_t npatch = SANDBOX_LEN(sandbox_bpf_plain_patch);
	uint32_t fd[SANDBOX_SLOTS];

	if (s->has_gdb) {
		bpf = sandbox_bpf_gdb;
		patch = sandbox_bpf_gdb_patch;
		n = SANDBOX_LEN(sandbox_bpf_gdb);
		npatch = SANDBOX_LEN(sandbox_bpf_gdb_patch);
	}
	sandbox_slots(s, fd);
	memcpy(insns, bpf, n * sizeof(insns[0]));
	for (size_t i = 0; i < npatch; i++)
		insns[patch[i].at].k = fd[patch[i].slot];
	return (unsigned short)n;
}

int sandbox_enter(const struct sandbox_spec *spec, struct vmm_err *err)
{
	struct sigaction sa = { .sa_sigaction = sandbox_sigsys,
				.sa_flags = SA_SIGINFO };
	struct sock_filter insns[SANDBOX_LEN(sandbox_bpf_plain) >
	                                         SANDBOX_LEN(sandbox_bpf_gdb)
	                                 ? SANDBOX_LEN(sandbox_bpf_plain)
	                                 : SANDBOX_LEN(sandbox_bpf_gdb)];
	struct sock_fprog prog = { .filter = insns };
	long rc;

	sandbox_on_violation = spec->on_violation;
	sandbox_ctx = spec->ctx;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0)
		return err_set(err, -errno, "sandbox: cannot catch SIGSYS: %s",
			       strerror(errno));
	prog.len = sandbox_program(spec, insns);
	/* Without privileges, seccomp needs no_new_privs first. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return err_set(err, -errno,
		               "sandbox: cannot apply the filter: %s",
		               strerror(errno));
	/* Every thread: none may escape by starting later (TSYNC). A thread
	 * that cannot take the filter makes the call return its id. */
	rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	             SECCOMP_FILTER_FLAG_TSYNC, &prog);
	if (rc != 0)
		return err_set(err, rc < 0 ? -errno : -EAGAIN,
		               "sandbox: cannot apply the filter: %s",
		               strerror(rc < 0 ? errno : EAGAIN));
	return 0;
}

unsigned sandbox_rule_count(const struct sandbox_spec *spec)
{
	return SANDBOX_N_CALLS + 1 + spec->n_out + SANDBOX_N_VCPU_IOCTLS +
	       spec->has_coalescing + (spec->has_idle ? 2 : 0) +
	       (spec->is_tty_in ? SANDBOX_N_TTY_IOCTLS : 0) + 2;
}
