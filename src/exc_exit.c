/* SPDX-License-Identifier: MIT */
/* Exits that stand for a CPU exception (see exc_exit.h). */
#include <errno.h>

#include "vmm_abi.h"

#include "exc_exit.h"
#include "exception.h"
#include "exit_rip.h"
#include "vcpu.h"
#include "x86.h"

/* Only a hlt in the stub area asks KVM for more. */
bool exc_exit_halt(const struct vm *vm, uint64_t rip, unsigned *vector)
{
	uint64_t v = rip - 1 - VMM_EXC_STUBS_GPA;
	struct vcpu_sregs s;

	if (v >= VMM_EXC_VECTORS || vcpu_get_sregs(vm, &s) < 0 ||
	    s.cs.base != 0 ||
	    (s.idt.base != VMM_IDT32_GPA && s.idt.base != VMM_IDT64_GPA))
		return false;
	*vector = (unsigned)v;
	return true;
}

int exc_exit_soft_int(struct vm *vm)
{
	struct vcpu_regs r;
	struct vcpu_sregs s;
	uint8_t op[2];
	int rc;

	if (vcpu_get_regs(vm, &r) < 0 || vcpu_get_sregs(vm, &s) < 0 ||
	    !exit_rip_read(vm, s.cs.base + r.rip, s.cr0 & CR0_PG, op, 2))
		return -EIO;
	if (op[0] == OP_INT3)
		r.rip += 1;
	else if (op[0] == OP_INT_N && op[1] == EXC_BP)
		r.rip += 2;
	else
		return -ENOTSUP;
	rc = vcpu_set_regs(vm, &r);
	return rc < 0 ? rc : vcpu_queue_exception(vm, EXC_BP);
}
