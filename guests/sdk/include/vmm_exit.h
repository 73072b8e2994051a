/* SPDX-License-Identifier: MIT */
/*
 * Ending the run: the exit device makes vmm exit with status & 0xff (SPEC
 * "Exit device"). With no exit device in the machine, the guest halts, and
 * vmm exits with status 0 whatever the code was.
 */
#ifndef VMM_GUEST_EXIT_H
#define VMM_GUEST_EXIT_H

/* End the run with status code & 0xff; never returns. */
__attribute__((noreturn)) void vmm_exit(int code);

/* Halt for good (vmm treats hlt as the end of the run, status 0). */
__attribute__((noreturn)) void vmm_halt(void);

#endif
