/* SPDX-License-Identifier: MIT */
/* The machine parser's state, shared by machine.c (the top level) and
 * cfg_devices.c (the devices: section). Internal to config/. */
#ifndef VMM_CONFIG_CFG_DEVICES_H
#define VMM_CONFIG_CFG_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "../src/devices/iotab.h"
#include "cfg_yaml.h"
#include "machine.h"

struct cfg_parser {
	struct cfg_reader r;
	struct machine *m;
	/* The ports bound so far, through the same port table the run uses
	 * (iotab_bind refuses a taken port), with the mark of each binding
	 * (port_mark[i] for ports.entry[i]) to name the first owner. */
	struct iotab ports;
	struct cfg_mark port_mark[IOTAB_MAX_ENTRIES];
	bool has_devices;    /* the file has a devices: key, even an empty one */
	struct cfg_mark top; /* the top-level mapping */
};

/* Read the value of key what as a number (cfg_text_number syntax) into
 * *val; 0, or a negative errno with the error at the value's mark. */
int cfg_number(struct cfg_reader *r, const char *what, uint64_t *val);

/* devices: a mapping of names from the device list, each at most once,
 * each with its port keys and flags; 0 or a negative errno. */
int cfg_devices(struct cfg_parser *p);

#endif
