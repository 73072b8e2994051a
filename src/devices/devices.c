/* SPDX-License-Identifier: MIT */
/* The plain list of device descriptors (list.h: grep there for every
 * device), and finding one by name. */
#include <string.h>

#include "devices.h"

const struct dev_desc *const devices_all[] = {
#define DEVICE(desc) &desc,
#include "list.h"
#undef DEVICE
	NULL,
};

const struct dev_desc *devices_find(const char *name)
{
	for (size_t i = 0; devices_all[i]; i++)
		if (strcmp(devices_all[i]->name, name) == 0)
			return devices_all[i];
	return NULL;
}
