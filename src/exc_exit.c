/* SPDX-License-Identifier: MIT */
/* Exits that stand for a CPU exception (see exc_exit.h). */
#include <string.h>

#include "vmm_abi.h"

#include "exc_exit.h"
#include "exit_rip.h"
#include "vcpu.h"
#include "x86.h"

/* Does the current IDT's gate for vector lead to vmm's stub for it? True
 * for vmm's default IDT, and for a guest's own IDT that keeps vmm's
 * exception stubs (the SDK's vmm_irq_init does). */
static bool exc_exit_gate_is_stub(const struct vm *vm,
				  const struct vcpu_sregs *s, unsigned vector)
{
	unsigned size = s->cs.is_long ? 16 : 8;
	uint8_t gate[16];
	uint64_t target;

	if (s->idt.base == VMM_IDT32_GPA || s->idt.base == VMM_IDT64_GPA)
		return true;
	if ((uint64_t)vector * size + size - 1 > s->idt.limit ||
	    !exit_rip_read(vm, s->idt.base + (uint64_t)vector * size,
			   s->cr0 & CR0_PG, gate, size))
		return false;
	target = (uint64_t)gate[0] | (uint64_t)gate[1] << 8 |
		 (uint64_t)gate[6] << 16 | (uint64_t)gate[7] << 24;
	if (size == 16) {
		uint32_t high;

		memcpy(&high, gate + 8, sizeof(high));
		target |= (uint64_t)high << 32;
	}
	return target == VMM_EXC_STUBS_GPA + vector;
}

/* Only a hlt in the stub area asks KVM for more. */
bool exc_exit_halt(const struct vm *vm, uint64_t rip, unsigned *vector)
{
	uint64_t v = rip - 1 - VMM_EXC_STUBS_GPA;
	struct vcpu_sregs s;

	if (v >= VMM_EXC_VECTORS || vcpu_get_sregs(vm, &s) < 0 ||
	    s.cs.base != 0 || !exc_exit_gate_is_stub(vm, &s, (unsigned)v))
		return false;
	*vector = (unsigned)v;
	return true;
}
