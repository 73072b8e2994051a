/* SPDX-License-Identifier: MIT */
/*
 * The boot information as the SDK keeps it: the ports of the devices present
 * and the command line, checked once at start-up (src/boot.c) so drivers and
 * guests never read a raw port number from memory the guest may overwrite.
 */
#ifndef VMM_GUEST_BOOT_H
#define VMM_GUEST_BOOT_H

#include <stdint.h>

#include "vmm_abi.h"

/*
 * Exit status of a guest started without valid boot information (a wrong
 * magic, version or size at RDI/EDI): the SDK reports it on the default
 * console port and exits with this status through the default exit port.
 */
#define VMM_SDK_EXIT_BADBOOT 125

/*
 * The port of a VMM_PORT_* slot, or VMM_PORT_ABSENT when the machine has no
 * such device (or before start-up has read the boot information).
 */
uint32_t vmm_port(unsigned int slot);

/* True when the machine has the device behind slot (a VMM_PORT_* value). */
int vmm_has_port(unsigned int slot);

/*
 * The checked boot information main() was given, or NULL before start-up.
 * It lives in vmm's area of guest memory; the guest must not write it.
 */
const struct vmm_bootinfo *vmm_bootinfo(void);

/*
 * The command line: the guest arguments after `--`, joined by one space,
 * NUL-terminated; "" when there were none.
 */
const char *vmm_cmdline(void);

#endif
