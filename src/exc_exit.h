/* SPDX-License-Identifier: MIT */
/* Exits that stand for a CPU exception: a hlt in the default IDT's stubs
 * (an int3 a host could not emulate is quirk.c's). Cold: only hlt comes
 * here. State through vcpu.h. */
#ifndef VMM_SRC_EXC_EXIT_H
#define VMM_SRC_EXC_EXIT_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

/*
 * Which exception a hlt exit with RIP rip stands for: true with *vector set
 * when the hlt is the default IDT's stub for it (vmm_abi.h) and the default
 * IDT is still the guest's; false for any other hlt.
 */
bool exc_exit_halt(const struct vm *vm, uint64_t rip, unsigned *vector);

#endif
