; SPDX-License-Identifier: MIT
; 64-bit, no IDT of its own: an invalid opcode, caught by vmm's default IDT.
	bits 64
	org 0x100000

	ud2
