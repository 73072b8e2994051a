; SPDX-License-Identifier: MIT
; console_outs: 100,000 lines of 64 bytes, one `rep outsb` per line.
%define OUTS
%include "guests/console.asm"
