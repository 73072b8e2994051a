// SPDX-License-Identifier: MIT
/* Ending the run: the exit device when there is one, hlt otherwise. */
#include "vmm_guest.h"

void vmm_halt(void)
{
	for (;;)
		vmm_hlt();
}

void vmm_exit(int code)
{
	uint32_t port = vmm_port(VMM_PORT_EXIT);

	if (port != VMM_PORT_ABSENT)
		vmm_outb(port, (uint8_t)code);
	vmm_halt();
}
