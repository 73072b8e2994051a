/* SPDX-License-Identifier: MIT */
/* The guest-fault report: one line naming what happened and RIP, then the
 * registers in a readable block. */
#ifndef VMM_SRC_FAULT_H
#define VMM_SRC_FAULT_H

#include <stdio.h>

#include "../loader/symbols.h"
#include "vm.h"

/* Print "vmm: guest fault: WHAT at RIP 0x... <symbol+0xoff>", the register
 * dump, and where RIP and RSP lead in guest memory, to out. syms may be
 * NULL or empty (raw images). */
void fault_report(const struct vm *vm, const char *what,
		  const struct symtab *syms, FILE *out);

#endif
