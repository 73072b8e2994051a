// SPDX-License-Identifier: MIT
/* Idle waiting: the detector's count, and waits that end on the next
 * device event, on input, or not at all when nothing can change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/devices/devset.h"
#include "src/host_io.h"
#include "src/idle.h"

#include "fake_event_dev.h"

struct fixture {
	struct devset ds;
	struct host_input in;
	struct idle idle;
};

static int setup(void **state)
{
	static struct fixture f;
	struct vmm_err err = { 0 };

	memset(&f, 0, sizeof(f));
	devset_init(&f.ds);
	assert_int_equal(devset_add(&f.ds, &fake_desc, NULL, &err), 0);
	host_input_init(&f.in, -1);
	assert_int_equal(idle_init(&f.idle, &f.in), 0);
	fake_next_ns = DEV_NO_EVENT;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	idle_close(&f->idle);
	devset_free(&f->ds);
	return 0;
}

/* Only IDLE_AFTER_READS unchanged reads in a row ask for a wait, of one
 * register or of several; a new value or another exit starts the count
 * again. */
static void test_streak(void **state)
{
	struct fixture *f = *state;
	unsigned i;

	assert_false(idle_note_read(&f->idle, 2, 5));
	for (i = 1; i < IDLE_AFTER_READS; i++)
		assert_false(idle_note_read(&f->idle, 1, 0));
	assert_true(idle_note_read(&f->idle, 2, 5));
	assert_false(idle_note_read(&f->idle, 2, 6));
	for (i = 1; i < IDLE_AFTER_READS; i++)
		assert_false(idle_note_read(&f->idle, 1, 0));
	assert_true(idle_note_read(&f->idle, 1, 0));
	assert_false(idle_note_read(&f->idle, 1, 3));
	idle_other(&f->idle);
	for (i = 1; i < IDLE_AFTER_READS; i++)
		assert_false(idle_note_read(&f->idle, 1, 3));
	idle_other(&f->idle);
	assert_false(idle_note_read(&f->idle, 1, 3));
}

/* No event and no input to come: no wait at all (the guest spins as
 * before; it could never be woken). */
static void test_nothing_can_change(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(idle_wait(&f->idle, &f->ds), 0);
	assert_int_equal(f->idle.waits, 0);
}

/* An event that is due already (a period end that came while the guest
 * was still polling) ends no wait: the guest sees it on its next read. */
static void test_past_event_only(void **state)
{
	struct fixture *f = *state;

	fake_next_ns = host_now_ns(NULL) - 1000000u;
	assert_int_equal(idle_wait(&f->idle, &f->ds), 0);
	assert_int_equal(f->idle.waits, 0);
}

/* The wait ends at the next event, not before. */
static void test_waits_for_event(void **state)
{
	struct fixture *f = *state;
	uint64_t t0 = host_now_ns(NULL);

	fake_next_ns = t0 + 20000000u;
	assert_int_equal(idle_wait(&f->idle, &f->ds), 0);
	assert_true(host_now_ns(NULL) >= fake_next_ns);
	assert_int_equal(f->idle.waits, 1);
}

/* A wake-up written before the wait (input came while the guest ran)
 * ends it at once, and only once. */
static void test_wake_before_wait(void **state)
{
	struct fixture *f = *state;
	uint64_t one = 1;

	fake_next_ns = host_now_ns(NULL) + 20000000u;
	assert_int_equal(write(f->idle.wake_fd, &one, sizeof(one)), 8);
	assert_int_equal(idle_wait(&f->idle, &f->ds), 0);
	assert_true(host_now_ns(NULL) < fake_next_ns);
	assert_int_equal(idle_wait(&f->idle, &f->ds), 0);
	assert_true(host_now_ns(NULL) >= fake_next_ns);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_streak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_can_change, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_past_event_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_waits_for_event, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_wake_before_wait, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
