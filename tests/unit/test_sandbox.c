/* SPDX-License-Identifier: MIT */
/* The sandbox in a child process: allowed calls work, a forbidden one ends
 * the child with status 1 and one line naming it, after on_violation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <linux/kvm.h>

#include <cmocka.h>

#include "src/sandbox.h"

static void flush_marker(void *ctx)
{
	(void)!write(STDERR_FILENO, ctx, strlen(ctx));
}

/* --gdb's connection in the child (sandboxed_gdb): a socket pair. */
static int gdb_pair[2] = { -1, -1 };

/* The child's vCPU fd (-1: none) and whether its stdin is a terminal to
 * restore: the slots the program gets patched with. */
static int child_vcpu_fd = -1;
static bool child_tty_in;

/* Run what() in a sandboxed child; return its status, stderr in err. */
static int sandboxed(void (*what)(void), char *err, size_t n)
{
	int fds[2], status = -1;
	ssize_t got, len = 0;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sandbox_spec s = {
			.vm_fd = -1, .vcpu_fd = child_vcpu_fd,
			.in_fd = STDIN_FILENO, .is_tty_in = child_tty_in,
			.out_fd = { STDOUT_FILENO, STDERR_FILENO }, .n_out = 2,
			.on_violation = flush_marker, .ctx = "partial line\n",
			.has_gdb = gdb_pair[0] >= 0, .gdb_fd = gdb_pair[0],
		};
		struct vmm_err e;

		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		if (sandbox_enter(&s, &e) < 0)
			_exit(99);
		what();
		_exit(0);
	}
	close(fds[1]);
	while ((got = read(fds[0], err + len, n - 1 - (size_t)len)) > 0)
		len += got;
	err[len] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void do_allowed(void)
{
	if (write(STDERR_FILENO, "ok\n", 3) != 3)
		_exit(98);
}

static void do_open(void)
{
	syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY);
}

static void do_exec(void)
{
	syscall(SYS_execve, "/bin/true", NULL, NULL);
}

static void do_socket(void)
{
	syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
}

static void do_write_elsewhere(void)
{
	syscall(SYS_write, 7, "x", 1);
}

static void do_poll_only(void)
{
	poll(NULL, 0, 0);
}

/* KVM_RUN on the "vCPU" fd (any fd: the filter only compares numbers) is
 * allowed; it fails, as the fd is no vCPU. */
static void do_kvm_run(void)
{
	if (ioctl(child_vcpu_fd, KVM_RUN, 0) != -1)
		_exit(98);
}

static void do_kvm_create_vcpu(void)
{
	ioctl(child_vcpu_fd, KVM_CREATE_VCPU, 0);
}

static void do_tcgets(void)
{
	struct termios t;

	(void)!ioctl(STDIN_FILENO, TCGETS, &t);
}

static void test_allowed_call_runs(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(sandboxed(do_allowed, err, sizeof(err)), 0);
	assert_string_equal(err, "ok\n");
}

static void check_forbidden(void (*what)(void), const char *line)
{
	char err[512], want[256];

	snprintf(want, sizeof(want), "partial line\n%s\n", line);
	assert_int_equal(sandboxed(what, err, sizeof(err)), 1);
	assert_string_equal(err, want);
}

/* What the gdb stub does at a stop: poll, read and write its connection,
 * and stop SIGIO before closing it. */
static void do_gdb_io(void)
{
	struct pollfd p = { .fd = gdb_pair[0], .events = POLLIN };
	char c;

	if (poll(&p, 1, -1) != 1 || read(gdb_pair[0], &c, 1) != 1 ||
	    write(gdb_pair[0], "+", 1) != 1 || fcntl(gdb_pair[0], F_SETFL, 0))
		_exit(98);
}

static void test_gdb_connection(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, gdb_pair), 0);
	assert_int_equal(write(gdb_pair[1], "$", 1), 1);
	assert_int_equal(sandboxed(do_gdb_io, err, sizeof(err)), 0);
	close(gdb_pair[0]);
	close(gdb_pair[1]);
	gdb_pair[0] = gdb_pair[1] = -1;
	/* Without --gdb the same calls are refused. */
	check_forbidden(do_poll_only, "vmm: sandbox: forbidden system call poll (7)");
}

static void test_forbidden_calls_end_it(void **state)
{
	(void)state;
	check_forbidden(do_open, "vmm: sandbox: forbidden system call openat (257)");
	check_forbidden(do_exec, "vmm: sandbox: forbidden system call execve (59)");
	check_forbidden(do_socket, "vmm: sandbox: forbidden system call socket (41)");
	check_forbidden(do_write_elsewhere,
			"vmm: sandbox: forbidden system call write (1)");
}

/* The run's fds are patched into the program built at build time: the
 * vCPU's ioctls on its fd only, the terminal's only when vmm changed it. */
static void test_fds_patched_in(void **state)
{
	char err[512];

	(void)state;
	child_vcpu_fd = open("/dev/null", O_RDONLY);
	assert_true(child_vcpu_fd >= 0);
	assert_int_equal(sandboxed(do_kvm_run, err, sizeof(err)), 0);
	check_forbidden(do_kvm_create_vcpu,
			"vmm: sandbox: forbidden system call ioctl (16)");
	close(child_vcpu_fd);
	child_vcpu_fd = -1;
	check_forbidden(do_tcgets, "vmm: sandbox: forbidden system call ioctl (16)");
	child_tty_in = true;
	assert_int_equal(sandboxed(do_tcgets, err, sizeof(err)), 0);
	child_tty_in = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed_call_runs),
		cmocka_unit_test(test_forbidden_calls_end_it),
		cmocka_unit_test(test_gdb_connection),
		cmocka_unit_test(test_fds_patched_in),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
