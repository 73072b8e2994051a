/* SPDX-License-Identifier: MIT */
/*
 * The machine description: YAML text (libyaml events) -> struct machine, the
 * top-level keys and memory checked, each error at its mark. The devices:
 * section is cfg_devices.c's; binding the instances is devset's.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmm_abi.h"

#include "cfg_devices.h"
#include "cfg_text.h"
#include "machine.h"

/* machines/default.yaml, embedded at build time (config/embed.cmake). */
extern const char machine_default_yaml[];
extern const size_t machine_default_yaml_len;

#define PAGE_BYTES 0x1000u

static const char *const entry_names[] = {
	[ENTRY_REAL] = "real",
	[ENTRY_PROTECTED] = "protected",
	[ENTRY_LONG] = "long",
};

static const char *const clock_names[] = {
	[MACHINE_CLOCK_HOST] = "host",
	[MACHINE_CLOCK_VIRTUAL] = "virtual",
};

enum {
	KEY_MEMORY,
	KEY_ENTRY,
	KEY_LOAD_ADDRESS,
	KEY_CLOCK,
	KEY_INPUT_DELAY,
	KEY_DEVICES,
	KEY_COUNT
};

static const char *const top_keys[KEY_COUNT] = {
	[KEY_MEMORY] = "memory",
	[KEY_ENTRY] = "entry",
	[KEY_LOAD_ADDRESS] = "load_address",
	[KEY_CLOCK] = "clock",
	[KEY_INPUT_DELAY] = "input_delay",
	[KEY_DEVICES] = "devices",
};

/* Read the value of key what as a number (cfg_text_number syntax). */
int cfg_number(struct cfg_reader *r, const char *what, uint64_t *val)
{
	char shown[CFG_SHOW_MAX];
	const char *s;
	int rc = cfg_scalar(r, what, &s);

	if (rc < 0)
		return rc;
	rc = cfg_text_number(s, val);
	cfg_text_show(shown, s);
	if (rc == -ERANGE)
		return cfg_fail(r, cfg_here(r),
				"number '%s' for '%s' does not fit in 64 bits",
				shown, what);
	if (rc < 0)
		return cfg_fail(r, cfg_here(r),
				"bad number '%s' for '%s' (expected decimal or 0x hex, with an optional K, M or G suffix)",
				shown, what);
	return 0;
}

static int cfg_entry(struct cfg_parser *p)
{
	struct cfg_reader *r = &p->r;
	char shown[CFG_SHOW_MAX], hint[CFG_HINT_MAX];
	const char *s;
	int i, rc = cfg_scalar(r, "entry", &s);

	if (rc < 0)
		return rc;
	p->m->entry_mark = cfg_here(r);
	i = cfg_text_find(s, entry_names, ARRAY_LEN(entry_names));
	if (i >= 0) {
		p->m->entry = (enum entry_mode)i;
		return 0;
	}
	cfg_text_show(shown, s);
	cfg_text_hint(hint, s, entry_names, ARRAY_LEN(entry_names));
	return cfg_fail(r, cfg_here(r), "unknown entry mode '%s'%s", shown,
			hint);
}

static int cfg_clock(struct cfg_parser *p)
{
	struct cfg_reader *r = &p->r;
	char shown[CFG_SHOW_MAX], hint[CFG_HINT_MAX];
	const char *s;
	int rc = cfg_scalar(r, "clock", &s);

	if (rc < 0)
		return rc;
	p->m->clock_mark = cfg_here(r);
	if (machine_clock_find(s, &p->m->clock) == 0)
		return 0;
	cfg_text_show(shown, s);
	cfg_text_hint(hint, s, clock_names, ARRAY_LEN(clock_names));
	return cfg_fail(r, cfg_here(r), "unknown clock '%s'%s", shown, hint);
}

static int cfg_input_delay(struct cfg_parser *p)
{
	struct cfg_reader *r = &p->r;
	char shown[CFG_SHOW_MAX];
	const char *s;
	int rc = cfg_scalar(r, "input_delay", &s);

	if (rc < 0)
		return rc;
	p->m->input_delay_mark = cfg_here(r);
	rc = cfg_text_duration(s, &p->m->input_delay_ns);
	if (rc == 0)
		return 0;
	cfg_text_show(shown, s);
	return cfg_fail(r, cfg_here(r),
			"bad duration '%s' for 'input_delay' (expected seconds, e.g. 1, 0.25 or 250ms)%s",
			shown, rc == -ERANGE ? ": too long" : "");
}

