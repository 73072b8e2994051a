/* SPDX-License-Identifier: MIT */
/* The guest-fault report: one line naming what happened and RIP, then the
 * registers in a readable block. */
#ifndef VMM_SRC_FAULT_H
#define VMM_SRC_FAULT_H

#include <stdio.h>

#include "vm.h"

/* Print "vmm: guest fault: WHAT at RIP 0x..." and the register dump to out. */
void fault_report(const struct vm *vm, const char *what, FILE *out);

#endif
