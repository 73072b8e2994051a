; SPDX-License-Identifier: MIT
; hello in 64-bit long mode: the default machine loads it at 1 MiB.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	lea rsi, [rel msg]
	mov dx, VMM_DEFAULT_PORT_CONSOLE
.next:	lodsb
	test al, al
	jz .done
	out dx, al
	jmp .next
.done:	hlt

msg:	db "hello from long mode", 10, 0
