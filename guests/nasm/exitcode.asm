; SPDX-License-Identifier: MIT
; exitcode [N]: print a line, then write N (default 42) to the exit device,
; whose port it takes from the boot information. 64-bit, at 1 MiB.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	mov rbx, rdi			; boot information
	lea rsi, [rel msg]
	mov edx, [rbx + BI_PORTS + 4 * VMM_PORT_CONSOLE]
.next:	lodsb
	test al, al
	jz .parse
	out dx, al
	jmp .next

.parse:	; N from the command line: decimal digits, else 42
	lea rsi, [rbx + BI_CMDLINE]
	xor eax, eax
	movzx ecx, byte [rsi]
	test ecx, ecx
	jz .default
.digit:	movzx ecx, byte [rsi]
	sub ecx, '0'
	cmp ecx, 9
	ja .exit
	imul eax, eax, 10
	add eax, ecx
	inc rsi
	jmp .digit
.default:
	mov eax, 42
.exit:	mov edx, [rbx + BI_PORTS + 4 * VMM_PORT_EXIT]
	out dx, eax
	hlt				; not reached: the exit device ends the run

msg:	db "exiting", 10, 0
