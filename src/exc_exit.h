/* SPDX-License-Identifier: MIT */
/* Exits that stand for a CPU exception: a hlt in the default IDT's stubs,
 * and an int3 a host could not emulate. Cold: only hlt and emulation
 * errors come here. State through vcpu.h. */
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

/*
 * A host that cannot emulate int3 (kvm_pvm, whose guest code runs
 * deprivileged, stops with an emulation error there; Intel and AMD deliver
 * it in hardware): step over it and deliver its #BP as they would, so the
 * guest's IDT, or vmm's default one, sees the same on every host. Returns
 * 0 when it did, else a negative errno and the error stands.
 */
int exc_exit_soft_int(struct vm *vm);

#endif
