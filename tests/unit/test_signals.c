// SPDX-License-Identifier: MIT
/* signals_wait_in, the wait outside KVM_RUN (vmm --gdb's wait for gdb):
 * it ends when its file descriptor is readable, and when a signal that
 * ends the run arrives, before or during the wait. The recorded signal
 * cannot be taken back, so the tests run in this order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/signals.h"

static volatile uint8_t kick;
static int fds[2];

static int setup(void **state)
{
	(void)state;
	return signals_install(&kick) < 0 || pipe(fds) < 0 ? -1 : 0;
}

static void readable_ends_the_wait(void **state)
{
	(void)state;
	assert_int_equal(write(fds[1], "x", 1), 1);
	assert_int_equal(signals_wait_in(fds[0]), 1);
	assert_int_equal(signals_pending(), 0);
}

/* The --timeout timer fires during the wait (the pipe is drained). */
static void timeout_ends_the_wait(void **state)
{
	struct signals_timer t = { 0 };
	char c;

	(void)state;
	assert_int_equal(read(fds[0], &c, 1), 1);
	assert_int_equal(signals_arm_timeout(&t, 50), 0);
	assert_int_equal(signals_wait_in(fds[0]), 0);
	assert_int_equal(signals_pending(), SIGALRM);
	assert_int_equal(kick, 1);
	signals_disarm_timeout(&t);
}

/* A signal already recorded: no wait at all. */
static void pending_signal_waits_not(void **state)
{
	(void)state;
	assert_int_equal(signals_wait_in(fds[0]), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readable_ends_the_wait),
		cmocka_unit_test(timeout_ends_the_wait),
		cmocka_unit_test(pending_signal_waits_not),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
