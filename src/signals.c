/* SPDX-License-Identifier: MIT */
/* Signal handlers that only set a flag and kick the vCPU out of KVM_RUN. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"

static volatile uint8_t *volatile signals_kick;
static volatile sig_atomic_t signals_signo;
static volatile sig_atomic_t signals_wake_fd = -1;

static void signals_handler(int signo)
{
	if (!signals_signo)
		signals_signo = signo;
	/* KVM_RUN returns at once (EINTR) if we are not inside it yet. */
	if (signals_kick)
		*signals_kick = 1;
	/* An idle wait (idle.c) ends too; write is async-signal-safe. */
	if (signals_wake_fd >= 0) {
		int saved = errno;
		uint64_t one = 1;

		(void)!write(signals_wake_fd, &one, sizeof(one));
		errno = saved;
	}
}

void signals_set_wake_fd(int fd)
{
	signals_wake_fd = fd;
}

static const int signals_ends_run[] = { SIGINT, SIGTERM, SIGALRM, SIGHUP };
#define SIGNALS_ENDS_RUN_N                                                     \
	(sizeof(signals_ends_run) / sizeof(signals_ends_run[0]))

int signals_install(volatile uint8_t *kick)
{
	struct sigaction sa;

	signals_kick = kick;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) < 0)
		return -errno;
	sa.sa_handler = signals_handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < SIGNALS_ENDS_RUN_N; i++)
		if (sigaction(signals_ends_run[i], &sa, NULL) < 0)
			return -errno;
	return 0;
}

int signals_wait_in(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	sigset_t ends, old;
	int rc = 0;

	/* Blocked until ppoll unblocks them atomically: a signal that comes
	 * just before the wait still ends it (no lost wake-up). */
	sigemptyset(&ends);
	for (size_t i = 0; i < SIGNALS_ENDS_RUN_N; i++)
		sigaddset(&ends, signals_ends_run[i]);
	pthread_sigmask(SIG_BLOCK, &ends, &old);
	while (!signals_pending() && rc == 0) {
		int n = ppoll(&p, 1, NULL, &old);

		if (n > 0)
			rc = 1;
		else if (n < 0 && errno != EINTR)
			rc = -errno;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

void signals_detach(void)
{
	signals_kick = NULL;
}

int signals_arm_timeout(struct signals_timer *t, uint64_t timeout_ms)
{
	struct sigevent sev;
	struct itimerspec its;

	if (timeout_ms == 0)
		return 0;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	if (timer_create(CLOCK_MONOTONIC, &sev, &t->id) < 0)
		return -errno;
	t->is_armed = 1;
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = (time_t)(timeout_ms / 1000);
	its.it_value.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
	if (timer_settime(t->id, 0, &its, NULL) < 0)
		return -errno;
	return 0;
}

void signals_disarm_timeout(struct signals_timer *t)
{
	if (!t->is_armed)
		return;
	timer_delete(t->id);
	t->is_armed = 0;
}

/* Only the kick: no signal is recorded, the run goes on. */
static void signals_kick_handler(int signo)
{
	(void)signo;
	if (signals_kick)
		*signals_kick = 1;
}

int signals_thread_timer(int signo, void (*handler)(int), timer_t *id)
{
	struct sigaction sa;
	struct sigevent sev;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(signo, &sa, NULL) < 0)
		return -errno;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = signo;
	sev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &sev, id) < 0)
		return -errno;
	return 0;
}

int signals_kick_create(struct signals_timer *t)
{
	int rc = signals_thread_timer(SIGNALS_KICK, signals_kick_handler,
				      &t->id);

	if (rc == 0)
		t->is_armed = 1;
	return rc;
}

int signals_kick_at(struct signals_timer *t, uint64_t at_ns)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	if (at_ns != UINT64_MAX) {
		/* 0 would disarm: the earliest real time instead. */
		its.it_value.tv_sec = (time_t)(at_ns / 1000000000u);
		its.it_value.tv_nsec = (long)(at_ns % 1000000000u);
		if (!at_ns)
			its.it_value.tv_nsec = 1;
	}
	if (timer_settime(t->id, TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	return 0;
}

int signals_pending(void)
{
	return signals_signo;
}
