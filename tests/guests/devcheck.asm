; SPDX-License-Identifier: MIT
; The device registers exactly as SPEC.md states them, checked from inside a
; guest written from the SPEC alone, on the default ports. Expects "ab" on
; standard input. Prints one "ok" line per device, then writes 0x1234 to the
; exit device with a 2-byte OUT, so vmm must exit with 0x34.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

%define CON VMM_DEFAULT_PORT_CONSOLE
%define KD  VMM_DEFAULT_PORT_KBD_DATA
%define KS  VMM_DEFAULT_PORT_KBD_STATUS
%define TI  VMM_DEFAULT_PORT_TIMER_INTERVAL
%define TC  VMM_DEFAULT_PORT_TIMER_CONTROL

; expect_al VALUE, CODE: fail with CODE unless al == VALUE
%macro expect_al 2
	cmp al, %1
	mov r15d, %2
	jne fail
%endmacro
%macro inb 1
	mov dx, %1
	in al, dx
%endmacro
%macro outb 2
	mov dx, %1
	mov al, %2
	out dx, al
%endmacro

start:	lea rsi, [rel con_ok]
	call puts

	; keyboard: poll until 'a' is latched
.poll:	inb KS
	test al, al
	jz .poll
	expect_al VMM_KBD_HAS_KEY, 10
	inb KD
	expect_al 'a', 11
	inb KS				; not acknowledged: still latched
	expect_al VMM_KBD_HAS_KEY, 12
	outb KS, 0			; ack, then read data: 'a' is kept
	inb KD
	expect_al 'a', 13
.poll2:	inb KS				; latches 'b'
	test al, al
	jz .poll2
	expect_al VMM_KBD_HAS_KEY, 14
	inb KD				; read data, then ack
	expect_al 'b', 15
	outb KS, 0
	inb KD
	expect_al 'b', 16
.poll3:	inb KS				; end of input
	test al, al
	jz .poll3
	expect_al VMM_KBD_EOF, 17
	lea rsi, [rel kbd_ok]
	call puts

	; timer: interval read-back, zero extension
	mov dx, TI
	mov eax, 0x12345678
	out dx, eax
	in eax, dx
	cmp eax, 0x12345678
	mov r15d, 20
	jne fail
	mov ax, 0xabcd
	out dx, ax
	in eax, dx
	cmp eax, 0xabcd
	mov r15d, 21
	jne fail
	inb TC				; off
	expect_al 0, 22
	mov dx, TI
	mov eax, 50
	out dx, eax
	outb TC, VMM_TIMER_ENABLE
	inb TC
	expect_al VMM_TIMER_ENABLE, 23	; 50 ms have not passed yet
.fire1:	inb TC
	cmp al, VMM_TIMER_ENABLE | VMM_TIMER_FIRED
	jne .fire1
	outb TC, VMM_TIMER_ENABLE | VMM_TIMER_FIRED	; 0x3 acks, keeps running
	inb TC
	expect_al VMM_TIMER_ENABLE, 24
.fire2:	inb TC
	test al, VMM_TIMER_FIRED
	jz .fire2
	outb TC, VMM_TIMER_ENABLE	; 0x1 acks, keeps running
	inb TC
	expect_al VMM_TIMER_ENABLE, 25
	outb TC, 0			; stop
	inb TC
	expect_al 0, 26
	mov dx, TI			; period 0 never fires
	xor eax, eax
	out dx, eax
	outb TC, VMM_TIMER_ENABLE
	mov ecx, 2000
.never:	inb TC
	expect_al VMM_TIMER_ENABLE, 27
	dec ecx
	jnz .never
	outb TC, 0xfc			; other bits: ignored, read 0
	inb TC
	expect_al 0, 28
	lea rsi, [rel timer_ok]
	call puts

	mov dx, VMM_DEFAULT_PORT_EXIT
	mov ax, 0x1234
	out dx, ax
	hlt

; print the NUL-terminated string at rsi
puts:	mov dx, CON
.next:	lodsb
	test al, al
	jz .done
	out dx, al
	jmp .next
.done:	ret

; print "FAIL <r15>" and exit 1
fail:	lea rsi, [rel fail_msg]
	call puts
	mov eax, r15d
	mov bl, 10
	div bl
	add al, '0'
	out dx, al
	mov al, ah
	add al, '0'
	out dx, al
	mov al, 10
	out dx, al
	mov dx, VMM_DEFAULT_PORT_EXIT
	mov al, 1
	out dx, al
	hlt

con_ok:	db "console ok", 10, 0
kbd_ok:	db "keyboard ok", 10, 0
timer_ok: db "timer ok", 10, 0
fail_msg: db "FAIL ", 0
