; SPDX-License-Identifier: MIT
; The smallest long-mode machine: 32 KiB, the image at 0x7c00, the stack
; at 0x8000 right above it. It calls (pushes on that stack) to print.
%include "vmm_abi.inc"
	bits 64
	org 0x7c00

	lea rsi, [rel msg]
	call puts
	hlt
puts:	mov dx, VMM_DEFAULT_PORT_CONSOLE
.next:	lodsb
	test al, al
	jz .done
	out dx, al
	jmp .next
.done:	ret
msg:	db "tiny", 10, 0
