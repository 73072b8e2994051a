; SPDX-License-Identifier: MIT
; console_outs_10k: console_outs.asm with 10,000 lines, bench/run's default
; (KVM emulates `rep outsb` one element, one exit, at a time: 100,000 lines
; take more than a minute on the floor here).
%define LINES 10000
%define OUTS
%include "guests/console.asm"
