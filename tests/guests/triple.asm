; SPDX-License-Identifier: MIT
; An invalid opcode with no IDT: #UD, then #GP, then a double fault, then
; the CPU shuts down (a triple fault).
	bits 64
	org 0x100000

	ud2
