/* SPDX-License-Identifier: MIT */
/* Exits that stand for a CPU exception (see exc_exit.h). */
#include "vmm_abi.h"

#include "exc_exit.h"
#include "vcpu.h"

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
