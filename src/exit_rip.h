/* SPDX-License-Identifier: MIT */
/* The address of the instruction behind an exit, the same on every KVM host
 * (docs/debugging.md, "Which RIP"). Cold path: trace lines and reports.
 * Reads the vCPU's state only through vcpu.h. */
#ifndef VMM_SRC_EXIT_RIP_H
#define VMM_SRC_EXIT_RIP_H

#include <stdbool.h>
#include <stdint.h>

#include "trail.h"
#include "vm.h"

/* The instruction that made exit x (recorded while the guest is still in
 * the same mode and code): an OUT's port instruction on every host
 * (io_insn.h), hlt itself, else the RIP KVM reported. */
uint64_t exit_rip_of(const struct vm *vm, const struct trail_exit *x);

/* Copy n guest bytes at a linear address (through the guest's page tables
 * when paging) into buf; false when any byte is not in guest memory. */
bool exit_rip_read(const struct vm *vm, uint64_t linear, bool paging,
		   uint8_t *buf, unsigned n);

#endif
