; SPDX-License-Identifier: MIT
; A stand-in for the seed course's real-mode echo guest, built the way the
; course builds it (nasm -f elf32; ld -m elf_i386 -Ttext 0x1000 --oformat
; binary) and written the way it is written: fixed default ports, no boot
; information, one loop that polls the keyboard and the timer. Keys are
; echoed as they come; every 100 ms tick prints a line "."; at the end of
; input the guest halts. bench/run measures its host CPU while it waits.
	bits 16
	section .text
	global _start

CONSOLE		equ 0x42
KBD_DATA	equ 0x44
KBD_STATUS	equ 0x45
TIMER_INTERVAL	equ 0x46
TIMER_CONTROL	equ 0x47

_start:	mov dx, TIMER_INTERVAL
	mov al, 100
	out dx, al
	mov dx, TIMER_CONTROL
	mov al, 1
	out dx, al
.loop:	mov dx, KBD_STATUS
	in al, dx
	test al, 2			; end of input
	jnz .end
	test al, 1			; a key
	jz .timer
	mov dx, KBD_DATA
	in al, dx
	mov dx, CONSOLE
	out dx, al
	mov dx, KBD_STATUS
	xor al, al			; acknowledge
	out dx, al
.timer:	mov dx, TIMER_CONTROL
	in al, dx
	test al, 2			; fired
	jz .loop
	mov al, 1			; acknowledge, keep running
	out dx, al
	mov dx, CONSOLE
	mov al, '.'
	out dx, al
	mov al, 10
	out dx, al
	jmp .loop
.end:	hlt
