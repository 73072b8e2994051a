/* SPDX-License-Identifier: MIT */
/* The machine file's devices: section: each name from the device list,
 * each port key bound once (a port taken twice names both owners), and
 * each flag true or false. Binding the instances is devset's. */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "../src/devices/devices.h"
#include "cfg_devices.h"
#include "cfg_text.h"

/* Read the port for desc's key i; refuse one above 0xffff or taken. */
static int cfg_port(struct cfg_parser *p, const struct dev_desc *desc,
		    size_t i, uint16_t *port)
{
	struct cfg_reader *r = &p->r;
	const char *key = desc->ports[i].key;
	struct cfg_mark at;
	uint64_t val;
	int rc = cfg_number(r, key, &val);

	if (rc < 0)
		return rc;
	at = cfg_here(r);
	if (val > 0xffff)
		return cfg_fail(r, at,
				"port 0x%" PRIx64 " of '%s' %s is above 0xffff",
				val, desc->name, key);
	rc = iotab_bind(&p->ports, (uint16_t)val, desc, NULL, &desc->ports[i]);
	if (rc == -EEXIST) {
		const struct iotab_entry *old =
			iotab_lookup(&p->ports, (uint16_t)val);
		struct cfg_mark was = p->port_mark[old - p->ports.entry];

		return cfg_fail(r, at,
				"port 0x%" PRIx64 " of '%s' %s is already used by '%s' %s (at %u:%u)",
				val, desc->name, key, old->desc->name,
				old->key->key, was.line, was.column);
	}
	if (rc < 0)
		return cfg_fail(r, at, "too many ports (at most %d)",
				IOTAB_MAX_ENTRIES - 1);
	p->port_mark[p->ports.nentries - 1] = at;
	*port = (uint16_t)val;
	return 0;
}

/* A device flag: the value must be true or false. */
static int cfg_flag(struct cfg_parser *p, const struct dev_desc *desc,
		    const struct dev_flag *flag, unsigned *flags)
{
	struct cfg_reader *r = &p->r;
	char shown[CFG_SHOW_MAX];
	const char *s;
	int rc = cfg_scalar(r, flag->key, &s);

	if (rc < 0)
		return rc;
	if (strcmp(s, "true") == 0) {
		*flags |= flag->bit;
		return 0;
	}
	if (strcmp(s, "false") == 0) {
		*flags &= ~flag->bit;
		return 0;
	}
	cfg_text_show(shown, s);
	return cfg_fail(r, cfg_here(r),
			"'%s' %s must be true or false, not '%s'", desc->name,
			flag->key, shown);
}

/* A device's `irq: VECTOR`: 32-255 (0-31 are the CPU's exceptions). */
static int cfg_irq(struct cfg_parser *p, const struct dev_desc *desc,
		   uint8_t *irq)
{
	struct cfg_reader *r = &p->r;
	uint64_t val;
	int rc = cfg_number(r, DEV_IRQ_KEY, &val);

	if (rc < 0)
		return rc;
	if (val < DEV_IRQ_VECTOR_MIN || val > DEV_IRQ_VECTOR_MAX)
		return cfg_fail(r, cfg_here(r),
				"'%s' irq %" PRIu64 " is not a vector from %d to %d",
				desc->name, val, DEV_IRQ_VECTOR_MIN,
				DEV_IRQ_VECTOR_MAX);
	*irq = (uint8_t)val;
	return 0;
}

/* Port keys, flag keys and the irq key one device may have. */
#define DEV_MAX_KEYS (DEV_MAX_PORTS + 4)

/* One device's mapping of port keys to ports: every key, each once; and
 * its flags, each at most once. */
static int cfg_device(struct cfg_parser *p, const struct dev_desc *desc,
		      struct cfg_mark at)
{
	struct cfg_reader *r = &p->r;
	struct machine_dev *d = &p->m->dev[p->m->ndevs];
	struct cfg_mark seen[DEV_MAX_KEYS] = { { 0, 0 } };
	const char *keys[DEV_MAX_KEYS], *key;
	char shown[CFG_SHOW_MAX], hint[CFG_HINT_MAX];
	size_t n = desc->nports < DEV_MAX_PORTS ? desc->nports : DEV_MAX_PORTS;
	size_t nkeys = n;
	int i, rc = 0, is_map = cfg_mapping(r, desc->name);

