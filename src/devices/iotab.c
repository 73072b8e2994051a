/* SPDX-License-Identifier: MIT */
/* The port table: binding refuses a port that is already taken. */
#include <errno.h>
#include <string.h>

#include "iotab.h"

void iotab_init(struct iotab *t)
{
	memset(t->slot, 0, sizeof(t->slot));
	t->nentries = 1;
}

int iotab_bind(struct iotab *t, uint16_t port, const struct dev_desc *desc,
	       void *state, const struct dev_port *key)
{
	struct iotab_entry *e;

	if (t->slot[port])
		return -EEXIST;
	if (t->nentries >= IOTAB_MAX_ENTRIES)
		return -ENOSPC;
	e = &t->entry[t->nentries];
	e->desc = desc;
	e->state = state;
	e->reg = key->reg;
	e->port = port;
	e->key = key;
	t->slot[port] = (uint8_t)t->nentries++;
	return 0;
}
