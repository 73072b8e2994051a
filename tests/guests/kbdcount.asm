; SPDX-License-Identifier: MIT
; Count every key until end of input, then print the count in decimal:
; keys sent faster than the guest reads must all arrive.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	xor ebx, ebx
.poll:	mov dx, VMM_DEFAULT_PORT_KBD_STATUS
	in al, dx
	test al, VMM_KBD_HAS_KEY
	jnz .key
	test al, VMM_KBD_EOF
	jz .poll
	mov eax, ebx			; print ebx in decimal
	lea rdi, [rel buf + 15]
	mov byte [rdi], 10
	mov ecx, 10
.digit:	xor edx, edx
	div ecx
	add dl, '0'
	dec rdi
	mov [rdi], dl
	test eax, eax
	jnz .digit
	lea rcx, [rel buf + 16]
	sub rcx, rdi
	mov rsi, rdi
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	rep outsb
	hlt
.key:	inc ebx
	xor eax, eax
	out dx, al			; ack
	jmp .poll

buf:	times 16 db 0
