; SPDX-License-Identifier: MIT
; console_loop_10k: console_loop.asm with 10,000 lines, bench/run's default.
%define NOOUT
%define LINES 10000
%include "guests/console.asm"
