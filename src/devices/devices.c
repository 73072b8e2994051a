/* SPDX-License-Identifier: MIT */
/* The plain list of device descriptors: grep here to see every device. */
#include <string.h>

#include "devices.h"

const struct dev_desc *const devices_all[] = {
	&console_desc,
	&kbd_desc,
	&timer_desc,
	&exitdev_desc,
	NULL,
};

const struct dev_desc *devices_find(const char *name)
{
	for (size_t i = 0; devices_all[i]; i++)
		if (strcmp(devices_all[i]->name, name) == 0)
			return devices_all[i];
	return NULL;
}
