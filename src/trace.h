/* SPDX-License-Identifier: MIT */
/* --trace: one line per VM exit with time, reason, port, direction, size,
 * value, device and RIP as function+offset. Off by default; the run loop
 * pays one branch for it. */
#ifndef VMM_SRC_TRACE_H
#define VMM_SRC_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "../loader/symbols.h"
#include "devices/iotab.h"
#include "err.h"

#define TRACE_NO_DEVICE 31u /* dev_mask bit: port accesses with no device */

struct trace {
	FILE *out;
	uint64_t t0_ns;       /* timestamps count from here */
	uint64_t reason_mask; /* bit n: show KVM exit reason n */
	uint32_t dev_mask;    /* bit i: show accesses to devices_all[i] */
	const struct symtab *syms;
};

/*
 * Set t's masks from FILTER, a comma-separated list of device names
 * ("console") and exit reasons ("io", "hlt", "mmio", "shutdown", ...); NULL
 * or "" shows everything. A device name shows that device's port accesses.
 * Returns 0 or -EINVAL with err set to "vmm: ..." naming the bad word.
 */
int trace_parse_filter(const char *filter, struct trace *t,
		       struct vmm_err *err);

/* The trace line(s) for the exit now in run: one per element of a port
 * access. e is the port's owner (NULL: none), rip the vCPU's RIP. */
struct kvm_run;
void trace_exit(const struct trace *t, const struct kvm_run *run,
		const struct iotab_entry *e, uint64_t rip, uint64_t now_ns);

#endif
