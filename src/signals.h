/* SPDX-License-Identifier: MIT */
/* SIGINT, SIGTERM and the --timeout alarm: the handlers only record the
 * signal and make KVM_RUN return (immediate_exit); the run loop does the
 * rest. A closed standard output becomes EPIPE instead of SIGPIPE. */
#ifndef VMM_SRC_SIGNALS_H
#define VMM_SRC_SIGNALS_H

#include <signal.h>
#include <stdint.h>

/* Install the handlers; *kick (run_kick_flag) is set when one fires. */
int signals_install(volatile uint8_t *kick);

/* Arm a one-shot alarm after timeout_ms (0: never); 0 or a negative errno. */
int signals_arm_timeout(uint64_t timeout_ms);

/* The signal that asked the run to end (SIGINT, SIGTERM, SIGALRM for the
 * timeout), or 0. */
int signals_pending(void);

#endif
