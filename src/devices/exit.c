/* SPDX-License-Identifier: MIT */
/* The exit device: an OUT ends the run with an exit status (SPEC "Exit
 * device"); flushing the console on the way out is the run's business. */
#include <stdbool.h>

#include "vmm_abi.h"

#include "devices.h"

enum { EXITDEV_REG_STATUS };

struct exitdev {
	struct dev_env *env;
};

static bool exitdev_access_ok(unsigned reg, unsigned width)
{
	return reg == EXITDEV_REG_STATUS && dev_width_ok(width);
}

/* OUT v: vmm exits with status v & 0xff, whatever the width. */
static int exitdev_out(void *st, unsigned reg, unsigned width, uint32_t val)
{
	struct exitdev *x = st;

	if (!exitdev_access_ok(reg, width))
		return DEV_BAD_ACCESS;
	x->env->exit_status = (int)(val & 0xff);
	return DEV_STOP;
}

/* IN reads 0 and does not end the run. */
static int exitdev_in(void *st, unsigned reg, unsigned width, uint32_t *val)
{
	(void)st;
	if (!exitdev_access_ok(reg, width))
		return DEV_BAD_ACCESS;
	*val = 0;
	return 0;
}

static int exitdev_init(void *st, struct dev_env *env)
{
	struct exitdev *x = st;

	x->env = env;
	return 0;
}

static const struct dev_port exitdev_ports[] = {
	{ .key = "port", .reg = EXITDEV_REG_STATUS, .abi_slot = VMM_PORT_EXIT },
};

const struct dev_desc exitdev_desc = {
	.name = "exit",
	.ports = exitdev_ports,
	.nports = ARRAY_LEN(exitdev_ports),
	.state_size = sizeof(struct exitdev),
	.init = exitdev_init,
	.in = exitdev_in,
	.out = exitdev_out,
};
