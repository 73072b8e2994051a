/* SPDX-License-Identifier: MIT */
/* --trace: a run observer that prints one line per VM exit with time,
 * reason, port, direction, size, value, device and RIP as function+offset.
 * Off by default; without it the run loop never looks at it. */
#ifndef VMM_SRC_TRACE_H
#define VMM_SRC_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "../loader/symbols.h"
#include "err.h"
#include "run.h"

#define TRACE_NO_DEVICE 31u /* dev_mask bit: port accesses with no device */

struct trace {
	FILE *out;
	uint64_t t0_ns;       /* timestamps count from here */
	uint64_t reason_mask; /* bit n: show folded exit reason n */
	uint32_t dev_mask;    /* bit i: show accesses to devices_all[i] */
	const struct symtab *syms;
	struct run_observer obs; /* set by trace_parse_filter */
};

/*
 * Set t's masks from FILTER, a comma-separated list of device names
 * (devices_all) and exit reasons (run_reason_name: "io", "hlt", ...); NULL
 * or "" shows everything. A device name shows that device's port accesses,
 * "none" those to ports no device owns. Returns 0 or -EINVAL with err set
 * to a message naming the bad word and the words allowed. Also makes
 * t->obs print t's lines, once t->out is set.
 */
int trace_parse_filter(const char *filter, struct trace *t,
		       struct vmm_err *err);

/* Write the words FILTER may hold, separated by ", ", to buf[0, size):
 * the devices and "none" when is_devices, else the exit reasons. */
void trace_filter_words(char *buf, size_t size, int is_devices);

#endif
