/* SPDX-License-Identifier: MIT */
/*
 * measure: run one command and report its wall time and peak RSS, for
 * bench/run. No shell and no /usr/bin/time in between, and a clock with
 * nanosecond resolution.
 *
 *     measure [-o OUT] -- COMMAND [ARGS...]
 *
 * The command's standard input is /dev/null, its standard output OUT
 * (default /dev/null, truncated), its standard error ours. Prints one line,
 *
 *     WALL_NS MAXRSS_KIB STATUS OUT_BYTES CPU_NS
 *
 * wall time from just before fork to just after the child is reaped, the
 * child's ru_maxrss, its exit status (128 + N when killed by signal N), the
 * size of OUT afterwards, and the CPU time (user + system, all threads)
 * the child used. Exits 0 whatever the command did.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t tv_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000ull +
	       (uint64_t)tv->tv_usec * 1000ull;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child(const char *out, char **cmd)
{
	int in_fd = open("/dev/null", O_RDONLY);
	int out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (in_fd < 0 || out_fd < 0 || dup2(in_fd, STDIN_FILENO) < 0 ||
	    dup2(out_fd, STDOUT_FILENO) < 0)
		_exit(126);
	close(in_fd);
	close(out_fd);
	execv(cmd[0], cmd);
	_exit(127);
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null";
	struct rusage ru;
	struct stat st;
	uint64_t t0, t1;
	int argi = 1, wstatus, status;
	pid_t pid;

	if (argc > 3 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		argi = 3;
	}
	if (argi >= argc || strcmp(argv[argi], "--") != 0 || argi + 1 >= argc) {
		fprintf(stderr,
		        "usage: measure [-o OUT] -- COMMAND [ARGS...]\n");
		return 2;
	}
	argi++;
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 1;
	}
	if (pid == 0)
		child(out, argv + argi);
	if (wait4(pid, &wstatus, 0, &ru) < 0) {
		perror("measure: wait4");
		return 1;
	}
	t1 = now_ns();
	status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
	                            : 128 + WTERMSIG(wstatus);
	if (stat(out, &st) < 0)
		st.st_size = 0;
	printf("%llu %ld %d %lld %llu\n", (unsigned long long)(t1 - t0),
	       ru.ru_maxrss, status, (long long)st.st_size,
	       (unsigned long long)(tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime)));
	return 0;
}
