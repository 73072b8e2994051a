/* SPDX-License-Identifier: MIT */
/* Interval timer unit tests: through timer_desc, on a fake clock the test
 * moves by hand (no sleeping). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/devices/devices.h"
#include "src/devices/timer.h"

#define MS 1000000ull /* ns */

enum { INTERVAL, CONTROL }; /* the registers, in timer_desc.ports order */

struct clock {
	uint64_t now_ns;
	unsigned calls;
};

struct fixture {
	struct clock clock;
	struct dev_env env;
	void *timer;
};

static uint64_t clock_now(void *ctx)
{
	struct clock *c = ctx;

	c->calls++;
	return c->now_ns;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->clock.now_ns = 5 * MS; /* not 0: a zero deadline would hide bugs */
	f->env.now_ns = clock_now;
	f->env.clock_ctx = &f->clock;
	f->timer = calloc(1, timer_desc.state_size);
	assert_non_null(f->timer);
	assert_int_equal(timer_desc.init(f->timer, &f->env), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->timer);
	free(f);
	return 0;
}

static uint32_t tin(struct fixture *f, unsigned reg)
{
	uint32_t val = 0xdeadbeef;

	assert_int_equal(timer_desc.in(f->timer, reg, 1, &val), 0);
	return val;
}

static void tout(struct fixture *f, unsigned reg, uint32_t val)
{
	assert_int_equal(timer_desc.out(f->timer, reg, 4, val), 0);
}

static void advance(struct fixture *f, uint64_t ns)
{
	f->clock.now_ns += ns;
}

static void stats_are(struct fixture *f, uint64_t fired, uint64_t lost)
{
	struct timer_stats st;

	timer_get_stats(f->timer, &st);
	assert_int_equal(st.fired, fired);
	assert_int_equal(st.lost, lost);
}

#define ON    VMM_TIMER_ENABLE
#define FIRED VMM_TIMER_FIRED

static void test_descriptor(void **state)
{
	(void)state;
	assert_string_equal(timer_desc.name, "timer");
	assert_int_equal(timer_desc.nports, 2);
	assert_string_equal(timer_desc.ports[0].key, "interval_port");
	assert_int_equal(timer_desc.ports[0].reg, INTERVAL);
	assert_int_equal(timer_desc.ports[0].abi_slot, VMM_PORT_TIMER_INTERVAL);
	assert_string_equal(timer_desc.ports[1].key, "control_port");
	assert_int_equal(timer_desc.ports[1].reg, CONTROL);
	assert_int_equal(timer_desc.ports[1].abi_slot, VMM_PORT_TIMER_CONTROL);
	assert_ptr_equal(devices_find("timer"), &timer_desc);
}

static void test_disabled_never_fires(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	advance(f, 1000 * MS);
	assert_int_equal(tin(f, CONTROL), 0);
	assert_int_equal(tin(f, INTERVAL), 10);
	/* Untouched or disabled, the timer never reads the clock. */
	assert_int_equal(f->clock.calls, 0);
	stats_are(f, 0, 0);
}

static void test_enable_fire_ack(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 10 * MS - 1);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 1);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	/* Writing back 0x1 acks and keeps running. */
	tout(f, CONTROL, ON);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 10 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	/* So does writing 0x3. */
	tout(f, CONTROL, ON | FIRED);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 10 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 3, 0);
	/* Writing 0 acks and stops. */
	tout(f, CONTROL, 0);
	assert_int_equal(tin(f, CONTROL), 0);
	advance(f, 1000 * MS);
	assert_int_equal(tin(f, CONTROL), 0);
	stats_are(f, 3, 0);
}

/* Periods follow the start, not the acks. */
static void test_period_phase_kept(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 15 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	tout(f, CONTROL, ON);
	advance(f, 5 * MS - 1);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 1);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 2, 0);
}

/* A period that ended before a control write is acked by it. */
static void test_write_acks_unseen_event(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 15 * MS);
	tout(f, CONTROL, ON);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 5 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 2, 0);
}

static void test_enable_again_starts_from_now(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 5 * MS);
	tout(f, CONTROL, 0);
	advance(f, 100 * MS);
	tout(f, CONTROL, ON);
	advance(f, 10 * MS - 1);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 1);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 1, 0);
}

