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

/* Kicks the vCPU thread out of KVM_RUN for an interrupt: its handler only
 * sets the kick flag (immediate_exit). Sent by the kick timer and by the
 * input reader (pthread_kill). */
#define SIGNALS_KICK (SIGRTMIN + 3)

/* The --timeout timer of one run; also the interrupt kick timer. */
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

/* Wait until fd is readable or a signal that ends the run arrives (after
 * signals_install): 1 readable, 0 a signal (signals_pending names it), or
 * a negative errno. For waits outside KVM_RUN, which the kick cannot end. */
int signals_wait_in(int fd);

/* Arm a one-shot SIGALRM after timeout_ms (0: never); 0 or a negative
 * errno. */
int signals_arm_timeout(struct signals_timer *t, uint64_t timeout_ms);

/* Install handler for signo and create a CLOCK_MONOTONIC timer, in *id,
 * that sends signo to the calling thread (the vCPU thread), disarmed: the
 * kicks that make KVM_RUN return. 0 or a negative errno. */
int signals_thread_timer(int signo, void (*handler)(int), timer_t *id);

/* Install SIGNALS_KICK's handler and create a timer that sends it to the
 * calling thread (the vCPU thread), disarmed. 0 or a negative errno. */
int signals_kick_create(struct signals_timer *t);

/* Send SIGNALS_KICK at CLOCK_MONOTONIC time at_ns (UINT64_MAX: never).
 * 0 or a negative errno. */
int signals_kick_at(struct signals_timer *t, uint64_t at_ns);

/* Delete the timer, if armed (safe to call twice). */
void signals_disarm_timeout(struct signals_timer *t);

/* The signal that asked the run to end (SIGINT, SIGTERM, SIGHUP, SIGALRM
 * for the timeout), or 0. */
int signals_pending(void);

#endif