	assert(desc->nports <= DEV_MAX_PORTS &&
	       desc->nflags < DEV_MAX_KEYS - DEV_MAX_PORTS);
	if (is_map < 0)
		return is_map;
	for (size_t k = 0; k < n; k++)
		keys[k] = desc->ports[k].key;
	for (size_t k = 0; k < desc->nflags; k++)
		keys[nkeys++] = desc->flags[k].key;
	if (desc->irq_level)
		keys[nkeys++] = DEV_IRQ_KEY;
	d->flags = 0;
	d->irq = 0;
	while (is_map && (rc = cfg_key(r, &key)) > 0) {
		i = cfg_text_find(key, keys, nkeys);
		if (i < 0) {
			cfg_text_show(shown, key);
			cfg_text_hint(hint, key, keys, nkeys);
			return cfg_fail(r, cfg_here(r),
					"device '%s' has no key '%s'%s",
					desc->name, shown, hint);
		}
		if (seen[i].line)
			return cfg_fail(r, cfg_here(r),
					"duplicate key '%s' (first at %u:%u)",
					keys[i], seen[i].line, seen[i].column);
		seen[i] = cfg_here(r);
		if ((size_t)i < n)
			rc = cfg_port(p, desc, (size_t)i, &d->port[i]);
		else if ((size_t)i < n + desc->nflags)
			rc = cfg_flag(p, desc, &desc->flags[(size_t)i - n],
				      &d->flags);
		else
			rc = cfg_irq(p, desc, &d->irq);
		if (rc < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	for (size_t k = 0; k < n; k++)
		if (!seen[k].line)
			return cfg_fail(r, at, "device '%s' is missing '%s'",
					desc->name, keys[k]);
	d->desc = desc;
	d->mark = at;
	p->m->ndevs++;
	return 0;
}

/* The names of the device list, for cfg_text_find. A list longer than a
 * machine may hold is an error (at the devices: key), never cut short. */
static int cfg_device_names(struct cfg_reader *r, const char **names,
			    size_t *n)
{
	for (*n = 0; devices_all[*n]; ++*n) {
		if (*n == DEVSET_MAX)
			return cfg_fail(r, cfg_here(r),
					"vmm knows more devices than a machine may hold (%d)",
					DEVSET_MAX);
		names[*n] = devices_all[*n]->name;
	}
	return 0;
}

int cfg_devices(struct cfg_parser *p)
{
	struct cfg_reader *r = &p->r;
	const char *names[DEVSET_MAX], *key;
	char shown[CFG_SHOW_MAX], hint[CFG_HINT_MAX];
	size_t n = 0;
	int i, rc = 0, is_map = cfg_mapping(r, "devices");

	if (is_map < 0)
		return is_map;
	rc = cfg_device_names(r, names, &n);
	if (rc < 0)
		return rc;
	while (is_map && (rc = cfg_key(r, &key)) > 0) {
		i = cfg_text_find(key, names, n);
		if (i < 0) {
			cfg_text_show(shown, key);
			cfg_text_hint(hint, key, names, n);
			return cfg_fail(r, cfg_here(r), "unknown device '%s'%s",
					shown, hint);
		}
		for (unsigned k = 0; k < p->m->ndevs; k++) {
			const struct machine_dev *old = &p->m->dev[k];

			if (old->desc != devices_all[i])
				continue;
			return cfg_fail(r, cfg_here(r),
					"device '%s' is listed twice (first at %u:%u)",
					names[i], old->mark.line,
					old->mark.column);
		}
		rc = cfg_device(p, devices_all[i], cfg_here(r));
		if (rc < 0)
			return rc;
	}
	return rc;
}

