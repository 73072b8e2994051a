/* SPDX-License-Identifier: MIT */
/*
 * The vCPU's state at the first instruction (SPEC "Entry modes"), built
 * from scratch for each mode, with the GDT and page tables the mode needs
 * written into guest memory. No KVM: vcpu.c loads the result.
 */
#ifndef VMM_SRC_ENTRY_H
#define VMM_SRC_ENTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "../config/machine.h"
#include "err.h"
#include "gmem.h"
#include "vcpu.h"

/*
 * Fill *regs and *sregs so the vCPU starts in mode at entry, with the first
 * argument register holding bootinfo_gpa and the stack at the top of
 * memory; write the GDT and the default IDT with its stubs (protected,
 * long) and the page tables (long) into mem. has_1g_pages says whether the CPU offers 1 GiB pages. Returns 0, or
 * -E2BIG when long mode cannot map all of memory, -EINVAL when memory has
 * no room for the tables; err is set.
 */
int entry_build(const struct gmem *mem, enum entry_mode mode, uint64_t entry,
		uint64_t bootinfo_gpa, bool has_1g_pages,
		struct vcpu_regs *regs, struct vcpu_sregs *sregs,
		struct vmm_err *err);

/*
 * Identity-map [0, mem->mem_bytes) at VMM_PML4_GPA (docs/abi.md): 2 MiB
 * pages up to VMM_MAP_LIMIT_2M, else 1 GiB pages when has_1g_pages; pages
 * past the end of memory are not present. Returns 0, -E2BIG or -EINVAL
 * with err set. Sets CR3, CR4.PAE, CR0.PG and WP, and EFER's long-mode bits.
 */
int entry_page_tables(const struct gmem *mem, bool has_1g_pages,
		      struct vcpu_sregs *sregs, struct vmm_err *err);

#endif
