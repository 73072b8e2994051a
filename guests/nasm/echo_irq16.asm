; SPDX-License-Identifier: MIT
; echo_irq16 [PERIOD_MS]: the echo guest (echo.asm) in real mode, on
; interrupts through the IVT: it prints exactly what echo prints for the
; same input, but sleeps in hlt between ticks. The machine must give the
; timer and the keyboard a vector (machines/interrupts-real.yaml); without
; them it prints "echo_irq16: no interrupts" and exits with status 1.
; The keyboard's handler moves waiting keys into a ring of 4 KiB; the
; timer's notes the tick; the main loop takes keys from the ring on each
; tick as echo takes them from the keyboard. Real mode, at 0x1000.
%include "vmm_abi.inc"
	bits 16
	org 0x1000

%define LINE_MAX 256
%define RING 4096			; a power of two
%macro port 2				; port REG16, SLOT: REG16 = its port
	mov %1, [bx + BI_PORTS + 4 * %2]
%endmacro
%macro vector 2				; vector SLOT, HANDLER: set its IVT entry
	movzx si, byte [bx + BI_IRQ + %1]
	test si, si
	jz no_irq
	shl si, 2
	mov word [si], %2
	mov word [si + 2], 0
%endmacro

start:	cli
	mov bx, di			; boot information
	vector VMM_IRQ_TIMER, on_tick
	vector VMM_IRQ_KBD, on_key
	port ax, VMM_PORT_TIMER_CONTROL
	mov [timer_ctl], ax
	port ax, VMM_PORT_KBD_STATUS
	mov [kbd_status], ax
	port ax, VMM_PORT_KBD_DATA
	mov [kbd_data], ax
	port ax, VMM_PORT_CONSOLE
	mov [console], ax
	port ax, VMM_PORT_EXIT
	mov [exit_port], ax
	call parse_period
	port dx, VMM_PORT_TIMER_INTERVAL
	out dx, eax
	mov dx, [timer_ctl]
	mov al, VMM_TIMER_ENABLE
	out dx, al
	xor bp, bp			; length of the current line (0: none)
	xor di, di			; length of the pending, partial line

tick:	cli				; sleep until the timer's handler ran
.wait:	cmp byte [ticked], 0
	jne .go
	sti				; sti; hlt: a pending interrupt wakes it
	hlt
	cli
	jmp .wait
.go:	mov byte [ticked], 0
	sti
	call read_line			; ax: 1 new line, 2 end of input
	cmp ax, 1
	je .new
	cmp ax, 2
	jne .print
	test di, di			; input ended: flush a partial line
	jz quit
	mov byte [pending + di], 10
	inc di
.new:	mov si, pending			; the pending line becomes current
	mov cx, di
	mov bp, di
	push di
	mov di, current
	rep movsb
	pop di
	xor di, di
.print:	test bp, bp
	jz tick
	mov si, current
	mov cx, bp
	mov dx, [console]
	rep outsb
	jmp tick

quit:	cli
	mov dx, [exit_port]
	xor al, al
	out dx, al
	hlt				; no exit device: halting also ends with 0

no_irq:	mov si, no_irq_msg
	mov cx, no_irq_len
	port dx, VMM_PORT_CONSOLE
	rep outsb
	port dx, VMM_PORT_EXIT
	mov al, 1
	out dx, al
	hlt

; Take keys from the ring until a line is complete (ax = 1), input has
; ended (ax = 2) or no key is waiting (ax = 0).
read_line:
	mov si, [ring_tail]
	cmp si, [ring_head]
	jne .key
	xor ax, ax
	cmp byte [input_ended], 0
	je .ret
	mov ax, 2
.ret:	ret
.key:	and si, RING - 1
	mov al, [ring + si]
	inc word [ring_tail]
	mov [pending + di], al
	inc di
	cmp al, 10
	je .line
	cmp di, LINE_MAX - 1		; a full buffer ends the line
	jb read_line
	mov byte [pending + di], 10
	inc di
.line:	mov ax, 1
	ret

; The timer's interrupt: note the tick, acknowledge (lowers its line).
on_tick:
	push ax
	push dx
	mov byte [ticked], 1
	mov dx, [timer_ctl]
	mov al, VMM_TIMER_ENABLE
	out dx, al
	pop dx
	pop ax
	iret

; The keyboard's interrupt: move every waiting key into the ring (its line
; is up until none waits); reading the status at the end of input lowers
; the line it raised for that.
on_key:
	push ax
	push dx
	push si
.next:	mov si, [ring_head]
	sub si, [ring_tail]
	cmp si, RING
	jae .done
	mov dx, [kbd_status]
	in al, dx
	test al, VMM_KBD_HAS_KEY
	jnz .key
	test al, VMM_KBD_EOF
	jz .done
	mov byte [input_ended], 1
	jmp .done
.key:	xor al, al			; acknowledge, then read the kept key
	out dx, al
	mov dx, [kbd_data]
	in al, dx
	mov si, [ring_head]
	and si, RING - 1
	mov [ring + si], al
	inc word [ring_head]
	jmp .next
.done:	pop si
	pop dx
	pop ax
	iret

; eax = the decimal number at the start of the command line, or 200.
parse_period:
	lea si, [bx + BI_CMDLINE]
	xor eax, eax
	xor ecx, ecx
.digit:	movzx edx, byte [si]
	sub edx, '0'
	cmp edx, 9
	ja .end
	imul eax, eax, 10
	add eax, edx
	inc si
	inc ecx
	jmp .digit
.end:	test ecx, ecx
	jnz .ret
	mov eax, 200
.ret:	ret

no_irq_msg: db "echo_irq16: no interrupts", 10
no_irq_len equ $ - no_irq_msg
ticked:		db 0
input_ended:	db 0
timer_ctl:	dw 0
kbd_status:	dw 0
kbd_data:	dw 0
console:	dw 0
exit_port:	dw 0
ring_head:	dw 0
ring_tail:	dw 0
current:	times LINE_MAX db 0
pending:	times LINE_MAX db 0
ring:		times RING db 0
