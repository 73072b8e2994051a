/* SPDX-License-Identifier: MIT */
/* The run object's devices and their host side: the clock they follow,
 * standard input and output, raw keys. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "vmm.h"
#include "vmm_boot.h"

int vmm_pick_clock(struct vmm *v, struct vmm_err *err)
{
	const struct cli_opts *o = v->opts;
	struct machine *m = &v->machine;

	if (o->has_clock)
		m->clock = o->clock;
	if (o->has_input_delay)
		m->input_delay_ns = o->input_delay_ns;
	if (m->clock != MACHINE_CLOCK_VIRTUAL || !isatty(STDIN_FILENO))
		return 0;
	for (unsigned i = 0; i < m->ndevs; i++)
		if (m->dev[i].flags & DEV_HOST_RAW_INPUT)
			return err_set(err, -EINVAL,
				       "%s:%u:%u: the %s's raw keys come from a terminal, and the virtual clock cannot replay a person's typing: use --clock host, or give the input from a file or pipe",
				       m->file, m->dev[i].mark.line,
				       m->dev[i].mark.column,
				       m->dev[i].desc->name);
	return 0;
}

/* The devices' time and input: the host's, or the virtual clock's. */
static void vmm_boot_clock(struct vmm *v)
{
	struct dev_env *env = &v->devset.env;

	if (v->machine.clock == MACHINE_CLOCK_HOST) {
		env->now_ns = host_now_ns;
		env->input = host_input_read;
		env->input_ctx = &v->input;
		return;
	}
	vclock_init(&v->vclock, &v->ctx.io_accesses, &v->coalesce.drained);
	vinput_init(&v->vinput, &v->input, &v->vclock,
		    v->machine.input_delay_ns);
	idle_use_vclock(&v->idle, &v->vclock, &v->vinput);
	env->now_ns = vclock_now_ns;
	env->clock_ctx = &v->vclock;
	env->input = vinput_read;
	env->input_ctx = &v->vinput;
}

int vmm_boot_devices(struct vmm *v, struct vmm_err *err)
{
	struct devset *ds = &v->devset;
	int rc = 0;

	devset_init(ds);
	host_input_init(&v->input, STDIN_FILENO);
	rc = idle_init(&v->idle, &v->input);
	if (rc < 0)
		return err_set(err, rc, "cannot set up idle waiting: %s",
			       strerror(-rc));
	vmm_boot_clock(v);
	ds->env.output = host_write_all;
	ds->env.output_ctx = &v->stdout_fd;
	for (unsigned i = 0; i < v->machine.ndevs && rc == 0; i++) {
		const struct machine_dev *d = &v->machine.dev[i];

		rc = devset_add(ds, d->desc, d->port, err);
		if (rc == 0)
			devset_set_vector(ds, d->irq);
		/* Input for a keyboard with a vector raises its line: the
		 * reader kicks this thread out of KVM_RUN. */
		if (rc == 0 && d->irq && d->desc->host_needs & DEV_HOST_INPUT &&
		    v->machine.clock == MACHINE_CLOCK_HOST) {
			v->input.has_kick = 1;
			v->input.kick_thread = pthread_self();
		}
	}
	if (rc == 0 && ds->nirqs && v->machine.clock == MACHINE_CLOCK_HOST) {
		rc = signals_kick_create(&v->kick);
		if (rc < 0)
			return err_set(err, rc, "cannot set up interrupts: %s",
				       strerror(-rc));
	}
	return rc;
}

/* What the devices need of the host (DEV_HOST_*), from their descriptors
 * and the flags the machine file set. The terminal is restored by
 * vmm_destroy, whatever ends the run. */
int vmm_boot_host(struct vmm *v, struct vmm_err *err)
{
	unsigned needs = 0;

	for (unsigned i = 0; i < v->machine.ndevs; i++)
		needs |= v->machine.dev[i].desc->host_needs |
			 v->machine.dev[i].flags;
	if (needs & DEV_HOST_RAW_INPUT &&
	    term_raw_keys(&v->term, STDIN_FILENO) < 0)
		return err_set(err, -errno,
			       "cannot set the terminal to raw keys: %s",
			       strerror(errno));
	if (needs & DEV_HOST_INPUT)
		host_input_start(&v->input);
	return 0;
}