/* Writing enable while enabled does not restart the period. */
static void test_enable_while_running_keeps_period(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 8 * MS);
	tout(f, CONTROL, ON);
	advance(f, 2 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
}

static void test_interval_write_restarts(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 8 * MS);
	tout(f, INTERVAL, 10);
	advance(f, 4 * MS);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 6 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	/* A new period length takes effect from the write. */
	tout(f, CONTROL, ON);
	advance(f, 1 * MS);
	tout(f, INTERVAL, 3);
	advance(f, 3 * MS - 1);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 1);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 2, 0);
}

/* Periods of the old interval that ended before the write still count. */
static void test_interval_write_counts_ended_periods(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, ON);
	advance(f, 35 * MS);
	tout(f, INTERVAL, 100);
	stats_are(f, 1, 2);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
}

static void test_period_zero_never_fires(void **state)
{
	struct fixture *f = *state;

	tout(f, CONTROL, ON);
	advance(f, 3600000 * MS);
	assert_int_equal(tin(f, CONTROL), ON);
	stats_are(f, 0, 0);
	/* Setting a period while enabled starts it. */
	tout(f, INTERVAL, 5);
	advance(f, 5 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	/* Back to 0: stops firing; the fired bit waits for its ack. */
	tout(f, INTERVAL, 0);
	advance(f, 3600000 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	tout(f, CONTROL, ON);
	advance(f, 3600000 * MS);
	assert_int_equal(tin(f, CONTROL), ON);
	stats_are(f, 1, 0);
}

/* A million seconds of 1 ms periods: 10^12 events, counted in O(1). */
static void test_lost_events_over_huge_gap(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 1);
	tout(f, CONTROL, ON);
	advance(f, 1000000000000ull * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 1, 1000000000000ull - 1);
	advance(f, 2 * MS + MS / 2);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 1, 1000000000000ull + 1);
	tout(f, CONTROL, ON);
	advance(f, MS / 2 - 1);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 1);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	stats_are(f, 2, 1000000000000ull + 1);
}

/* Near the end of the clock's range the deadline saturates instead of
 * wrapping to a time in the past. */
static void test_deadline_saturates(void **state)
{
	struct fixture *f = *state;

	f->clock.now_ns = UINT64_MAX - MS;
	tout(f, INTERVAL, 0xffffffff);
	tout(f, CONTROL, ON);
	advance(f, MS - 1);
	assert_int_equal(tin(f, CONTROL), ON);
	stats_are(f, 0, 0);
}

static void test_widths_zero_extend(void **state)
{
	struct fixture *f = *state;
	uint32_t val;

	assert_int_equal(timer_desc.out(f->timer, INTERVAL, 4, 0xdeadbeef), 0);
	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 4, &val), 0);
	assert_int_equal(val, 0xdeadbeef);
	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 2, &val), 0);
	assert_int_equal(val, 0xbeef);
	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 1, &val), 0);
	assert_int_equal(val, 0xef);
	/* A narrow write replaces the whole register, zero-extended. */
	assert_int_equal(timer_desc.out(f->timer, INTERVAL, 2, 0xabcd), 0);
	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 4, &val), 0);
	assert_int_equal(val, 0xabcd);
	assert_int_equal(timer_desc.out(f->timer, INTERVAL, 1, 0xff), 0);
	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 4, &val), 0);
	assert_int_equal(val, 0xff);
	/* Bits beyond the width are not part of the access. */
	assert_int_equal(timer_desc.out(f->timer, INTERVAL, 1, 0x1234), 0);
	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 4, &val), 0);
	assert_int_equal(val, 0x34);
	/* Control works at every width. */
	assert_int_equal(timer_desc.out(f->timer, CONTROL, 2, ON), 0);
	advance(f, 0x34 * MS);
	assert_int_equal(timer_desc.in(f->timer, CONTROL, 4, &val), 0);
	assert_int_equal(val, ON | FIRED);
	assert_int_equal(timer_desc.out(f->timer, CONTROL, 1, ON), 0);
	assert_int_equal(timer_desc.in(f->timer, CONTROL, 2, &val), 0);
	assert_int_equal(val, ON);
}

