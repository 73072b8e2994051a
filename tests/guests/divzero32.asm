; SPDX-License-Identifier: MIT
; 32-bit protected mode, no IDT of its own: divide by zero (#DE).
	bits 32
	org 0x100000

	mov eax, 42
	xor ecx, ecx
	div ecx
	hlt
