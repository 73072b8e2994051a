; SPDX-License-Identifier: MIT
; Lines of every length up to and past the console's 4096-byte buffer, one
; OUT per byte: lengths [0, 300), [4090, 4100), [8190, 8195), then three of
; 200000. A line of length n repeats the letter 'a' + n % 26.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	mov dx, VMM_DEFAULT_PORT_CONSOLE
	lea rbx, [rel ranges]
.range:	mov r8d, [rbx]			; first length
	mov r9d, [rbx + 4]		; end (exclusive)
	test r9d, r9d
	jz .done
.line:	mov eax, r8d			; al = 'a' + n % 26
	xor edx, edx
	mov ecx, 26
	div ecx
	lea eax, [rdx + 'a']
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	mov ecx, r8d
	jrcxz .nl
.byte:	out dx, al
	loop .byte
.nl:	mov al, 10
	out dx, al
	inc r8d
	cmp r8d, r9d
	jb .line
	add rbx, 8
	jmp .range
.done:	hlt

ranges:	dd 0, 300, 4090, 4100, 8190, 8195, 200000, 200003, 0, 0
