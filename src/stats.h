/* SPDX-License-Identifier: MIT */
/* --stats: a run observer that counts (plain increments) and times every
 * KVM_RUN, and the table or JSON object printed from its counters and the
 * devices' own. */
#ifndef VMM_SRC_STATS_H
#define VMM_SRC_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "coalesce.h"
#include "devices/devset.h"
#include "run.h"

struct stats {
	const struct devset *ds;
	uint64_t start_ns;  /* the first KVM_RUN */
	uint64_t end_ns;    /* the run's end */
	uint64_t in_run_ns; /* inside KVM_RUN: the guest and KVM */
	uint64_t enter_ns;  /* when the current KVM_RUN began */
	uint64_t runs;      /* KVM_RUN calls */
	uint64_t interrupted; /* of them, returned by a signal */
	uint64_t by_reason[RUN_REASONS];
	uint64_t by_entry[IOTAB_MAX_ENTRIES]; /* accesses per port binding */
	uint64_t no_device;                   /* accesses to unowned ports */
	uint64_t coalesced; /* console OUTs that took no exit */
	uint64_t idle_waits; /* idle waits that blocked (idle.h) */
	uint64_t idle_ns;    /* time spent in them */
	/* On the virtual clock (the idle waits above are then 0): */
	bool is_vclock;
	uint64_t vclock_ns;  /* virtual time at the end */
	uint64_t jumps;      /* waits that jumped to the next event */
	uint64_t jumped_ns;  /* the virtual time they skipped */
	uint64_t input_waits; /* waits in host time for input that was due */
	unsigned sandbox_rules; /* 0: the sandbox was off (--no-sandbox) */
	struct run_observer obs; /* attach with run_observe */
};

/* Zero s and make s->obs count the exits of a run of ds. */
void stats_init(struct stats *s, const struct devset *ds);

/* The run has ended: note the time and what coalescing served. */
void stats_end(struct stats *s, const struct coalesce *c);

/* Print s and the devices' counters to out: a table, or one JSON object
 * on one line when is_json. */
void stats_print(const struct stats *s, int is_json, FILE *out);

#endif
