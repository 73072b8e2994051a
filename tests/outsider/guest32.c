/*
 * guest32.c — a freestanding ELF32 guest for vmm's `entry: protected`.
 * Written only from SPEC.md and docs/abi.md.  Build: see build.sh.
 */
#define GUEST_BITS 32
#include "outsider.h"

struct entry_regs entry_regs;

/*
 * Start-up: record the vCPU state at entry (every GPR, EFLAGS, selectors,
 * CR0/CR4) before touching anything, then call guest_main(EDI) (cdecl:
 * the argument goes on the stack) on vmm's stack (ESP = top of memory).
 */
__asm__(
    ".section .text.start, \"ax\"\n"
    ".globl _start\n"
    ".type _start, @function\n"
    "_start:\n"
    "    movl %eax, entry_regs+0\n"
    "    movl %ebx, entry_regs+4\n"
    "    movl %ecx, entry_regs+8\n"
    "    movl %edx, entry_regs+12\n"
    "    movl %esi, entry_regs+16\n"
    "    movl %edi, entry_regs+20\n"
    "    movl %ebp, entry_regs+24\n"
    "    movl %esp, entry_regs+28\n"
    "    pushfl\n"
    "    popl %eax\n"
    "    movl %eax, entry_regs+64\n"
    "    movl %cr0, %eax\n"
    "    movl %eax, entry_regs+68\n"
    "    movl %cr4, %eax\n"
    "    movl %eax, entry_regs+72\n"
    "    movw %cs, entry_regs+84\n"
    "    movw %ds, entry_regs+86\n"
    "    movw %es, entry_regs+88\n"
    "    movw %ss, entry_regs+90\n"
    "    movw %fs, entry_regs+92\n"
    "    movw %gs, entry_regs+94\n"
    "    xorl %ebp, %ebp\n"
    "    subl $12, %esp\n"                   /* keep 16-byte alignment */
    "    pushl %edi\n"                       /* the boot information */
    "    call guest_main\n"
    "1:  cli\n"
    "    hlt\n"
    "    jmp 1b\n"
    ".size _start, . - _start\n"
    ".previous\n");

_Static_assert(__builtin_offsetof(struct entry_regs, flags) == 64, "flags");
_Static_assert(__builtin_offsetof(struct entry_regs, cr0) == 68, "cr0");
_Static_assert(__builtin_offsetof(struct entry_regs, cr4) == 72, "cr4");
_Static_assert(__builtin_offsetof(struct entry_regs, cs) == 84, "cs");
