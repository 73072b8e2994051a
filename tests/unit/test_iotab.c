/* SPDX-License-Identifier: MIT */
/* Port table and device set unit tests: binding, lookups, conflicts and
 * the boot-information port slots. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/devices/devices.h"
#include "src/devices/devset.h"
#include "src/devices/iotab.h"

/* A device with DEV_MAX_PORTS ports, to fill the port table. */
static const struct dev_port quad_ports[] = {
	{ .key = "a", .reg = 0, .abi_slot = 6 },
	{ .key = "b", .reg = 1, .abi_slot = 6 },
	{ .key = "c", .reg = 2, .abi_slot = 6 },
	{ .key = "d", .reg = 3, .abi_slot = 6 },
};

static const struct dev_desc quad_desc = {
	.name = "quad",
	.ports = quad_ports,
	.nports = ARRAY_LEN(quad_ports),
	.state_size = 8,
};

static int broken_init(void *st, struct dev_env *env)
{
	(void)st;
	(void)env;
	return -EIO;
}

static const struct dev_desc broken_desc = {
	.name = "broken",
	.ports = quad_ports,
	.nports = 1,
	.state_size = 8,
	.init = broken_init,
};

static const uint16_t kbd_default[] = { VMM_DEFAULT_PORT_KBD_DATA,
	                                VMM_DEFAULT_PORT_KBD_STATUS };
static const uint16_t timer_default[] = { VMM_DEFAULT_PORT_TIMER_INTERVAL,
	                                  VMM_DEFAULT_PORT_TIMER_CONTROL };
static const uint16_t console_default = VMM_DEFAULT_PORT_CONSOLE;
static const uint16_t exit_default = VMM_DEFAULT_PORT_EXIT;

/* Output sink for the console: counts calls and keeps the last one. */
struct sink {
	unsigned calls;
	char last[64];
	int fail_rc;
};

static int sink_output(void *ctx, const void *buf, size_t len)
{
	struct sink *s = ctx;

	s->calls++;
	if (s->fail_rc)
		return s->fail_rc;
	assert_true(len < sizeof(s->last));
	memcpy(s->last, buf, len);
	s->last[len] = '\0';
	return 0;
}

static int ds_setup(void **state)
{
	struct devset *ds = calloc(1, sizeof(*ds));

	assert_non_null(ds);
	devset_init(ds);
	*state = ds;
	return 0;
}

static int ds_teardown(void **state)
{
	struct devset *ds = *state;

	devset_free(ds);
	free(ds);
	return 0;
}

/* How many of the 65536 ports have an owner. */
static unsigned bound_ports(const struct iotab *t)
{
	unsigned n = 0;

	for (unsigned port = 0; port <= 0xffff; port++)
		n += iotab_lookup(t, (uint16_t)port) != NULL;
	return n;
}

static void test_iotab_empty(void **state)
{
	struct iotab *t = malloc(sizeof(*t));

	(void)state;
	assert_non_null(t);
	memset(t, 0xa5, sizeof(*t));
	iotab_init(t);
	assert_int_equal(bound_ports(t), 0);
	free(t);
}

static void test_iotab_bind_lookup(void **state)
{
	struct iotab *t = malloc(sizeof(*t));
	const struct iotab_entry *e;
	int st1, st2;

	(void)state;
	assert_non_null(t);
	iotab_init(t);
	assert_int_equal(
	        iotab_bind(t, 0x44, &kbd_desc, &st1, &kbd_desc.ports[0]), 0);
	assert_int_equal(
	        iotab_bind(t, 0xffff, &kbd_desc, &st1, &kbd_desc.ports[1]), 0);
	assert_int_equal(
	        iotab_bind(t, 0, &exitdev_desc, &st2, &exitdev_desc.ports[0]),
	        0);
	assert_int_equal(bound_ports(t), 3);
	e = iotab_lookup(t, 0xffff);
	assert_non_null(e);
	assert_ptr_equal(e->desc, &kbd_desc);
	assert_ptr_equal(e->state, &st1);
	assert_int_equal(e->reg, kbd_desc.ports[1].reg);
	assert_int_equal(e->port, 0xffff);
	assert_ptr_equal(e->key, &kbd_desc.ports[1]);
	e = iotab_lookup(t, 0);
	assert_non_null(e);
	assert_ptr_equal(e->desc, &exitdev_desc);
	assert_ptr_equal(e->state, &st2);
	assert_null(iotab_lookup(t, 0x45));
	/* The slot indexes the entry directly: the O(1) exit path. */
	assert_ptr_equal(iotab_lookup(t, 0x44), &t->entry[t->slot[0x44]]);
	free(t);
}

