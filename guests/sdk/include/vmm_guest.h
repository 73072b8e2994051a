/* SPDX-License-Identifier: MIT */
/*
 * The guest SDK in one include: boot information, console, keyboard, timer,
 * exit, printf and string helpers. docs/writing-guests.md shows the use.
 */
#ifndef VMM_GUEST_H
#define VMM_GUEST_H

#include "vmm_abi.h"
#include "vmm_boot.h"
#include "vmm_console.h"
#include "vmm_exit.h"
#include "vmm_io.h"
#include "vmm_irq.h"
#include "vmm_kbd.h"
#include "vmm_print.h"
#include "vmm_string.h"
#include "vmm_timer.h"

/*
 * The guest's own entry point, called by the SDK's start-up code once .bss
 * is zero and bi has been checked (magic, version, size). Its return value
 * is the run's exit status, through vmm_exit().
 */
int main(const struct vmm_bootinfo *bi);

#endif
