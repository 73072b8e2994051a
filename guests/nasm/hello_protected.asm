; SPDX-License-Identifier: MIT
; hello in 32-bit protected mode: machines/protected.yaml loads it at 1 MiB.
%include "vmm_abi.inc"
	bits 32
	org 0x100000

	mov esi, msg
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	mov ecx, len
	rep outsb		; string I/O: each byte is handled in order
	hlt

msg:	db "hello from protected mode", 10
len	equ $ - msg