static void test_iotab_taken(void **state)
{
	struct iotab *t = malloc(sizeof(*t));
	int st1, st2;

	(void)state;
	assert_non_null(t);
	iotab_init(t);
	assert_int_equal(iotab_bind(t, 0x42, &console_desc, &st1,
	                            &console_desc.ports[0]),
	                 0);
	assert_int_equal(iotab_bind(t, 0x42, &exitdev_desc, &st2,
	                            &exitdev_desc.ports[0]),
	                 -EEXIST);
	assert_ptr_equal(iotab_lookup(t, 0x42)->state, &st1);
	assert_int_equal(t->nentries, 2);
	free(t);
}

static void test_iotab_full(void **state)
{
	struct iotab *t = malloc(sizeof(*t));
	int st;

	(void)state;
	assert_non_null(t);
	iotab_init(t);
	for (unsigned i = 1; i < IOTAB_MAX_ENTRIES; i++)
		assert_int_equal(iotab_bind(t, (uint16_t)(0x1000 + i),
		                            &exitdev_desc, &st,
		                            &exitdev_desc.ports[0]),
		                 0);
	assert_int_equal(iotab_bind(t, 0x2000, &exitdev_desc, &st,
	                            &exitdev_desc.ports[0]),
	                 -ENOSPC);
	assert_null(iotab_lookup(t, 0x2000));
	assert_int_equal(bound_ports(t), IOTAB_MAX_ENTRIES - 1);
	free(t);
}

/* The default machine: every port reaches its device and register. */
static void test_devset_add_binds_all_ports(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	struct sink sink = { 0 };
	const struct iotab_entry *data, *status, *e;

	ds->env.output = sink_output;
	ds->env.output_ctx = &sink;
	assert_int_equal(devset_add(ds, &console_desc, &console_default, &err),
	                 0);
	assert_int_equal(devset_add(ds, &kbd_desc, kbd_default, &err), 0);
	assert_int_equal(devset_add(ds, &timer_desc, timer_default, &err), 0);
	assert_int_equal(devset_add(ds, &exitdev_desc, &exit_default, &err), 0);
	assert_int_equal(ds->ndevs, 4);
	assert_int_equal(bound_ports(&ds->iotab), 6);
	assert_int_equal(err.code, 0);

	data = iotab_lookup(&ds->iotab, VMM_DEFAULT_PORT_KBD_DATA);
	status = iotab_lookup(&ds->iotab, VMM_DEFAULT_PORT_KBD_STATUS);
	assert_non_null(data);
	assert_non_null(status);
	assert_ptr_equal(data->desc, &kbd_desc);
	assert_ptr_equal(data->state, status->state);
	assert_ptr_equal(data->state, ds->dev[1].state);
	assert_string_equal(data->key->key, "data_port");
	assert_string_equal(status->key->key, "status_port");
	assert_int_not_equal(data->reg, status->reg);

	e = iotab_lookup(&ds->iotab, VMM_DEFAULT_PORT_TIMER_CONTROL);
	assert_non_null(e);
	assert_ptr_equal(e->desc, &timer_desc);
	assert_string_equal(e->key->key, "control_port");

	/* Driving the console through its entry reaches the env's sink. */
	e = iotab_lookup(&ds->iotab, VMM_DEFAULT_PORT_CONSOLE);
	assert_non_null(e);
	assert_int_equal(e->desc->out(e->state, e->reg, 1, 'k'), 0);
	assert_int_equal(e->desc->out(e->state, e->reg, 1, '\n'), 0);
	assert_int_equal(sink.calls, 1);
	assert_string_equal(sink.last, "k\n");

	e = iotab_lookup(&ds->iotab, VMM_DEFAULT_PORT_EXIT);
	assert_non_null(e);
	assert_int_equal(e->desc->out(e->state, e->reg, 1, 0x107), DEV_STOP);
	assert_int_equal(ds->env.exit_status, 7);
}

