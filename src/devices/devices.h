/* SPDX-License-Identifier: MIT */
/* The list of every device vmm knows, by the name the machine file uses. */
#ifndef VMM_SRC_DEVICES_DEVICES_H
#define VMM_SRC_DEVICES_DEVICES_H

#include "dev.h"

extern const struct dev_desc console_desc;
extern const struct dev_desc kbd_desc;
extern const struct dev_desc timer_desc;
extern const struct dev_desc exitdev_desc;

/* Every known device, NULL-terminated, in a fixed order. */
extern const struct dev_desc *const devices_all[];

/* The descriptor named name, or NULL. */
const struct dev_desc *devices_find(const char *name);

#endif
