/* SPDX-License-Identifier: MIT */
/* Entry modes: real, protected and long, each built from setup_* steps. */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "vmm_abi.h"

#include "vcpu.h"
#include "x86.h"

/* Flat descriptors (SDM vol. 3A, 3.4.5): base 0, limit 4 GiB, present. */
static const uint64_t gdt[] = {
	0,                     /* null */
	0x00cf9a000000ffffull, /* VMM_SEL_CODE32: execute/read, 32-bit */
	0x00cf92000000ffffull, /* VMM_SEL_DATA: read/write, 32-bit, 4 KiB */
	0x00af9a000000ffffull, /* VMM_SEL_CODE64: execute/read, L=1 */
};

_Static_assert(sizeof(gdt) <= VMM_GDT_BYTES, "GDT fits its place");
_Static_assert(VMM_SEL_CODE32 == 1 * 8 && VMM_SEL_DATA == 2 * 8 &&
		       VMM_SEL_CODE64 == 3 * 8,
	       "selectors index gdt[]");

static void setup_flat_segment(struct kvm_segment *seg, uint16_t selector,
			       uint8_t type, int is_long)
{
	memset(seg, 0, sizeof(*seg));
	seg->base = 0;
	seg->limit = 0xffffffff;
	seg->selector = selector;
	seg->type = type;
	seg->present = 1;
	seg->s = 1;
	seg->g = 1;
	seg->l = is_long;
	seg->db = !is_long;
}

static void setup_gdt(struct vm *vm, struct kvm_sregs *sregs, int is_long)
{
	memcpy(gmem_ptr(&vm->mem, VMM_GDT_GPA, sizeof(gdt)), gdt, sizeof(gdt));
	sregs->gdt.base = VMM_GDT_GPA;
	sregs->gdt.limit = sizeof(gdt) - 1;
	setup_flat_segment(&sregs->cs, is_long ? VMM_SEL_CODE64 : VMM_SEL_CODE32,
			   0xb, is_long);
	setup_flat_segment(&sregs->ds, VMM_SEL_DATA, 0x3, 0);
	sregs->es = sregs->fs = sregs->gs = sregs->ss = sregs->ds;
	sregs->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE;
	/* SSE works from the first instruction: compilers emit it freely. */
	sregs->cr4 = CR4_OSFXSR | CR4_OSXMMEXCPT;
}

/* The default IDT (vmm_abi.h): vector v's interrupt gate leads to the hlt
 * at VMM_EXC_STUBS_GPA + v, so the HLT exit names the vector (run.c) and
 * the exception frame stays on the guest's stack for the report. A gate is
 * 8 bytes in protected mode, 16 in long mode (SDM vol. 3A, 6.11, 6.14.1). */
static int setup_idt(struct vm *vm, struct kvm_sregs *sregs, int is_long,
		     struct vmm_err *err)
{
	unsigned words = is_long ? 2 : 1;
	uint64_t gpa = is_long ? VMM_IDT64_GPA : VMM_IDT32_GPA;
	uint64_t sel = is_long ? VMM_SEL_CODE64 : VMM_SEL_CODE32;
	uint64_t *gate = gmem_ptr(&vm->mem, gpa, VMM_EXC_VECTORS * words * 8);
	uint8_t *stubs = gmem_ptr(&vm->mem, VMM_EXC_STUBS_GPA, VMM_EXC_VECTORS);

	if (!gate || !stubs)
		return err_set(err, -EINVAL, "no room for the default IDT");
	memset(stubs, OP_HLT, VMM_EXC_VECTORS);
	for (unsigned v = 0; v < VMM_EXC_VECTORS; v++, gate += words) {
		uint64_t off = VMM_EXC_STUBS_GPA + v;

		gate[0] = (off & 0xffff) | sel << 16 | GATE_INTERRUPT << 40 |
			  (off >> 16 & 0xffff) << 48;
		if (is_long)
			gate[1] = off >> 32;
	}
	sregs->idt.base = gpa;
	sregs->idt.limit = VMM_EXC_VECTORS * words * 8 - 1;
	return 0;
}

/* Identity-map [0, mem_bytes) with 2 MiB pages (at most 4 GiB) or, where the
 * CPU offers them, 1 GiB pages; pages past the end of memory fault. */
