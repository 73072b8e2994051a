; SPDX-License-Identifier: MIT
; Print 5000 bytes (enough for vmm to switch the console to coalesced I/O),
; then "line one", then spin without ever exiting: the line must still
; reach standard output while the guest runs.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	mov dx, VMM_DEFAULT_PORT_CONSOLE
	mov ecx, 4999
	mov al, '.'
.dots:	out dx, al
	loop .dots
	mov al, 10
	out dx, al
	lea rsi, [rel msg]
	mov ecx, len
.line:	lodsb				; one OUT per byte: the coalesced path
	out dx, al
	loop .line
	jmp $

msg:	db "line one", 10
len	equ $ - msg
