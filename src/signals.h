/* SPDX-License-Identifier: MIT */
/* SIGINT, SIGTERM, SIGHUP and the --timeout alarm: the handlers only record
 * the signal and make KVM_RUN return (immediate_exit); the run loop does
 * the rest. A closed standard output becomes EPIPE instead of SIGPIPE.
 * The one process-wide state of vmm lives here: the signal flag, with the
 * run area flag it kicks (a handler can reach nothing else). */
#ifndef VMM_SRC_SIGNALS_H
#define VMM_SRC_SIGNALS_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

/* The --timeout timer of one run. */
struct signals_timer {
	timer_t id;
	int is_armed;
};

/* Install the handlers; *kick (run_kick_flag) is set when one fires, until
 * signals_detach. 0 or a negative errno. */
int signals_install(volatile uint8_t *kick);

/* Also write 1 to eventfd fd when a handler runs, so an idle wait ends
 * (idle.c); -1: none. */
void signals_set_wake_fd(int fd);

/* Stop the handlers touching the kick flag (before the run area goes);
 * the signal flag stays. */
void signals_detach(void);

/* Arm a one-shot SIGALRM after timeout_ms (0: never); 0 or a negative
 * errno. */
int signals_arm_timeout(struct signals_timer *t, uint64_t timeout_ms);

/* Delete the timer, if armed (safe to call twice). */
void signals_disarm_timeout(struct signals_timer *t);

/* The signal that asked the run to end (SIGINT, SIGTERM, SIGHUP, SIGALRM
 * for the timeout), or 0. */
int signals_pending(void);

#endif
