/* SPDX-License-Identifier: MIT */
/* vmm: the command line, then the run object's steps in order, and the
 * outcome as an exit status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "status.h"
#include "vmm.h"

/* Give closed standard descriptors a /dev/null stand-in, so /dev/kvm can
 * never become fd 1 and receive the guest's output. A closed standard
 * output stays an error: the console reports EBADF on its first write.
 * Returns the fd the console writes to. */
static int guard_std_fds(void)
{
	int stdout_fd = STDOUT_FILENO;

	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			continue;
		if (fd == STDOUT_FILENO)
			stdout_fd = -1;
	}
	return stdout_fd;
}

/* The run object, once the run is over: what vmm leaves to the exit.
 * volatile: a store nothing reads would be optimized away, and leak
 * checkers (LeakSanitizer, valgrind) would call the object lost. */
static struct vmm *volatile main_vmm;

int main(int argc, char **argv)
{
	struct cli_opts opts;
	struct vmm_err err = { 0 };
	struct vmm *v;
	int stdout_fd = guard_std_fds();
	int status;

	if (cli_parse(argc, argv, &opts, &err) < 0) {
		err_print(&err, stderr);
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
	if (vmm_create(&v, &opts, stdout_fd, &err) < 0) {
		err_print(&err, stderr);
		vmm_destroy(v);
		return VMM_EXIT_USAGE;
	}
	status = vmm_boot(v, &err);
	if (status) {
		err_print(&err, stderr);
		vmm_destroy(v);
		return status;
	}
	vmm_run(v);
	status = vmm_finish(v);
	/* The kernel tears the VM and its memory down at exit, all at once:
	 * cheaper than vmm_destroy unmapping and closing them one by one
	 * (bench/README.md, "Start-up"). main_vmm keeps the rest reachable
	 * for leak checkers. */
	main_vmm = v;
	vmm_stop(v);
	return status;
}