/* The value of top-level key i. */
static int cfg_value(struct cfg_parser *p, int i)
{
	struct machine *m = p->m;
	int rc;

	switch (i) {
	case KEY_MEMORY:
		rc = cfg_number(&p->r, "memory", &m->mem_bytes);
		m->mem_mark = cfg_here(&p->r);
		return rc;
	case KEY_ENTRY:
		return cfg_entry(p);
	case KEY_CLOCK:
		return cfg_clock(p);
	case KEY_INPUT_DELAY:
		return cfg_input_delay(p);
	case KEY_LOAD_ADDRESS:
		rc = cfg_number(&p->r, "load_address", &m->load_address);
		m->load_mark = cfg_here(&p->r);
		return rc;
	default:
		p->has_devices = true;
		return cfg_devices(p);
	}
}

/* The top-level mapping, from its first key to its end. */
static int cfg_top(struct cfg_parser *p)
{
	struct cfg_reader *r = &p->r;
	struct cfg_mark seen[KEY_COUNT] = { { 0, 0 } };
	char shown[CFG_SHOW_MAX], hint[CFG_HINT_MAX];
	const char *key;
	int i, rc;

	while ((rc = cfg_key(r, &key)) > 0) {
		i = cfg_text_find(key, top_keys, KEY_COUNT);
		if (i < 0) {
			cfg_text_show(shown, key);
			cfg_text_hint(hint, key, top_keys, KEY_COUNT);
			return cfg_fail(r, cfg_here(r), "unknown key '%s'%s",
					shown, hint);
		}
		if (seen[i].line)
			return cfg_fail(r, cfg_here(r),
					"duplicate key '%s' (first at %u:%u)",
					top_keys[i], seen[i].line,
					seen[i].column);
		seen[i] = cfg_here(r);
		rc = cfg_value(p, i);
		if (rc < 0)
			return rc;
	}
	return rc;
}

/* Memory must be whole pages, hold vmm's own structures for the entry mode
 * (SPEC "Guest memory map") and fit the identity mapping (docs/abi.md). */
