/* SPDX-License-Identifier: MIT */
/* The terminal on standard input: raw keys when the machine asks for them,
 * and the saved settings put back on every way out of vmm. */
#ifndef VMM_SRC_TERM_H
#define VMM_SRC_TERM_H

/*
 * If fd is a terminal, save its settings and switch it to raw keys: no line
 * editing and no echo, one byte at a time (signal keys such as Ctrl-C still
 * work). Registers term_restore with atexit. Returns 0 (also when fd is no
 * terminal) or a negative errno.
 */
int term_raw_keys(int fd);

/* Put the saved settings back (idempotent; async-signal-safe). */
void term_restore(void);

#endif
