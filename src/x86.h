/* SPDX-License-Identifier: MIT */
/* Architectural x86 constants vmm needs, each defined once (Intel SDM). */
#ifndef VMM_SRC_X86_H
#define VMM_SRC_X86_H

/* Control register and EFER bits (SDM vol. 3A, 2.5 and 2.2.1). */
#define CR0_PE (1ull << 0)
#define CR0_MP (1ull << 1)
#define CR0_ET (1ull << 4)
#define CR0_NE (1ull << 5)
#define CR0_WP (1ull << 16)
#define CR0_NW (1ull << 29)
#define CR0_CD (1ull << 30)
#define CR0_PG (1ull << 31)
#define CR4_PAE        (1ull << 5)
#define CR4_OSFXSR     (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)

/* Page-table entry bits (SDM vol. 3A, 4.5). */
#define PTE_P  (1ull << 0)
#define PTE_RW (1ull << 1)
#define PTE_PS (1ull << 7)

#define PAGE_2M (1ull << 21)
#define PAGE_1G (1ull << 30)
#define RFLAGS_RESERVED 0x2ull /* bit 1 always reads 1 */

/* An interrupt gate's type byte: present, DPL 0, 32- or 64-bit interrupt
 * gate (IF is cleared on entry). SDM vol. 3A, 6.11. */
#define GATE_INTERRUPT 0x8eull

#define OP_HLT  0xf4
#define OP_INT3 0xcc
#define OP_INT_N 0xcd /* int imm8 */

#endif
