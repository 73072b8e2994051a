/* SPDX-License-Identifier: MIT */
/* Instructions a KVM host fails to emulate, done by vmm instead, so guests
 * see the same on every host (docs/debugging.md, "Host differences"). */
#ifndef VMM_SRC_QUIRK_H
#define VMM_SRC_QUIRK_H

#include <stdbool.h>

#include "vm.h"

/*
 * After KVM_EXIT_INTERNAL_ERROR (emulation failure): if the instruction at
 * RIP is one vmm can complete as the CPU would, do it and return 0, so the
 * run goes on; else a negative errno, and the error stands. Today:
 *  - int3 and int 3: step over, raise #BP (kvm_pvm cannot emulate them);
 *  - iretd in 32-bit protected mode, to the same privilege and code
 *    segment: pop EIP, CS and EFLAGS (kvm_pvm cannot emulate it).
 */
int quirk_emulate(struct vm *vm);

/* Whether the instruction at RIP is an int3 (0xcc): with a debugger, a
 * breakpoint it planted, which it sees before quirk_emulate would raise
 * #BP in the guest. */
bool quirk_is_int3(const struct vm *vm);

#endif
