/* SPDX-License-Identifier: MIT */
/* The run loop's steps that live in files of their own (run_irq.c,
 * run_observers.c), for run.c only. */
#ifndef VMM_SRC_RUN_STEPS_H
#define VMM_SRC_RUN_STEPS_H

#include "run.h"

/* Before each KVM_RUN in a machine with vectors: inject the highest line
 * that is up, or ask KVM for the interrupt window. */
void run_irq_prepare(struct run_ctx *c);

/* The guest executed hlt: a CPU exception caught by the default IDT, a
 * wait for an interrupt, or the run's end. 1 when the run ends (res
 * filled), 0 to run on. */
int run_halt(struct run_ctx *c, struct run_result *res);

/* Tell every observer about the exit now in the run area (e: its port's
 * owner), or about a KVM_RUN a signal interrupted. */
void run_notify(const struct run_ctx *c, const struct iotab_entry *e,
		int is_interrupted);

/* Each observer's enter (is_enter) or leave hook, around KVM_RUN. */
void run_hook(const struct run_ctx *c, int is_enter);

/* A debugger among the observers may stop the run's end, or end a run
 * that would go on; 1 when the run ends. */
int run_decide(const struct run_ctx *c, struct run_result *res, int is_done);

#endif
