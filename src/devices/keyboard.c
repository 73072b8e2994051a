/* SPDX-License-Identifier: MIT */
/* The keyboard: input bytes queued and latched one at a time into a data
 * register, with a status register to poll and acknowledge (SPEC
 * "Keyboard"). Reading the host's standard input is dev_env's business. */
#include <stdbool.h>

#include "vmm_abi.h"

#include "devices.h"
#include "keyboard.h"

enum { KBD_REG_DATA, KBD_REG_STATUS };

struct kbd {
	struct dev_env *env;
	uint8_t key;  /* the latched key, or the last one; 0 before any */
	bool has_key; /* key is latched and not yet acknowledged */
	bool is_eof;  /* the input reported end of file; never asked again */
	bool is_eof_shown; /* the status has shown end of input: its line is
			    * down for good */
	size_t head;  /* next byte of queue[] to latch */
	size_t count; /* bytes from head not yet latched */
	struct kbd_stats stats;
	uint8_t queue[KBD_QUEUE_SIZE];
};

/*
 * Take what the input has ready; only called with the queue empty, so the
 * queue is a plain array refilled from its start and never overwrites a key
 * (bytes that do not fit stay with the input until the next refill).
 */
static void kbd_refill(struct kbd *k)
{
	long n;

	k->stats.input_calls++;
	n = k->env->input(k->env->input_ctx, k->queue, sizeof(k->queue));
	if (n < 0) {
		/* DEV_INPUT_EOF, which also stands for a read failure. */
		k->is_eof = true;
		return;
	}
	if ((size_t)n > sizeof(k->queue))
		n = (long)sizeof(k->queue);
	k->head = 0;
	k->count = (size_t)n;
	k->stats.bytes_queued += (uint64_t)n;
}

/* Latch the next key unless one is latched; the input is asked only when
 * nothing is latched and nothing is queued. */
static void kbd_latch(struct kbd *k)
{
	if (k->has_key)
		return;
	if (!k->count && !k->is_eof)
		kbd_refill(k);
	if (!k->count)
		return;
	k->key = k->queue[k->head++];
	k->count--;
	k->has_key = true;
	k->stats.keys_latched++;
}

/*
 * Status: bit 0 once a key is latched. Bit 1 only when nothing is latched,
 * nothing is queued and the input is closed, so the two bits never show
 * together and a guest that sees bit 1 has read every key.
 */
static uint32_t kbd_status(struct kbd *k)
{
	kbd_latch(k);
	if (k->has_key)
		return VMM_KBD_HAS_KEY;
	if (!k->is_eof)
		return 0;
	k->is_eof_shown = true;
	return VMM_KBD_EOF;
}

/* The data register never latches: after an ack it still holds the
 * acknowledged key (SPEC), so "ack, then read data" works. */
static int kbd_in(void *st, unsigned reg, unsigned width, uint32_t *val)
{
	struct kbd *k = st;

	if (!dev_width_ok(width))
		return DEV_BAD_ACCESS;
	switch (reg) {
	case KBD_REG_DATA:
		*val = k->key;
		return 0;
	case KBD_REG_STATUS:
		*val = kbd_status(k);
		return 0;
	default:
		return DEV_BAD_ACCESS;
	}
}

/* Writing 0 to the status register acknowledges; any other value, and any
 * write to the read-only data register, has no effect. */
static int kbd_out(void *st, unsigned reg, unsigned width, uint32_t val)
{
	struct kbd *k = st;

	if (!dev_width_ok(width))
		return DEV_BAD_ACCESS;
	switch (reg) {
	case KBD_REG_DATA:
		return 0;
	case KBD_REG_STATUS:
		if (val == 0)
			k->has_key = false;
		return 0;
	default:
		return DEV_BAD_ACCESS;
	}
}

void kbd_get_stats(const void *st, struct kbd_stats *stats)
{
	const struct kbd *k = st;

	*stats = k->stats;
}

static int kbd_init(void *st, struct dev_env *env)
{
	struct kbd *k = st;

	k->env = env;
	return 0;
}

/* The line is up while a key waits: latched and not acknowledged, or
 * queued; and once more at the end of input, until the guest reads the
 * status that shows it. Asking never latches (that would change the data
 * register before the guest reads the status); it may move input into the
 * queue. */
static int kbd_irq_level(void *st)
{
	struct kbd *k = st;

	if (!k->has_key && !k->count && !k->is_eof)
		kbd_refill(k);
	return k->has_key || k->count || (k->is_eof && !k->is_eof_shown);
}

enum { KBD_STAT_QUEUED, KBD_STAT_READ };

static const struct dev_stat kbd_stats[] = {
	[KBD_STAT_QUEUED] = { .json = "queued", .text = "bytes queued" },
	[KBD_STAT_READ] = { .json = "read", .text = "keys read" },
};

static void kbd_stat_values(const void *st, uint64_t *vals)
{
	const struct kbd *k = st;

	vals[KBD_STAT_QUEUED] = k->stats.bytes_queued;
	vals[KBD_STAT_READ] = k->stats.keys_latched;
}

static const struct dev_port kbd_ports[] = {
	{ .key = "data_port",
	  .reg = KBD_REG_DATA,
	  .abi_slot = VMM_PORT_KBD_DATA },
	{ .key = "status_port",
	  .reg = KBD_REG_STATUS,
	  .abi_slot = VMM_PORT_KBD_STATUS,
	  .is_status = 1 },
};

/* raw: true gives the guest every key as it is typed, not whole lines. */
static const struct dev_flag kbd_flags[] = {
	{ .key = "raw", .bit = DEV_HOST_RAW_INPUT },
};

const struct dev_desc kbd_desc = {
	.name = "keyboard",
	.ports = kbd_ports,
	.nports = ARRAY_LEN(kbd_ports),
	.flags = kbd_flags,
	.nflags = ARRAY_LEN(kbd_flags),
	.host_needs = DEV_HOST_INPUT,
	.stats = kbd_stats,
	.nstats = ARRAY_LEN(kbd_stats),
	.state_size = sizeof(struct kbd),
	.init = kbd_init,
	.in = kbd_in,
	.out = kbd_out,
	.get_stats = kbd_stat_values,
	.irq_level = kbd_irq_level,
	.irq_slot = VMM_IRQ_KBD,
};
