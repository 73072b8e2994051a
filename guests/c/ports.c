// SPDX-License-Identifier: MIT
/*
 * ports: prints the boot information as the guest sees it: version, memory
 * size and each device port (or "absent"), under the machine file's names.
 */
#include "vmm_guest.h"

static const struct {
	unsigned int slot;
	const char *name;
} port_names[] = {
	{ VMM_PORT_CONSOLE, "console port" },
	{ VMM_PORT_KBD_DATA, "keyboard data_port" },
	{ VMM_PORT_KBD_STATUS, "keyboard status_port" },
	{ VMM_PORT_TIMER_INTERVAL, "timer interval_port" },
	{ VMM_PORT_TIMER_CONTROL, "timer control_port" },
	{ VMM_PORT_EXIT, "exit port" },
};

int main(const struct vmm_bootinfo *bi)
{
	unsigned int i;
	uint32_t port;

	vmm_printf("bootinfo version %u, memory 0x%llx\n",
	           (unsigned int)bi->version,
	           (unsigned long long)bi->mem_bytes);
	for (i = 0; i < sizeof(port_names) / sizeof(port_names[0]); i++) {
		port = vmm_port(port_names[i].slot);
		if (port == VMM_PORT_ABSENT)
			vmm_printf("%s: absent\n", port_names[i].name);
		else
			vmm_printf("%s: 0x%x\n", port_names[i].name,
			           (unsigned int)port);
	}
	return 0;
}
