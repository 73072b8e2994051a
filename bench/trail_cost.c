/* SPDX-License-Identifier: MIT */
/* The flight recorder's cost per exit: run_record on a console OUT in a
 * fake run area, timed over many calls. bench/run sets it against the exit
 * cost it measures in the same invocation. Prints ns per record. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kvm.h>

#include "run.h"

#define CALLS 20000000ull

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int main(void)
{
	static uint8_t area[4096] __attribute__((aligned(64)));
	struct kvm_run *r = (struct kvm_run *)area;
	static struct trail t;
	uint64_t t0, t1;

	r->exit_reason = KVM_EXIT_IO;
	r->kvm_valid_regs = KVM_SYNC_X86_REGS;
	r->io.direction = KVM_EXIT_IO_OUT;
	r->io.size = 1;
	r->io.port = 0x42;
	r->io.count = 1;
	r->io.data_offset = 2048;
	t0 = now_ns();
	for (uint64_t i = 0; i < CALLS; i++) {
		area[2048] = (uint8_t)i;
		run_record(&t, r, sizeof(area));
	}
	t1 = now_ns();
	if (t.n != CALLS)
		return 1;
	printf("%.2f\n", (double)(t1 - t0) / CALLS);
	return 0;
}
