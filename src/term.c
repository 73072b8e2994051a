/* SPDX-License-Identifier: MIT */
/* Raw keys on a terminal, and restoring it however vmm ends. */
#include <errno.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "term.h"

static struct termios term_saved;
static int term_fd = -1;

void term_restore(void)
{
	if (term_fd >= 0) {
		tcsetattr(term_fd, TCSAFLUSH, &term_saved);
		term_fd = -1;
	}
}

int term_raw_keys(int fd)
{
	struct termios raw;

	if (!isatty(fd))
		return 0;
	if (tcgetattr(fd, &term_saved) < 0)
		return -errno;
	raw = term_saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSAFLUSH, &raw) < 0)
		return -errno;
	term_fd = fd;
	atexit(term_restore);
	return 0;
}
