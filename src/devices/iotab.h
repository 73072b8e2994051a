/* SPDX-License-Identifier: MIT */
/*
 * The port table: port -> (device instance, register) in O(1) for the exit
 * path. slot[port] indexes entry[]; slot 0 means no device owns the port.
 */
#ifndef VMM_SRC_DEVICES_IOTAB_H
#define VMM_SRC_DEVICES_IOTAB_H

#include <stdint.h>

#include "dev.h"

#define IOTAB_MAX_ENTRIES 64

struct iotab_entry {
	const struct dev_desc *desc;
	void *state;  /* the device instance */
	unsigned reg; /* the device's register number */
	uint16_t port;
	const struct dev_port *key; /* which of desc->ports this is */
};

struct iotab {
	uint8_t slot[65536];
	struct iotab_entry entry[IOTAB_MAX_ENTRIES]; /* entry[0] unused */
	unsigned nentries;                           /* used, entry[0] too */
};

/* Empty the table. */
void iotab_init(struct iotab *t);

/*
 * Bind port to register key->reg of the device instance state of type desc.
 * Returns 0, -EEXIST when the port is already bound (iotab_lookup names the
 * owner), or -ENOSPC when the table is full.
 */
int iotab_bind(struct iotab *t, uint16_t port, const struct dev_desc *desc,
	       void *state, const struct dev_port *key);

/* The entry owning port, or NULL. On the exit path: no calls, no branches
 * beyond the one for "no device". */
static inline const struct iotab_entry *iotab_lookup(const struct iotab *t,
						     uint16_t port)
{
	uint8_t i = t->slot[port];

	return i ? &t->entry[i] : (const struct iotab_entry *)0;
}

#endif
