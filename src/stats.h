/* SPDX-License-Identifier: MIT */
/* --stats: counters the run loop keeps (plain increments), and the table
 * or JSON object printed from them and the devices' own counters. */
#ifndef VMM_SRC_STATS_H
#define VMM_SRC_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "devices/devset.h"

#define STATS_REASONS 64 /* KVM exit reasons; larger ones share the last */

struct stats {
	int is_timed;       /* --stats: also time every KVM_RUN */
	uint64_t start_ns;  /* the first KVM_RUN */
	uint64_t end_ns;    /* the run's end */
	uint64_t in_run_ns; /* inside KVM_RUN: the guest and KVM */
	uint64_t runs;      /* KVM_RUN calls */
	uint64_t interrupted; /* of them, returned by a signal */
	uint64_t by_reason[STATS_REASONS];
	uint64_t by_entry[IOTAB_MAX_ENTRIES]; /* accesses per port binding */
	uint64_t no_device;                   /* accesses to unowned ports */
	uint64_t coalesced; /* console OUTs that took no exit */
};

/* The name of KVM exit reason n as --trace and --stats spell it. */
const char *stats_reason_name(unsigned n);

/* Print s and the devices' counters to out: a table, or one JSON object
 * on one line when is_json. */
void stats_print(const struct stats *s, const struct devset *ds, int is_json,
		 FILE *out);

#endif
