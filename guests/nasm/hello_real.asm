; SPDX-License-Identifier: MIT
; hello in 16-bit real mode: machines/real.yaml loads it at 0x1000 (the LWN
; example's convention) with every segment base 0.
%include "vmm_abi.inc"
	bits 16
	org 0x1000

	mov si, msg
	mov dx, VMM_DEFAULT_PORT_CONSOLE
.next:	lodsb
	test al, al
	jz .done
	out dx, al
	jmp .next
.done:	hlt

msg:	db "hello from real mode", 10, 0
