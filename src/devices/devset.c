/* SPDX-License-Identifier: MIT */
/* Device instances: allocated per VM before the guest starts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmm_abi.h"

#include "devset.h"

void devset_init(struct devset *ds)
{
	memset(&ds->env, 0, sizeof(ds->env));
	ds->ndevs = 0;
	ds->nirqs = 0;
	iotab_init(&ds->iotab);
}

int devset_add(struct devset *ds, const struct dev_desc *desc,
	       const uint16_t *port, struct vmm_err *err)
{
	unsigned first = ds->iotab.nentries;
	size_t i = 0;
	void *st;
	int rc;

	if (ds->ndevs >= DEVSET_MAX)
		return err_set(err, -ENOSPC, "too many devices (at most %d)",
			       DEVSET_MAX);
	st = calloc(1, desc->state_size ? desc->state_size : 1);
	if (!st)
		return err_set(err, -ENOMEM, "out of memory for device '%s'",
			       desc->name);
	rc = desc->init ? desc->init(st, &ds->env) : 0;
	if (rc < 0) {
		free(st);
		return err_set(err, rc, "device '%s': cannot start: %s",
			       desc->name, strerror(-rc));
	}
	for (i = 0; i < desc->nports; i++) {
		rc = iotab_bind(&ds->iotab, port[i], desc, st, &desc->ports[i]);
		if (rc < 0)
			goto unbind;
	}
	ds->dev[ds->ndevs].desc = desc;
	ds->dev[ds->ndevs].state = st;
	ds->dev[ds->ndevs].vector = 0;
	ds->ndevs++;
	return 0;
unbind:
	while (ds->iotab.nentries > first)
		ds->iotab.slot[ds->iotab.entry[--ds->iotab.nentries].port] = 0;
	free(st);
	if (rc == -EEXIST)
		return err_set(err, rc, "device '%s': port 0x%x is taken",
			       desc->name, port[i]);
	return err_set(err, rc, "device '%s': too many ports", desc->name);
}

int devset_finish(struct devset *ds)
{
	int first = 0;

	for (unsigned i = 0; i < ds->ndevs; i++) {
		const struct dev_desc *d = ds->dev[i].desc;
		int rc = d->finish ? d->finish(ds->dev[i].state) : 0;

		if (rc < 0 && !first)
			first = rc;
	}
	return first;
}

void devset_abi_ports(const struct devset *ds, uint32_t *ports)
{
	for (unsigned i = 0; i < VMM_PORT_SLOTS; i++)
		ports[i] = VMM_PORT_ABSENT;
	for (unsigned i = 1; i < ds->iotab.nentries; i++) {
		const struct iotab_entry *e = &ds->iotab.entry[i];

		ports[e->key->abi_slot] = e->port;
	}
}

uint64_t devset_next_event_ns(const struct devset *ds)
{
	uint64_t next = DEV_NO_EVENT;

	for (unsigned i = 0; i < ds->ndevs; i++) {
		const struct dev_desc *d = ds->dev[i].desc;
		uint64_t at = d->next_event_ns ? d->next_event_ns(ds->dev[i].state)
					       : DEV_NO_EVENT;

		if (at < next)
			next = at;
	}
	return next;
}

void devset_set_vector(struct devset *ds, uint8_t vector)
{
	if (!ds->ndevs || !vector || !ds->dev[ds->ndevs - 1].desc->irq_level)
		return;
	ds->dev[ds->ndevs - 1].vector = vector;
	ds->nirqs++;
}

void devset_abi_irqs(const struct devset *ds, uint8_t *irq)
{
	for (unsigned i = 0; i < VMM_IRQ_SLOTS; i++)
		irq[i] = 0;
	for (unsigned i = 0; i < ds->ndevs; i++)
		if (ds->dev[i].vector &&
		    ds->dev[i].desc->irq_slot < VMM_IRQ_SLOTS)
			irq[ds->dev[i].desc->irq_slot] = ds->dev[i].vector;
}

unsigned devset_irq_pending(const struct devset *ds)
{
	unsigned best = 0;

	for (unsigned i = 0; i < ds->ndevs; i++) {
		unsigned v = ds->dev[i].vector;

		if (v > best && ds->dev[i].desc->irq_level(ds->dev[i].state))
			best = v;
	}
	return best;
}

void devset_free(struct devset *ds)
{
	for (unsigned i = 0; i < ds->ndevs; i++)
		free(ds->dev[i].state);
	ds->ndevs = 0;
	iotab_init(&ds->iotab);
}
