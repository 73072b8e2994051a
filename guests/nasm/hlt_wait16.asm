; SPDX-License-Identifier: MIT
; hlt_wait16: hlt with interrupts on waits for an interrupt, and ends the
; run once none can come (SPEC "Interrupts"). Real mode at 0x1000, default
; ports, the timer's vector 32 (tests/integration/machines/timer-irq16.yaml).
; The first hlt is woken by a tick, whose handler stops the timer; the
; guest prints "w"; the second hlt can never be woken, so the run ends with
; status 0 (the exit device's 7 is never reached).
	bits 16
	org 0x1000

start:	mov word [32 * 4], on_tick
	mov word [32 * 4 + 2], 0
	mov dx, 0x46			; interval: 10 ms
	mov al, 10
	out dx, al
	mov dx, 0x47			; enable
	mov al, 1
	out dx, al
	sti
	hlt				; the tick wakes it
	mov dx, 0x42
	mov al, 'w'
	out dx, al
	mov al, 10
	out dx, al
	hlt				; nothing can come: the run ends
	mov dx, 0xf4
	mov al, 7
	out dx, al

on_tick: push ax
	push dx
	mov dx, 0x47			; acknowledge and stop
	xor al, al
	out dx, al
	pop dx
	pop ax
	iret
