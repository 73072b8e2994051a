/* SPDX-License-Identifier: MIT */
/* Raw keys on a terminal, and restoring it. */
#include <errno.h>
#include <unistd.h>

#include "term.h"

void term_init(struct term *t)
{
	t->fd = -1;
}

void term_restore(struct term *t)
{
	if (t->fd >= 0) {
		tcsetattr(t->fd, TCSAFLUSH, &t->saved);
		t->fd = -1;
	}
}

int term_raw_keys(struct term *t, int fd)
{
	struct termios raw;

	if (!isatty(fd))
		return 0;
	if (tcgetattr(fd, &t->saved) < 0)
		return -errno;
	raw = t->saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSAFLUSH, &raw) < 0)
		return -errno;
	t->fd = fd;
	return 0;
}
