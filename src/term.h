/* SPDX-License-Identifier: MIT */
/* The terminal on standard input: raw keys when the machine asks for them,
 * and the saved settings put back when the run object goes. */
#ifndef VMM_SRC_TERM_H
#define VMM_SRC_TERM_H

#include <termios.h>

struct term {
	int fd; /* -1: nothing to restore */
	struct termios saved;
};

/* Nothing saved yet. */
void term_init(struct term *t);

/*
 * If fd is a terminal, save its settings in t and switch it to raw keys: no
 * line editing and no echo, one byte at a time (signal keys such as Ctrl-C
 * still work). Returns 0 (also when fd is no terminal) or a negative errno.
 */
int term_raw_keys(struct term *t, int fd);

/* Put the saved settings back (idempotent). */
void term_restore(struct term *t);

#endif
