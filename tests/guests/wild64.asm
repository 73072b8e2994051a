; SPDX-License-Identifier: MIT
; 64-bit: jump to an address the identity map does not cover (page fault,
; no IDT: a triple fault).
	bits 64
	org 0x100000

	mov rax, 0x40000000
	jmp rax
