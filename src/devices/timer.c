/* SPDX-License-Identifier: MIT */
/* The interval timer: a period register and a control register with enable
 * and fired bits (SPEC "Interval timer"), on dev_env's monotonic clock, read
 * only when the guest touches the timer. */
#include <stdbool.h>

#include "vmm_abi.h"

#include "../checked.h"
#include "devices.h"
#include "timer.h"

#define TIMER_NS_PER_MS 1000000u

enum { TIMER_REG_INTERVAL, TIMER_REG_CONTROL };

struct timer {
	struct dev_env *env;
	uint32_t period_ms;
	bool is_enabled;
	bool is_fired;
	uint64_t deadline_ns; /* end of the current period, while running */
	struct timer_stats stats;
};

static bool timer_is_running(const struct timer *t)
{
	return t->is_enabled && t->period_ms;
}

static uint64_t timer_now(const struct timer *t)
{
	return t->env->now_ns(t->env->clock_ctx);
}

/* A 32-bit period in ms is below 2^52 ns, so the product never overflows. */
static uint64_t timer_period_ns(const struct timer *t)
{
	return (uint64_t)t->period_ms * TIMER_NS_PER_MS;
}

/* Start a period at now_ns; a deadline past the clock's range never comes. */
static void timer_restart(struct timer *t, uint64_t now_ns)
{
	if (!add_ok(now_ns, timer_period_ns(t), &t->deadline_ns))
		t->deadline_ns = UINT64_MAX;
}

/*
 * Account for every period that ended by now_ns, in O(1) however long the
 * guest left the timer alone: the first sets the fired bit unless it is set
 * already, the rest are lost (SPEC: counted, not queued).
 */
static void timer_catch_up(struct timer *t, uint64_t now_ns)
{
	uint64_t period_ns, ended, advance_ns;

	if (!timer_is_running(t) || now_ns < t->deadline_ns)
		return;
	period_ns = timer_period_ns(t);
	ended = (now_ns - t->deadline_ns) / period_ns + 1;
	if (!mul_ok(ended, period_ns, &advance_ns) ||
	    !add_ok(t->deadline_ns, advance_ns, &t->deadline_ns))
		t->deadline_ns = UINT64_MAX;
	if (!t->is_fired) {
		t->is_fired = true;
		t->stats.fired++;
		ended--;
	}
	t->stats.lost += ended;
}

static uint32_t timer_control(struct timer *t)
{
	if (timer_is_running(t))
		timer_catch_up(t, timer_now(t));
	return (t->is_enabled ? VMM_TIMER_ENABLE : 0) |
	       (t->is_fired ? VMM_TIMER_FIRED : 0);
}

/* Any write acknowledges and sets enable from bit 0; periods that ended
 * before the write count first, so the write acknowledges them too. */
static void timer_set_control(struct timer *t, uint32_t val)
{
	bool is_enable = val & VMM_TIMER_ENABLE;
	bool is_start = !t->is_enabled && is_enable && t->period_ms;
	uint64_t now_ns = 0;

	if (timer_is_running(t) || is_start)
		now_ns = timer_now(t);
	timer_catch_up(t, now_ns);
	t->is_fired = false;
	if (is_start)
		timer_restart(t, now_ns);
	t->is_enabled = is_enable;
}

/* While enabled, a new period starts now, even for the same value; periods
 * of the old one that ended before the write count first. */
static void timer_set_interval(struct timer *t, uint32_t period_ms)
{
	uint64_t now_ns;

	if (!t->is_enabled) {
		t->period_ms = period_ms;
		return;
	}
	now_ns = timer_now(t);
	timer_catch_up(t, now_ns);
	t->period_ms = period_ms;
	timer_restart(t, now_ns);
}

/* The bits an access of width bytes carries; 0 for a width the device
 * does not accept. */
static uint32_t timer_width_mask(unsigned width)
{
	switch (width) {
	case 1:
		return 0xff;
	case 2:
		return 0xffff;
	case 4:
		return 0xffffffff;
	default:
		return 0;
	}
}

static int timer_in(void *st, unsigned reg, unsigned width, uint32_t *val)
{
	struct timer *t = st;
	uint32_t mask = timer_width_mask(width);

	if (!mask)
		return DEV_BAD_ACCESS;
	switch (reg) {
	case TIMER_REG_INTERVAL:
		*val = t->period_ms & mask;
		return 0;
	case TIMER_REG_CONTROL:
		*val = timer_control(t);
		return 0;
	default:
		return DEV_BAD_ACCESS;
	}
}

static int timer_out(void *st, unsigned reg, unsigned width, uint32_t val)
{
	struct timer *t = st;
	uint32_t mask = timer_width_mask(width);

	if (!mask)
		return DEV_BAD_ACCESS;
	switch (reg) {
	case TIMER_REG_INTERVAL:
		timer_set_interval(t, val & mask);
		return 0;
	case TIMER_REG_CONTROL:
		timer_set_control(t, val);
		return 0;
	default:
		return DEV_BAD_ACCESS;
	}
}

void timer_get_stats(const void *st, struct timer_stats *stats)
{
	const struct timer *t = st;

	*stats = t->stats;
}

static int timer_init(void *st, struct dev_env *env)
{
	struct timer *t = st;

	t->env = env;
	return 0;
}

/* The next period end, while the timer runs: the fired bit may change
 * then without an access. */
static uint64_t timer_next_event_ns(const void *st)
{
	const struct timer *t = st;

	return timer_is_running(t) ? t->deadline_ns : DEV_NO_EVENT;
}

/* The line is up while the fired bit is set; a write acknowledges. */
static int timer_irq_level(void *st)
{
	struct timer *t = st;

	return (timer_control(t) & VMM_TIMER_FIRED) != 0;
}

enum { TIMER_STAT_FIRED, TIMER_STAT_LOST };

static const struct dev_stat timer_stats[] = {
	[TIMER_STAT_FIRED] = { .json = "fired", .text = "events delivered" },
	[TIMER_STAT_LOST] = { .json = "lost", .text = "lost" },
};

static void timer_stat_values(const void *st, uint64_t *vals)
{
	const struct timer *t = st;

	vals[TIMER_STAT_FIRED] = t->stats.fired;
	vals[TIMER_STAT_LOST] = t->stats.lost;
}

static const struct dev_port timer_ports[] = {
	{ .key = "interval_port",
	  .reg = TIMER_REG_INTERVAL,
	  .abi_slot = VMM_PORT_TIMER_INTERVAL },
	{ .key = "control_port",
	  .reg = TIMER_REG_CONTROL,
	  .abi_slot = VMM_PORT_TIMER_CONTROL,
	  .is_status = 1 },
};

const struct dev_desc timer_desc = {
	.name = "timer",
	.ports = timer_ports,
	.nports = ARRAY_LEN(timer_ports),
	.stats = timer_stats,
	.nstats = ARRAY_LEN(timer_stats),
	.state_size = sizeof(struct timer),
	.init = timer_init,
	.in = timer_in,
	.out = timer_out,
	.get_stats = timer_stat_values,
	.next_event_ns = timer_next_event_ns,
	.irq_level = timer_irq_level,
	.irq_slot = VMM_IRQ_TIMER,
};
