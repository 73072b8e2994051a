/* SPDX-License-Identifier: MIT */
/* The vCPU's state at the first instruction, one function per entry mode,
 * and the GDT and page tables those modes need (SPEC "Entry modes"). */
#ifndef VMM_SRC_VCPU_H
#define VMM_SRC_VCPU_H

#include <stdint.h>

#include "../config/machine.h"
#include "err.h"
#include "vm.h"

/*
 * Write the GDT (and, in long mode, the page tables identity-mapping all of
 * guest memory) and set the registers so the vCPU starts in mode at entry,
 * with the first argument register holding bootinfo_gpa and the stack at
 * the top of memory. Returns 0, -E2BIG when long mode cannot map all of
 * memory on this CPU, or another negative errno from KVM; err is set.
 */
int vcpu_setup(struct vm *vm, enum entry_mode mode, uint64_t entry,
	       uint64_t bootinfo_gpa, struct vmm_err *err);

#endif
