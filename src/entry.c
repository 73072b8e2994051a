/* SPDX-License-Identifier: MIT */
/* Entry modes: real, protected and long, each built from setup_* steps on
 * a zeroed state, never on what KVM happened to hold. */
#include <errno.h>
#include <string.h>

#include "vmm_abi.h"

#include "entry.h"
#include "x86.h"

/* The APIC base MSR after reset: xAPIC enabled, this is the bootstrap
 * processor (SDM vol. 3A, 10.4.4). */
#define APIC_BASE_RESET 0xfee00900ull

/* Segment types (SDM vol. 3A, 3.4.5.1 and 3.5). */
#define SEG_TYPE_DATA_RW 0x3 /* read/write, accessed */
#define SEG_TYPE_CODE_RX 0xb /* execute/read, accessed */
#define SEG_TYPE_LDT     0x2
#define SEG_TYPE_TSS     0xb /* busy TSS */

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

/* The state after reset (SDM vol. 3A, 9.1.1, table 9-1), with every
 * segment base at 0: 16-bit segments of 64 KiB, the real-mode IVT. */
static void setup_reset(struct vcpu_sregs *s, struct vcpu_regs *r)
{
	struct vcpu_seg seg = { .limit = 0xffff,
				.type = SEG_TYPE_DATA_RW,
				.is_present = true,
				.is_code_data = true };

	memset(s, 0, sizeof(*s));
	memset(r, 0, sizeof(*r));
	s->ds = s->es = s->fs = s->gs = s->ss = seg;
	s->cs = seg;
	s->cs.type = SEG_TYPE_CODE_RX;
	s->tr = (struct vcpu_seg){ .limit = 0xffff,
				   .type = SEG_TYPE_TSS,
				   .is_present = true };
	s->ldt = (struct vcpu_seg){ .limit = 0xffff,
				    .type = SEG_TYPE_LDT,
				    .is_present = true };
	s->gdt.limit = 0xffff;
	s->idt.limit = 0xffff;
	s->cr0 = CR0_CD | CR0_NW | CR0_ET;
	s->apic_base = APIC_BASE_RESET;
	r->rflags = RFLAGS_RESERVED;
}

static void setup_flat_segment(struct vcpu_seg *seg, uint16_t selector,
			       uint8_t type, bool is_long)
{
	*seg = (struct vcpu_seg){ .limit = 0xffffffff,
				  .selector = selector,
				  .type = type,
				  .is_present = true,
				  .is_code_data = true,
				  .is_4k = true,
				  .is_long = is_long,
				  .is_db = !is_long };
}

static int setup_gdt(const struct gmem *mem, struct vcpu_sregs *s,
		     bool is_long, struct vmm_err *err)
{
	void *at = gmem_ptr(mem, VMM_GDT_GPA, sizeof(gdt));

	if (!at)
		return err_set(err, -EINVAL, "no room for the GDT");
	memcpy(at, gdt, sizeof(gdt));
	s->gdt.base = VMM_GDT_GPA;
	s->gdt.limit = sizeof(gdt) - 1;
	setup_flat_segment(&s->cs, is_long ? VMM_SEL_CODE64 : VMM_SEL_CODE32,
			   SEG_TYPE_CODE_RX, is_long);
	setup_flat_segment(&s->ds, VMM_SEL_DATA, SEG_TYPE_DATA_RW, false);
	s->es = s->fs = s->gs = s->ss = s->ds;
	s->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE;
	/* SSE works from the first instruction: compilers emit it freely. */
	s->cr4 = CR4_OSFXSR | CR4_OSXMMEXCPT;
	return 0;
}

/* The default IDT (vmm_abi.h): vector v's interrupt gate leads to the hlt
 * at VMM_EXC_STUBS_GPA + v, so the HLT exit names the vector (run.c) and
 * the exception frame stays on the guest's stack for the report. A gate is
 * 8 bytes in protected mode, 16 in long mode (SDM vol. 3A, 6.11, 6.14.1). */
