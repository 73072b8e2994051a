/* SPDX-License-Identifier: MIT */
/* The console: guest bytes into a line buffer, one output call per line or
 * full buffer (SPEC "Console"); the sink itself is dev_env's business. */
#include <stdbool.h>
#include <string.h>

#include "vmm_abi.h"

#include "console.h"
#include "devices.h"

enum { CONSOLE_REG_DATA };

struct console {
	struct dev_env *env;
	size_t len; /* bytes in line[]; below CONSOLE_LINE_MAX between calls */
	struct console_stats stats;
	uint8_t line[CONSOLE_LINE_MAX];
};

/*
 * Hand what the buffer holds to the output in one call. The buffer is empty
 * afterwards even when the call fails: the failure ends the run, and the
 * finish hook must not write those bytes a second time.
 */
static int console_flush(struct console *c)
{
	size_t len = c->len;
	int rc;

	if (!len)
		return 0;
	c->len = 0;
	c->stats.writes++;
	rc = c->env->output(c->env->output_ctx, c->line, len);
	if (rc < 0) {
		c->stats.bytes_failed += len;
		return rc;
	}
	c->stats.bytes += len;
	if (c->line[len - 1] == '\n')
		c->stats.lines++;
	return 0;
}

int console_put(void *st, const uint8_t *buf, size_t len)
{
	struct console *c = st;

	while (len) {
		size_t room = CONSOLE_LINE_MAX - c->len;
		size_t n = len < room ? len : room;
		const uint8_t *nl = memchr(buf, '\n', n);
		int rc;

		if (nl)
			n = (size_t)(nl - buf) + 1;
		memcpy(c->line + c->len, buf, n);
		c->len += n;
		buf += n;
		len -= n;
		if (nl || c->len == CONSOLE_LINE_MAX) {
			rc = console_flush(c);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

void console_get_stats(const void *st, struct console_stats *stats)
{
	const struct console *c = st;

	*stats = c->stats;
}

static int console_init(void *st, struct dev_env *env)
{
	struct console *c = st;

	c->env = env;
	return 0;
}

static bool console_access_ok(unsigned reg, unsigned width)
{
	return reg == CONSOLE_REG_DATA && dev_width_ok(width);
}

/* Only the low byte is a character: `out dx, ax` and `out dx, eax` append
 * one byte, like `out dx, al`, so a guest need not clear the upper bits. */
static int console_out(void *st, unsigned reg, unsigned width, uint32_t val)
{
	uint8_t byte = (uint8_t)val;

	if (!console_access_ok(reg, width))
		return DEV_BAD_ACCESS;
	return console_put(st, &byte, 1);
}

static int console_in(void *st, unsigned reg, unsigned width, uint32_t *val)
{
	(void)st;
	if (!console_access_ok(reg, width))
		return DEV_BAD_ACCESS;
	*val = 0;
	return 0;
}

/* SPEC: a partial line is written out when vmm exits, whatever the reason. */
static int console_finish(void *st)
{
	return console_flush(st);
}

enum { CONSOLE_STAT_LINES, CONSOLE_STAT_BYTES, CONSOLE_STAT_WRITES };

static const struct dev_stat console_stats[] = {
	[CONSOLE_STAT_LINES] = { .json = "lines", .text = "lines" },
	[CONSOLE_STAT_BYTES] = { .json = "bytes", .text = "bytes" },
	[CONSOLE_STAT_WRITES] = { .json = "writes", .text = "writes" },
};

static void console_stat_values(const void *st, uint64_t *vals)
{
	const struct console *c = st;

	vals[CONSOLE_STAT_LINES] = c->stats.lines;
	vals[CONSOLE_STAT_BYTES] = c->stats.bytes;
	vals[CONSOLE_STAT_WRITES] = c->stats.writes;
}

static const struct dev_port console_ports[] = {
	{ .key = "port",
	  .reg = CONSOLE_REG_DATA,
	  .abi_slot = VMM_PORT_CONSOLE,
	  .is_batchable = 1 },
};

const struct dev_desc console_desc = {
	.name = "console",
	.ports = console_ports,
	.nports = ARRAY_LEN(console_ports),
	.stats = console_stats,
	.nstats = ARRAY_LEN(console_stats),
	.state_size = sizeof(struct console),
	.init = console_init,
	.in = console_in,
	.out = console_out,
	.finish = console_finish,
	.get_stats = console_stat_values,
};
