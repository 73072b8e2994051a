; SPDX-License-Identifier: MIT
; hello: a 64-bit raw image at 1 MiB that prints one line on the console and
; exits with status 7, both at the ports the boot information names.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	mov rbx, rdi			; boot information
	lea rsi, [rel msg]
	mov ecx, len
	mov edx, [rbx + BI_PORTS + 4 * VMM_PORT_CONSOLE]
	rep outsb			; the whole line at once
	mov eax, 7
	mov edx, [rbx + BI_PORTS + 4 * VMM_PORT_EXIT]
	out dx, al
	hlt				; not reached: the exit device ends the run

msg:	db "hello from nasm", 10
len:	equ $ - msg