static int setup_idt(const struct gmem *mem, struct vcpu_sregs *s,
		     bool is_long, struct vmm_err *err)
{
	unsigned words = is_long ? 2 : 1;
	uint64_t gpa = is_long ? VMM_IDT64_GPA : VMM_IDT32_GPA;
	uint64_t sel = is_long ? VMM_SEL_CODE64 : VMM_SEL_CODE32;
	uint64_t *gate = gmem_ptr(mem, gpa, VMM_EXC_VECTORS * words * 8);
	uint8_t *stubs = gmem_ptr(mem, VMM_EXC_STUBS_GPA, VMM_EXC_VECTORS);

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
	s->idt.base = gpa;
	s->idt.limit = (uint16_t)(VMM_EXC_VECTORS * words * 8 - 1);
	return 0;
}

int entry_page_tables(const struct gmem *mem, bool has_1g_pages,
		      struct vcpu_sregs *s, struct vmm_err *err)
{
	uint64_t bytes = mem->mem_bytes;
	uint64_t *pml4 = gmem_ptr(mem, VMM_PML4_GPA, 0x1000);
	uint64_t *pdpt = gmem_ptr(mem, VMM_PDPT_GPA, 0x1000);
	uint64_t *pd = gmem_ptr(mem, VMM_PD_GPA, VMM_PD_PAGES * 0x1000);

	if (!pml4 || !pdpt || !pd)
		return err_set(err, -EINVAL, "no room for the page tables");
	pml4[0] = VMM_PDPT_GPA | PTE_P | PTE_RW;
	if (bytes > VMM_MAP_LIMIT_2M) {
		if (!has_1g_pages || bytes > VMM_MAP_LIMIT_1G)
			return err_set(err, -E2BIG,
				       "memory 0x%llx cannot be identity-mapped: KVM offers this vCPU no 1 GiB pages, and 2 MiB pages reach 0x%llx",
				       (unsigned long long)bytes,
				       (unsigned long long)VMM_MAP_LIMIT_2M);
		for (uint64_t i = 0; i * PAGE_1G < bytes; i++)
			pdpt[i] = i * PAGE_1G | PTE_P | PTE_RW | PTE_PS;
	} else {
		for (uint64_t i = 0; i * PAGE_1G < bytes; i++)
			pdpt[i] = (VMM_PD_GPA + i * 0x1000) | PTE_P | PTE_RW;
		for (uint64_t i = 0; i * PAGE_2M < bytes; i++)
			pd[i] = i * PAGE_2M | PTE_P | PTE_RW | PTE_PS;
	}
	s->cr3 = VMM_PML4_GPA;
	s->cr4 |= CR4_PAE;
	s->cr0 |= CR0_PG | CR0_WP;
	s->efer = EFER_LME | EFER_LMA;
	return 0;
}

int entry_build(const struct gmem *mem, enum entry_mode mode, uint64_t entry,
		uint64_t bootinfo_gpa, bool has_1g_pages,
		struct vcpu_regs *regs, struct vcpu_sregs *sregs,
		struct vmm_err *err)
{
	uint64_t bytes = mem->mem_bytes;
	int rc = 0;

	setup_reset(sregs, regs);
	switch (mode) {
	case ENTRY_REAL:
		/* SS:SP at the top of memory or of the first 64 KiB, the
		 * lower: SP 0 makes the first push land at 0xfffe. */
		regs->rsp = (bytes < 0x10000 ? bytes : 0x10000) & 0xffff;
		break;
	case ENTRY_PROTECTED:
		rc = setup_gdt(mem, sregs, false, err);
		if (rc == 0)
			rc = setup_idt(mem, sregs, false, err);
		/* ESP wraps to the top of the 4 GiB address space. */
		regs->rsp = (uint32_t)(bytes < (1ull << 32) ? bytes : 0);
		break;
	case ENTRY_LONG:
		rc = setup_gdt(mem, sregs, true, err);
		if (rc == 0)
			rc = setup_idt(mem, sregs, true, err);
		if (rc == 0)
			rc = entry_page_tables(mem, has_1g_pages, sregs, err);
		regs->rsp = bytes & ~0xfull;
		break;
	}
	regs->rip = entry;
	regs->rdi = bootinfo_gpa;
	return rc;
}
