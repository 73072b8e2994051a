/* SPDX-License-Identifier: MIT */
/* The list of every device vmm knows, by the name the machine file uses. */
#ifndef VMM_SRC_DEVICES_DEVICES_H
#define VMM_SRC_DEVICES_DEVICES_H

#include "dev.h"

/* Each descriptor of list.h, e.g. console_desc. */
#define DEVICE(desc) extern const struct dev_desc desc;
#include "list.h"
#undef DEVICE

/* Every known device, NULL-terminated, in list.h's order. */
extern const struct dev_desc *const devices_all[];

/* The descriptor named name, or NULL. */
const struct dev_desc *devices_find(const char *name);

#endif