static int cfg_check_memory(struct cfg_parser *p)
{
	const struct machine *m = p->m;
	uint64_t bytes = m->mem_bytes;
	uint64_t min = machine_guest_start(m->entry);

	min = (min + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
	if (bytes == 0)
		return cfg_fail(&p->r, m->mem_mark, "memory must not be 0");
	if (bytes % PAGE_BYTES)
		return cfg_fail(&p->r, m->mem_mark,
				"memory 0x%" PRIx64 " is not a multiple of 4 KiB (0x1000)",
				bytes);
	if (bytes < min)
		return cfg_fail(&p->r, m->mem_mark,
				"memory 0x%" PRIx64 " is too small for entry mode '%s' (at least 0x%" PRIx64 ")",
				bytes, machine_entry_name(m->entry), min);
	if (bytes > VMM_MAP_LIMIT_1G)
		return cfg_fail(&p->r, m->mem_mark,
				"memory 0x%" PRIx64 " is above 0x%llx (512 GiB), the most vmm can map",
				bytes, VMM_MAP_LIMIT_1G);
	return 0;
}

/* The stream: exactly one document, whose top level is a mapping. */
static int cfg_stream(struct cfg_parser *p)
{
	struct cfg_reader *r = &p->r;
	int rc = cfg_next(r); /* stream start */

	if (rc == 0)
		rc = cfg_next(r);
	if (rc == 0 && r->ev.type != YAML_STREAM_END_EVENT)
		rc = cfg_next(r); /* from document start to its top node */
	if (rc < 0)
		return rc;
	if (r->ev.type == YAML_STREAM_END_EVENT || cfg_is_null(r))
		return cfg_fail(r, cfg_here(r),
				"the machine description is empty");
	if (r->ev.type != YAML_MAPPING_START_EVENT)
		return cfg_fail(r, cfg_here(r),
				"the top level must be a mapping, found %s",
				cfg_kind(r));
	p->top = cfg_here(r);
	p->m->mem_mark = p->m->entry_mark = p->m->load_mark = p->top;
	p->m->clock_mark = p->m->input_delay_mark = p->top;
	rc = cfg_top(p);
	if (rc == 0)
		rc = cfg_next(r); /* document end */
	if (rc == 0)
		rc = cfg_next(r);
	if (rc < 0)
		return rc;
	if (r->ev.type != YAML_STREAM_END_EVENT)
		return cfg_fail(r, cfg_here(r), "only one document is allowed");
	return cfg_check_memory(p);
}

/* Parse text into *m (the defaults already in it); *top and *has_devices
 * say where the top-level mapping is and whether devices: was given. */
static int machine_parse_text(const char *name, const char *text, size_t len,
			      struct machine *m, struct cfg_mark *top,
			      bool *has_devices, struct vmm_err *err)
{
	struct cfg_parser p = { .m = m };
	int rc;

	iotab_init(&p.ports);
	rc = cfg_open(&p.r, name, text, len, err);
	if (rc < 0)
		return rc;
	rc = cfg_stream(&p);
	cfg_close(&p.r);
	*top = p.top;
	*has_devices = p.has_devices;
	return rc;
}

/* A file without devices: gets the built-in machine's devices, each at the
 * file's top-level mark (docs/machine-format.md): the ports stay written
 * once, in machines/default.yaml. */
static int machine_default_devices(struct machine *m, struct cfg_mark top,
				   struct vmm_err *err)
{
	struct machine def;
	int rc = machine_load_default(&def, err);

	if (rc < 0)
		return rc;
	memcpy(m->dev, def.dev, sizeof(m->dev));
	m->ndevs = def.ndevs;
	for (unsigned i = 0; i < m->ndevs; i++)
		m->dev[i].mark = top;
	return 0;
}

/* machine_parse; is_builtin: text is the built-in machine, which has no
 * other machine to take devices from. */
static int machine_parse_as(const char *name, const char *text, size_t len,
			    bool is_builtin, struct machine *m,
			    struct vmm_err *err)
{
	struct machine tmp = {
		.mem_bytes = MACHINE_DEFAULT_MEM_BYTES,
		.entry = MACHINE_DEFAULT_ENTRY,
		.load_address = MACHINE_DEFAULT_LOAD_ADDRESS,
		.clock = MACHINE_DEFAULT_CLOCK,
		.input_delay_ns = MACHINE_DEFAULT_INPUT_DELAY_NS,
	};
	struct cfg_mark top;
	bool has_devices;
	size_t n;
	int rc;

	if (len > MACHINE_TEXT_MAX)
		return err_set(err, -EINVAL, "%s: larger than 0x%x bytes", name,
			       MACHINE_TEXT_MAX);
	rc = machine_parse_text(name, text, len, &tmp, &top, &has_devices,
				err);
	if (rc == 0 && !has_devices && !is_builtin)
		rc = machine_default_devices(&tmp, top, err);
	if (rc < 0)
		return rc;
	n = strnlen(name, sizeof(tmp.file) - 1);
	memcpy(tmp.file, name, n);
	tmp.file[n] = '\0';
	*m = tmp;
	return 0;
}

int machine_parse(const char *name, const char *text, size_t len,
		  struct machine *m, struct vmm_err *err)
{
	return machine_parse_as(name, text, len, false, m, err);
}

int machine_load(const char *path, struct machine *m, struct vmm_err *err)
{
	char *buf = malloc(MACHINE_TEXT_MAX + 1);
	size_t len = 0;
	int fd, rc = 0;

	if (!buf)
		return err_set(err, -ENOMEM, "%s: out of memory", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		rc = -errno;
	/* One byte past the limit is enough for machine_parse to refuse it. */
	while (fd >= 0 && len <= MACHINE_TEXT_MAX) {
		ssize_t got = read(fd, buf + len, MACHINE_TEXT_MAX + 1 - len);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = got < 0 ? -errno : 0;
			break;
		}
		len += (size_t)got;
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		err_set(err, rc, "%s: cannot read: %s", path, strerror(-rc));
	else
		rc = machine_parse(path, buf, len, m, err);
	free(buf);
	return rc;
}

int machine_load_default(struct machine *m, struct vmm_err *err)
{
	return machine_parse_as(MACHINE_BUILTIN_NAME, machine_default_yaml,
				machine_default_yaml_len, true, m, err);
}

const char *machine_entry_name(enum entry_mode mode)
{
	if ((unsigned)mode < ARRAY_LEN(entry_names))
		return entry_names[mode];
	return "unknown";
}

const char *machine_clock_name(enum machine_clock clock)
{
	if ((unsigned)clock < ARRAY_LEN(clock_names))
		return clock_names[clock];
	return "?";
}

int machine_clock_find(const char *s, enum machine_clock *clock)
{
	int i = cfg_text_find(s, clock_names, ARRAY_LEN(clock_names));

	if (i < 0)
		return -EINVAL;
	*clock = (enum machine_clock)i;
	return 0;
}

uint64_t machine_guest_start(enum entry_mode mode)
{
	return mode == ENTRY_LONG ? VMM_GUEST_START_LONG : VMM_GUEST_START_LOW;
}
