; SPDX-License-Identifier: MIT
; The guest loads an empty IDT of its own, replacing vmm's default one, then
; runs an invalid opcode: #UD, then #GP, then a double fault, then the CPU
; shuts down (a triple fault).
	bits 64
	org 0x100000

	lidt [rel empty_idt]
	ud2
empty_idt:
	dw 0
	dq 0