static void test_devset_conflict_binds_nothing(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	const uint16_t timer_ports[] = { 0x46, VMM_DEFAULT_PORT_KBD_STATUS };
	const uint16_t exit_port = VMM_DEFAULT_PORT_KBD_DATA;

	assert_int_equal(devset_add(ds, &kbd_desc, kbd_default, &err), 0);
	/* The second port is taken: the first must be released again. */
	assert_int_equal(devset_add(ds, &timer_desc, timer_ports, &err),
	                 -EEXIST);
	assert_int_equal(err.code, -EEXIST);
	assert_string_equal(err.msg, "device 'timer': port 0x45 is taken");
	assert_null(iotab_lookup(&ds->iotab, 0x46));
	assert_int_equal(ds->ndevs, 1);
	assert_int_equal(ds->iotab.nentries, 3);
	assert_int_equal(bound_ports(&ds->iotab), 2);
	/* The first port is taken. */
	assert_int_equal(devset_add(ds, &exitdev_desc, &exit_port, &err),
	                 -EEXIST);
	assert_string_equal(err.msg, "device 'exit': port 0x44 is taken");
	assert_ptr_equal(iotab_lookup(&ds->iotab, 0x44)->desc, &kbd_desc);
	assert_int_equal(ds->ndevs, 1);
	/* The freed port can be bound afterwards. */
	assert_int_equal(devset_add(ds, &timer_desc, timer_default, &err), 0);
	assert_int_equal(bound_ports(&ds->iotab), 4);
}

static void test_devset_too_many_devices(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	uint16_t port;

	for (unsigned i = 0; i < DEVSET_MAX; i++) {
		port = (uint16_t)(0x100 + i);
		assert_int_equal(devset_add(ds, &exitdev_desc, &port, &err), 0);
	}
	port = 0x200;
	assert_int_equal(devset_add(ds, &exitdev_desc, &port, &err), -ENOSPC);
	assert_string_equal(err.msg, "too many devices (at most 16)");
	assert_int_equal(ds->ndevs, DEVSET_MAX);
	assert_null(iotab_lookup(&ds->iotab, 0x200));
}

static void test_devset_too_many_ports(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	uint16_t ports[DEV_MAX_PORTS];
	unsigned i, before;

	for (i = 0; i < (IOTAB_MAX_ENTRIES - 1) / DEV_MAX_PORTS; i++) {
		for (unsigned p = 0; p < DEV_MAX_PORTS; p++)
			ports[p] = (uint16_t)(0x100 + i * DEV_MAX_PORTS + p);
		assert_int_equal(devset_add(ds, &quad_desc, ports, &err), 0);
	}
	before = ds->iotab.nentries;
	for (unsigned p = 0; p < DEV_MAX_PORTS; p++)
		ports[p] = (uint16_t)(0x300 + p);
	assert_int_equal(devset_add(ds, &quad_desc, ports, &err), -ENOSPC);
	assert_string_equal(err.msg, "device 'quad': too many ports");
	assert_int_equal(ds->ndevs, i);
	assert_int_equal(ds->iotab.nentries, before);
	for (unsigned p = 0; p < DEV_MAX_PORTS; p++)
		assert_null(iotab_lookup(&ds->iotab, ports[p]));
}

static void test_devset_init_fails(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	const uint16_t port = 0x80;

	assert_int_equal(devset_add(ds, &broken_desc, &port, &err), -EIO);
	assert_string_equal(
	        err.msg, "device 'broken': cannot start: Input/output error");
	assert_int_equal(ds->ndevs, 0);
	assert_null(iotab_lookup(&ds->iotab, port));
}

static void test_devset_abi_ports(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	const uint16_t console_port = 0x3f8;
	uint32_t ports[VMM_PORT_SLOTS];

	memset(ports, 0, sizeof(ports));
	devset_abi_ports(ds, ports);
	for (unsigned i = 0; i < VMM_PORT_SLOTS; i++)
		assert_int_equal(ports[i], VMM_PORT_ABSENT);

	assert_int_equal(devset_add(ds, &timer_desc, timer_default, &err), 0);
	assert_int_equal(devset_add(ds, &console_desc, &console_port, &err), 0);
	devset_abi_ports(ds, ports);
	assert_int_equal(ports[VMM_PORT_CONSOLE], 0x3f8);
	assert_int_equal(ports[VMM_PORT_KBD_DATA], VMM_PORT_ABSENT);
	assert_int_equal(ports[VMM_PORT_KBD_STATUS], VMM_PORT_ABSENT);
	assert_int_equal(ports[VMM_PORT_TIMER_INTERVAL],
	                 VMM_DEFAULT_PORT_TIMER_INTERVAL);
	assert_int_equal(ports[VMM_PORT_TIMER_CONTROL],
	                 VMM_DEFAULT_PORT_TIMER_CONTROL);
	assert_int_equal(ports[VMM_PORT_EXIT], VMM_PORT_ABSENT);
	for (unsigned i = VMM_PORT_EXIT + 1; i < VMM_PORT_SLOTS; i++)
		assert_int_equal(ports[i], VMM_PORT_ABSENT);

	assert_int_equal(devset_add(ds, &kbd_desc, kbd_default, &err), 0);
	assert_int_equal(devset_add(ds, &exitdev_desc, &exit_default, &err), 0);
	devset_abi_ports(ds, ports);
	assert_int_equal(ports[VMM_PORT_KBD_DATA], VMM_DEFAULT_PORT_KBD_DATA);
	assert_int_equal(ports[VMM_PORT_KBD_STATUS],
	                 VMM_DEFAULT_PORT_KBD_STATUS);
	assert_int_equal(ports[VMM_PORT_EXIT], VMM_DEFAULT_PORT_EXIT);
}