static int setup_page_tables(struct vm *vm, struct kvm_sregs *sregs,
			     struct vmm_err *err)
{
	uint64_t mem = vm->mem.mem_bytes;
	uint64_t *pml4 = gmem_ptr(&vm->mem, VMM_PML4_GPA, 0x1000);
	uint64_t *pdpt = gmem_ptr(&vm->mem, VMM_PDPT_GPA, 0x1000);
	uint64_t *pd = gmem_ptr(&vm->mem, VMM_PD_GPA, VMM_PD_PAGES * 0x1000);

	if (!pml4 || !pdpt || !pd)
		return err_set(err, -EINVAL, "no room for the page tables");
	pml4[0] = VMM_PDPT_GPA | PTE_P | PTE_RW;
	if (mem > VMM_MAP_LIMIT_2M) {
		if (!vm->has_1g_pages || mem > VMM_MAP_LIMIT_1G)
			return err_set(err, -E2BIG,
				       "memory 0x%llx cannot be identity-mapped: KVM offers this vCPU no 1 GiB pages, and 2 MiB pages reach 0x%llx",
				       (unsigned long long)mem,
				       (unsigned long long)VMM_MAP_LIMIT_2M);
		for (uint64_t i = 0; i * PAGE_1G < mem; i++)
			pdpt[i] = i * PAGE_1G | PTE_P | PTE_RW | PTE_PS;
	} else {
		for (uint64_t i = 0; i * PAGE_1G < mem; i++)
			pdpt[i] = (VMM_PD_GPA + i * 0x1000) | PTE_P | PTE_RW;
		for (uint64_t i = 0; i * PAGE_2M < mem; i++)
			pd[i] = i * PAGE_2M | PTE_P | PTE_RW | PTE_PS;
	}
	sregs->cr3 = VMM_PML4_GPA;
	sregs->cr4 |= CR4_PAE;
	sregs->cr0 |= CR0_PG | CR0_WP;
	sregs->efer = EFER_LME | EFER_LMA;
	return 0;
}

static void setup_real(struct kvm_sregs *sregs, struct kvm_regs *regs,
		       uint64_t mem)
{
	struct kvm_segment *segs[] = { &sregs->cs, &sregs->ds, &sregs->es,
				       &sregs->fs, &sregs->gs, &sregs->ss };

	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		segs[i]->base = 0;
		segs[i]->selector = 0;
	}
	/* SS:SP at the top of memory or of the first 64 KiB, the lower:
	 * SP 0 makes the first push land at 0xfffe. */
	regs->rsp = (mem < 0x10000 ? mem : 0x10000) & 0xffff;
}

int vcpu_setup(struct vm *vm, enum entry_mode mode, uint64_t entry,
	       uint64_t bootinfo_gpa, struct vmm_err *err)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs = { 0 };
	uint64_t mem = vm->mem.mem_bytes;
	int rc = 0;

	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &sregs) < 0)
		return err_set(err, -errno, "cannot read the vCPU's registers: %s",
			       strerror(errno));
	switch (mode) {
	case ENTRY_REAL:
		setup_real(&sregs, &regs, mem);
		break;
	case ENTRY_PROTECTED:
		setup_gdt(vm, &sregs, 0);
		rc = setup_idt(vm, &sregs, 0, err);
		/* ESP wraps to the top of the 4 GiB address space. */
		regs.rsp = (uint32_t)(mem < (1ull << 32) ? mem : 0);
		break;
	case ENTRY_LONG:
		setup_gdt(vm, &sregs, 1);
		rc = setup_idt(vm, &sregs, 1, err);
		if (rc == 0)
			rc = setup_page_tables(vm, &sregs, err);
		regs.rsp = mem & ~0xfull;
		break;
	}
	if (rc < 0)
		return rc;
	regs.rip = entry;
	regs.rdi = bootinfo_gpa;
	regs.rflags = RFLAGS_RESERVED;
	if (ioctl(vm->vcpu_fd, KVM_SET_SREGS, &sregs) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_SET_REGS, &regs) < 0)
		return err_set(err, -errno, "cannot set the vCPU's registers: %s",
			       strerror(errno));
	return 0;
}
