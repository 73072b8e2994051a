/* SPDX-License-Identifier: MIT */
/* The guest-fault report: one line naming what happened and RIP, then the
 * registers in a readable block. */
#ifndef VMM_SRC_FAULT_H
#define VMM_SRC_FAULT_H

#include <stdio.h>

#include "../loader/symbols.h"
#include "devices/devset.h"
#include "run.h"
#include "trail.h"
#include "vm.h"

/* Print "vmm: guest fault: WHAT at RIP 0x... <symbol+0xoff>" (for a CPU
 * exception: its name, error code and CR2), the register dump, and where
 * RIP and RSP lead in guest memory, to out. syms may be NULL or empty (raw
 * images). */
void fault_report(const struct vm *vm, const struct run_result *res,
		  const struct symtab *syms, FILE *out);

/* Print the trail's exits, oldest first, one line each as --trace shows
 * them (docs/debugging.md), with the device each port belongs to. */
void fault_trail(const struct vm *vm, const struct trail *t,
		 const struct devset *ds, const struct symtab *syms,
		 FILE *out);

#endif
