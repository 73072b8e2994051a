/* SPDX-License-Identifier: MIT */
/* For the idle tests: a device whose only feature is its next event,
 * which the test sets in fake_next_ns. One per test program. */
#ifndef VMM_TESTS_UNIT_FAKE_EVENT_DEV_H
#define VMM_TESTS_UNIT_FAKE_EVENT_DEV_H

#include <stdint.h>

#include "src/devices/dev.h"

static uint64_t fake_next_ns = DEV_NO_EVENT;

static uint64_t fake_next_event_ns(const void *st)
{
	(void)st;
	return fake_next_ns;
}

static const struct dev_desc fake_desc = {
	.name = "fake",
	.state_size = 1,
	.next_event_ns = fake_next_event_ns,
};

#endif
