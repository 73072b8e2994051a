/* SPDX-License-Identifier: MIT */
/* The boot information (vmm_abi.h): built on the host, copied into guest
 * memory at VMM_BOOTINFO_GPA before the first instruction. */
#ifndef VMM_SRC_BOOTINFO_H
#define VMM_SRC_BOOTINFO_H

#include <stdint.h>

#include "vmm_abi.h"

#include "err.h"
#include "gmem.h"

/*
 * Fill bi: magic, version, size, mem_bytes, every port absent, and the
 * command line made of argv[0..argc) joined by single spaces. Returns 0, or
 * -E2BIG with err set when the command line does not fit VMM_CMDLINE_MAX.
 */
int bootinfo_build(struct vmm_bootinfo *bi, uint64_t mem_bytes, int argc,
		   char **argv, struct vmm_err *err);

/* Copy bi to VMM_BOOTINFO_GPA; -EINVAL when memory is too small for it. */
int bootinfo_write(const struct vmm_bootinfo *bi, const struct gmem *gm);

#endif
