; SPDX-License-Identifier: MIT
; echo [PERIOD_MS]: the classic echo guest. On every timer tick (default
; every 200 ms) it takes at most one new line from the keyboard and prints
; the latest line it has; when input has ended and no line is pending it
; exits with status 0. All ports come from the boot information, so the
; same image runs on default.yaml and remapped.yaml. 64-bit, at 1 MiB.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

%define LINE_MAX 256
%macro port 2				; port REG32, SLOT: REG32 = its port
	mov %1, [rbx + BI_PORTS + 4 * %2]
%endmacro

start:	mov rbx, rdi			; boot information
	xor r12d, r12d			; length of the current line (0: none)
	xor r13d, r13d			; length of the pending, partial line
	call parse_period
	port edx, VMM_PORT_TIMER_INTERVAL
	out dx, eax
	port edx, VMM_PORT_TIMER_CONTROL
	mov al, VMM_TIMER_ENABLE
	out dx, al

tick:	port edx, VMM_PORT_TIMER_CONTROL
.wait:	in al, dx
	test al, VMM_TIMER_FIRED
	jz .wait
	mov al, VMM_TIMER_ENABLE	; acknowledge, keep running
	out dx, al

	call read_line			; eax: 1 new line, 2 end of input
	cmp eax, 1
	je .new
	cmp eax, 2
	jne .print
	test r13, r13			; input ended: flush a partial line
	jz quit
	mov byte [pending + r13], 10
	inc r13
.new:	lea rsi, [rel pending]		; the pending line becomes current
	lea rdi, [rel current]
	mov rcx, r13
	mov r12, r13
	rep movsb
	xor r13d, r13d
.print:	test r12, r12
	jz tick
	lea rsi, [rel current]
	mov rcx, r12
	port edx, VMM_PORT_CONSOLE
	rep outsb
	jmp tick

quit:	port edx, VMM_PORT_EXIT
	xor eax, eax
	out dx, al
	hlt				; no exit device: halting also ends with 0

; Take keys until a line is complete (eax = 1), input has ended (eax = 2) or
; no key is waiting (eax = 0).
read_line:
	port edx, VMM_PORT_KBD_STATUS
	in al, dx
	test al, VMM_KBD_HAS_KEY
	jnz .key
	test al, VMM_KBD_EOF
	jnz .eof
	xor eax, eax
	ret
.eof:	mov eax, 2
	ret
.key:	xor eax, eax			; acknowledge, then read the kept key
	out dx, al
	port edx, VMM_PORT_KBD_DATA
	in al, dx
	mov [pending + r13], al
	inc r13
	cmp al, 10
	je .line
	cmp r13, LINE_MAX - 1		; a full buffer ends the line
	jb read_line
	mov byte [pending + r13], 10
	inc r13
.line:	mov eax, 1
	ret

; eax = the decimal number at the start of the command line, or 200.
parse_period:
	lea rsi, [rbx + BI_CMDLINE]
	xor eax, eax
	xor ecx, ecx
.digit:	movzx edx, byte [rsi + rcx]
	sub edx, '0'
	cmp edx, 9
	ja .end
	imul eax, eax, 10
	add eax, edx
	inc ecx
	jmp .digit
.end:	test ecx, ecx
	jnz .ret
	mov eax, 200
.ret:	ret

current: times LINE_MAX db 0
pending: times LINE_MAX db 0