/* finish flushes each console once; two instances stay apart. */
static void test_devset_finish(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	struct sink sink = { 0 };
	const uint16_t port2 = 0x43;
	const struct iotab_entry *a, *b;

	ds->env.output = sink_output;
	ds->env.output_ctx = &sink;
	assert_int_equal(devset_add(ds, &console_desc, &console_default, &err),
	                 0);
	assert_int_equal(devset_add(ds, &console_desc, &port2, &err), 0);
	assert_int_equal(devset_add(ds, &timer_desc, timer_default, &err), 0);
	a = iotab_lookup(&ds->iotab, console_default);
	b = iotab_lookup(&ds->iotab, port2);
	assert_ptr_not_equal(a->state, b->state);
	assert_int_equal(a->desc->out(a->state, a->reg, 1, 'a'), 0);
	assert_int_equal(b->desc->out(b->state, b->reg, 1, 'b'), 0);
	assert_int_equal(sink.calls, 0);
	assert_int_equal(devset_finish(ds), 0);
	assert_int_equal(sink.calls, 2);
	assert_string_equal(sink.last, "b");
	assert_int_equal(devset_finish(ds), 0);
	assert_int_equal(sink.calls, 2);
	/* The first failure is reported, and every device still finishes. */
	sink.fail_rc = -EPIPE;
	assert_int_equal(a->desc->out(a->state, a->reg, 1, 'c'), 0);
	assert_int_equal(b->desc->out(b->state, b->reg, 1, 'd'), 0);
	assert_int_equal(devset_finish(ds), -EPIPE);
	assert_int_equal(sink.calls, 4);
}

static uint64_t fixed_now(void *ctx)
{
	return *(const uint64_t *)ctx;
}

/* The set's next event is the earliest of its devices': a running timer's
 * period end; nothing while no device will change by itself. */
static void test_devset_next_event(void **state)
{
	struct devset *ds = *state;
	struct vmm_err err = { 0 };
	uint64_t now = 5000000;
	const struct iotab_entry *interval, *control;

	ds->env.now_ns = fixed_now;
	ds->env.clock_ctx = &now;
	assert_int_equal(devset_next_event_ns(ds), DEV_NO_EVENT);
	assert_int_equal(devset_add(ds, &console_desc, &console_default, &err),
	                 0);
	assert_int_equal(devset_add(ds, &timer_desc, timer_default, &err), 0);
	assert_int_equal(devset_next_event_ns(ds), DEV_NO_EVENT);
	interval = iotab_lookup(&ds->iotab, timer_default[0]);
	control = iotab_lookup(&ds->iotab, timer_default[1]);
	assert_int_equal(interval->desc->out(interval->state, interval->reg,
	                                     1, 3), 0);
	assert_int_equal(control->desc->out(control->state, control->reg, 1,
	                                    VMM_TIMER_ENABLE), 0);
	assert_int_equal(devset_next_event_ns(ds), 8000000);
}

#define DS_TEST(fn) cmocka_unit_test_setup_teardown(fn, ds_setup, ds_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iotab_empty),
		cmocka_unit_test(test_iotab_bind_lookup),
		cmocka_unit_test(test_iotab_taken),
		cmocka_unit_test(test_iotab_full),
		DS_TEST(test_devset_add_binds_all_ports),
		DS_TEST(test_devset_conflict_binds_nothing),
		DS_TEST(test_devset_too_many_devices),
		DS_TEST(test_devset_too_many_ports),
		DS_TEST(test_devset_init_fails),
		DS_TEST(test_devset_abi_ports),
		DS_TEST(test_devset_finish),
		DS_TEST(test_devset_next_event),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
