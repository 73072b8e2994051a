; SPDX-License-Identifier: MIT
; console_out_10k: console_out.asm with 10,000 lines, bench/run's default
; (the floor takes one VM exit per byte: 100,000 lines take a minute or
; more on a nested-KVM machine).
%define LINES 10000
%include "guests/console.asm"
