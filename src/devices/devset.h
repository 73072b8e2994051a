/* SPDX-License-Identifier: MIT */
/* The device instances of one VM and the port table that reaches them. */
#ifndef VMM_SRC_DEVICES_DEVSET_H
#define VMM_SRC_DEVICES_DEVSET_H

#include <stdint.h>

#include "../err.h"
#include "dev.h"
#include "iotab.h"

/* The most devices one VM has (the machine file lists each at most once). */
#define DEVSET_MAX 16

struct devset {
	struct dev_env env; /* fill in before the first devset_add */
	unsigned ndevs;
	struct {
		const struct dev_desc *desc;
		void *state;
		uint8_t vector; /* its interrupt vector, 0: none */
	} dev[DEVSET_MAX];
	unsigned nirqs; /* devices with a vector (devset_set_vector) */
	struct iotab iotab;
};

/* Empty set; env zeroed (the caller fills it in). */
void devset_init(struct devset *ds);

/*
 * Create one instance of desc (zeroed state, desc->init with &ds->env) and
 * bind port[i] to desc->ports[i] for every i < desc->nports. Returns 0 or a
 * negative errno with err set; on failure nothing is added.
 */
int devset_add(struct devset *ds, const struct dev_desc *desc,
	       const uint16_t *port, struct vmm_err *err);

/* Call every device's finish hook (console flush...); the first negative
 * errno, or 0. Every device finishes, even after a failure. A later call
 * calls the hooks again: each flushes only what arrived since (a console
 * with nothing new writes nothing). */
int devset_finish(struct devset *ds);

/* Fill ports[VMM_PORT_SLOTS] for the boot information from the port table:
 * VMM_PORT_ABSENT where no device is bound. */
void devset_abi_ports(const struct devset *ds, uint32_t *ports);

/* The earliest dev_desc.next_event_ns of any device: when the guest may
 * next read something new without an access (for idle waiting);
 * DEV_NO_EVENT when no device will change by itself. */
uint64_t devset_next_event_ns(const struct devset *ds);

/* Give the device added last the interrupt vector (32-255; 0: none). */
void devset_set_vector(struct devset *ds, uint8_t vector);

/* Fill irq[VMM_IRQ_SLOTS] for the boot information: each device's vector
 * in its dev_desc.irq_slot, 0 elsewhere. */
void devset_abi_irqs(const struct devset *ds, uint8_t *irq);

/* The highest vector whose line is up now, or 0 (SPEC "Interrupts": when
 * both are up, the higher vector goes first). */
unsigned devset_irq_pending(const struct devset *ds);

/* Free the instances. */
void devset_free(struct devset *ds);

#endif
