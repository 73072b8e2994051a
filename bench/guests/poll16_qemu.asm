; SPDX-License-Identifier: MIT
; poll16_qemu: real16.asm's exit-cost guest as QEMU firmware (-bios).
%define POLL
%define BIOS
%include "guests/real16.asm"
