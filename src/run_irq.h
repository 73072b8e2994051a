/* SPDX-License-Identifier: MIT */
/* The run loop's interrupt and hlt steps (run_irq.c), for run.c only. */
#ifndef VMM_SRC_RUN_IRQ_H
#define VMM_SRC_RUN_IRQ_H

#include "run.h"

/* Before each KVM_RUN in a machine with vectors: inject the highest line
 * that is up, or ask KVM for the interrupt window. */
void run_irq_prepare(struct run_ctx *c);

/* The guest executed hlt: a CPU exception caught by the default IDT, a
 * wait for an interrupt, or the run's end. 1 when the run ends (res
 * filled), 0 to run on. */
int run_halt(struct run_ctx *c, struct run_result *res);

#endif