static void test_other_control_bits(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, 0xfffffffd);
	assert_int_equal(tin(f, CONTROL), ON);
	advance(f, 10 * MS);
	assert_int_equal(tin(f, CONTROL), ON | FIRED);
	/* Bit 0 clear: ack and stop, whatever else is set. */
	tout(f, CONTROL, 0xfffffffe);
	assert_int_equal(tin(f, CONTROL), 0);
}

static void test_clock_read_only_when_needed(void **state)
{
	struct fixture *f = *state;

	tout(f, INTERVAL, 10);
	tout(f, CONTROL, 0);
	(void)tin(f, CONTROL);
	(void)tin(f, INTERVAL);
	assert_int_equal(f->clock.calls, 0);
	tout(f, CONTROL, ON);
	assert_int_equal(f->clock.calls, 1);
	(void)tin(f, INTERVAL);
	assert_int_equal(f->clock.calls, 1);
	(void)tin(f, CONTROL);
	assert_int_equal(f->clock.calls, 2);
	tout(f, INTERVAL, 20);
	assert_int_equal(f->clock.calls, 3);
}

static void test_bad_access(void **state)
{
	struct fixture *f = *state;
	uint32_t val = 0;

	assert_int_equal(timer_desc.in(f->timer, INTERVAL, 3, &val),
	                 DEV_BAD_ACCESS);
	assert_int_equal(timer_desc.in(f->timer, 2, 1, &val), DEV_BAD_ACCESS);
	assert_int_equal(timer_desc.out(f->timer, CONTROL, 8, ON),
	                 DEV_BAD_ACCESS);
	assert_int_equal(timer_desc.out(f->timer, 2, 4, 1), DEV_BAD_ACCESS);
	assert_int_equal(tin(f, CONTROL), 0);
}

/* The descriptor's next event is the period end while the timer runs;
 * its line is up while the fired bit is set, down after the ack. */
static void test_next_event_and_irq_line(void **state)
{
	struct fixture *f = *state;
	uint64_t vals[DEV_MAX_STATS];

	assert_int_equal(timer_desc.next_event_ns(f->timer), DEV_NO_EVENT);
	assert_int_equal(timer_desc.irq_level(f->timer), 0);
	tout(f, INTERVAL, 10);
	tout(f, CONTROL, VMM_TIMER_ENABLE);
	assert_int_equal(timer_desc.next_event_ns(f->timer), 15 * MS);
	advance(f, 10 * MS);
	assert_int_equal(timer_desc.irq_level(f->timer), 1);
	assert_int_equal(timer_desc.next_event_ns(f->timer), 25 * MS);
	tout(f, CONTROL, VMM_TIMER_ENABLE);
	assert_int_equal(timer_desc.irq_level(f->timer), 0);
	advance(f, 25 * MS); /* two more ends: one fires, one is lost */
	assert_int_equal(timer_desc.irq_level(f->timer), 1);
	assert_int_equal(timer_desc.nstats, 2);
	timer_desc.get_stats(f->timer, vals);
	assert_int_equal(vals[0], 2);
	assert_int_equal(vals[1], 1);
	assert_string_equal(timer_desc.stats[0].json, "fired");
	tout(f, CONTROL, 0);
	assert_int_equal(timer_desc.next_event_ns(f->timer), DEV_NO_EVENT);
}

#define TIMER_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		TIMER_TEST(test_next_event_and_irq_line),
		TIMER_TEST(test_disabled_never_fires),
		TIMER_TEST(test_enable_fire_ack),
		TIMER_TEST(test_period_phase_kept),
		TIMER_TEST(test_write_acks_unseen_event),
		TIMER_TEST(test_enable_again_starts_from_now),
		TIMER_TEST(test_enable_while_running_keeps_period),
		TIMER_TEST(test_interval_write_restarts),
		TIMER_TEST(test_interval_write_counts_ended_periods),
		TIMER_TEST(test_period_zero_never_fires),
		TIMER_TEST(test_lost_events_over_huge_gap),
		TIMER_TEST(test_deadline_saturates),
		TIMER_TEST(test_widths_zero_extend),
		TIMER_TEST(test_other_control_bits),
		TIMER_TEST(test_clock_read_only_when_needed),
		TIMER_TEST(test_bad_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
