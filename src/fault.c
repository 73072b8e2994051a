/* SPDX-License-Identifier: MIT */
/* Guest-fault report: what, port or address, RIP, registers. Cold path. */
#include <stdbool.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "fault.h"
#include "run.h"

static void fault_segment(FILE *out, const char *name,
			  const struct kvm_segment *s)
{
	fprintf(out,
		"  %-3s sel=0x%04x base=0x%016llx limit=0x%08x type=0x%x %s%s\n",
		name, s->selector, (unsigned long long)s->base, s->limit,
		s->type, s->l ? "64-bit" : s->db ? "32-bit" : "16-bit",
		s->present ? "" : " not-present");
}

static void fault_gprs(const struct kvm_regs *r, FILE *out)
{
	fprintf(out,
		"  rax=0x%016llx rbx=0x%016llx rcx=0x%016llx rdx=0x%016llx\n"
		"  rsi=0x%016llx rdi=0x%016llx rsp=0x%016llx rbp=0x%016llx\n"
		"  r8 =0x%016llx r9 =0x%016llx r10=0x%016llx r11=0x%016llx\n"
		"  r12=0x%016llx r13=0x%016llx r14=0x%016llx r15=0x%016llx\n"
		"  rip=0x%016llx rflags=0x%08llx\n",
		r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi, r->rsp, r->rbp,
		r->r8, r->r9, r->r10, r->r11, r->r12, r->r13, r->r14, r->r15,
		r->rip, r->rflags);
}

static void fault_registers(const struct kvm_regs *r,
			    const struct kvm_sregs *s, FILE *out)
{
	fault_gprs(r, out);
	fprintf(out,
		"  cr0=0x%08llx cr2=0x%016llx cr3=0x%016llx cr4=0x%08llx efer=0x%llx\n",
		s->cr0, s->cr2, s->cr3, s->cr4, s->efer);
	fault_segment(out, "cs", &s->cs);
	fault_segment(out, "ds", &s->ds);
	fault_segment(out, "ss", &s->ss);
	fprintf(out, "  gdt base=0x%llx limit=0x%x idt base=0x%llx limit=0x%x\n",
		s->gdt.base, s->gdt.limit, s->idt.base, s->idt.limit);
}

/* Where a linear address leads: through the guest's page tables (if
 * paging is on) to guest-physical memory, or nowhere. */
static void fault_where(const struct vm *vm, FILE *out, const char *name,
			unsigned long long linear)
{
	struct kvm_translation tr = { .linear_address = linear };

	if (ioctl(vm->vcpu_fd, KVM_TRANSLATE, &tr) < 0 || !tr.valid) {
		fprintf(out, "  %s 0x%llx is not mapped by the guest's page tables\n",
			name, linear);
		return;
	}
	fprintf(out, "  %s 0x%llx is guest-physical 0x%llx, %s guest memory [0, 0x%llx)\n",
		name, linear, (unsigned long long)tr.physical_address,
		tr.physical_address < vm->mem.mem_bytes ? "inside" : "outside",
		(unsigned long long)vm->mem.mem_bytes);
}

/* " <symbol+0xoff>" when syms know rip, else nothing. */
static void fault_symbol(const struct symtab *syms, uint64_t rip, FILE *out)
{
	uint64_t off = 0;
	const struct sym *sym = syms ? symtab_find(syms, rip, &off) : NULL;

	if (sym)
		fprintf(out, " <%s+0x%llx>", sym->name, (unsigned long long)off);
}

/* KVM on AMD resets the vCPU before it reports a triple fault (the VMCB is
 * undefined after a shutdown), so what it returns then is the reset state,
 * not the guest's. */
static bool fault_is_reset(const struct kvm_regs *r, const struct kvm_sregs *s)
{
	return r->rip == 0xfff0 && s->cs.selector == 0xf000 &&
	       s->cs.base == 0xffff0000;
}

/* The guest's registers are gone: show the last ones vmm saw instead,
 * labelled as such, never the reset state as if it were the guest's. */
static void fault_after_reset(const struct vm *vm, const char *what,
			      const struct symtab *syms, FILE *out)
{
	fprintf(out,
		"vmm: guest fault: %s; this host reset the vCPU, so the guest's registers at the fault are lost\n",
		what);
	if (!vm->seen_regs) {
		fprintf(out, "  (no earlier state was kept)\n");
		return;
	}
	fprintf(out, "  the last state vmm saw, at the guest's last exit before it (or its entry): RIP 0x%llx",
		vm->seen_regs->rip);
	fault_symbol(syms, vm->seen_regs->rip, out);
	fputc('\n', out);
	fault_gprs(vm->seen_regs, out);
}

void fault_report(const struct vm *vm, const char *what,
		  const struct symtab *syms, FILE *out)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0) {
		fprintf(out, "vmm: guest fault: %s (registers unavailable)\n",
			what);
		return;
	}
	if (vm->run->exit_reason == KVM_EXIT_SHUTDOWN && fault_is_reset(&r, &s)) {
		fault_after_reset(vm, what, syms, out);
		return;
	}
	/* A port exit's RIP, the same on every host: the port instruction. */
	r.rip = run_exit_rip(vm);
	fprintf(out, "vmm: guest fault: %s at RIP 0x%llx", what, r.rip);
	fault_symbol(syms, r.rip, out);
	fputc('\n', out);
	fault_registers(&r, &s, out);
	fault_where(vm, out, "rip", s.cs.base + r.rip);
	fault_where(vm, out, "rsp", s.ss.base + r.rsp);
}
