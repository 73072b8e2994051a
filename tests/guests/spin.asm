; SPDX-License-Identifier: MIT
; Print a line and a partial line, then spin without ever exiting to vmm:
; only --timeout or a signal ends it, and both must flush "partial".
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	lea rsi, [rel msg]
	mov ecx, len
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	rep outsb
	jmp $

msg:	db "line one", 10, "partial"
len	equ $ - msg
