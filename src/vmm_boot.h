/* SPDX-License-Identifier: MIT */
/* Steps of the run object that live in their own files, for vmm.c only. */
#ifndef VMM_SRC_VMM_BOOT_H
#define VMM_SRC_VMM_BOOT_H

#include "vmm.h"

/*
 * The clock the run follows and its input delay: the machine file's, or
 * the command line's. Refuses (-EINVAL, err placed in the machine file)
 * raw keys from a terminal on the virtual clock: typing is not
 * reproducible.
 */
int vmm_pick_clock(struct vmm *v, struct vmm_err *err);

/* The device instances, on the run's clock, input and output; the
 * interrupt kick timer. 0, or a negative errno with err set. */
int vmm_boot_devices(struct vmm *v, struct vmm_err *err);

/* What the devices need of the host (DEV_HOST_*), from their descriptors
 * and the flags the machine file set: raw keys, the input reader. */
int vmm_boot_host(struct vmm *v, struct vmm_err *err);

#endif
