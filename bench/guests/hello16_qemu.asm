; SPDX-License-Identifier: MIT
; hello16_qemu: real16.asm's start-up guest as QEMU firmware (-bios).
%define BIOS
%include "guests/real16.asm"
