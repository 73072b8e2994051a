/*
 * guest64.c — a freestanding ELF64 guest for vmm's `entry: long`.
 * Written only from SPEC.md and docs/abi.md.  Build: see build.sh.
 */
#define GUEST_BITS 64
#include "outsider.h"

struct entry_regs entry_regs;

/*
 * Start-up: record the vCPU state at entry (every GPR, RFLAGS, segment
 * selectors, CR0/CR4/EFER) before touching anything, then call
 * guest_main(RDI) on vmm's stack (RSP = top of memory, 16-byte aligned; the
 * call leaves RSP = 8 mod 16 at guest_main's entry, as the SysV ABI wants).
 */
__asm__(
    ".section .text.start, \"ax\"\n"
    ".globl _start\n"
    ".type _start, @function\n"
    "_start:\n"
    "    movq %rax, entry_regs+0\n"
    "    movq %rbx, entry_regs+8\n"
    "    movq %rcx, entry_regs+16\n"
    "    movq %rdx, entry_regs+24\n"
    "    movq %rsi, entry_regs+32\n"
    "    movq %rdi, entry_regs+40\n"
    "    movq %rbp, entry_regs+48\n"
    "    movq %rsp, entry_regs+56\n"
    "    movq %r8,  entry_regs+64\n"
    "    movq %r9,  entry_regs+72\n"
    "    movq %r10, entry_regs+80\n"
    "    movq %r11, entry_regs+88\n"
    "    movq %r12, entry_regs+96\n"
    "    movq %r13, entry_regs+104\n"
    "    movq %r14, entry_regs+112\n"
    "    movq %r15, entry_regs+120\n"
    "    pushfq\n"
    "    popq %rax\n"
    "    movq %rax, entry_regs+128\n"
    "    movq %cr0, %rax\n"
    "    movq %rax, entry_regs+136\n"
    "    movq %cr4, %rax\n"
    "    movq %rax, entry_regs+144\n"
    "    movl $0xc0000080, %ecx\n"          /* IA32_EFER */
    "    rdmsr\n"
    "    movl %eax, entry_regs+152\n"
    "    movl %edx, entry_regs+156\n"
    "    movw %cs, entry_regs+160\n"
    "    movw %ds, entry_regs+162\n"
    "    movw %es, entry_regs+164\n"
    "    movw %ss, entry_regs+166\n"
    "    movw %fs, entry_regs+168\n"
    "    movw %gs, entry_regs+170\n"
    "    xorl %ebp, %ebp\n"
    "    call guest_main\n"                  /* RDI is still the boot info */
    "1:  cli\n"
    "    hlt\n"
    "    jmp 1b\n"
    ".size _start, . - _start\n"
    ".previous\n");

_Static_assert(__builtin_offsetof(struct entry_regs, flags) == 128, "flags");
_Static_assert(__builtin_offsetof(struct entry_regs, cr0) == 136, "cr0");
_Static_assert(__builtin_offsetof(struct entry_regs, efer) == 152, "efer");
_Static_assert(__builtin_offsetof(struct entry_regs, cs) == 160, "cs");
