/* SPDX-License-Identifier: MIT */
/*
 * The machine description: a YAML file (libyaml) -> one plain struct. Knows
 * device names and port keys only through the device list; no KVM.
 */
#ifndef VMM_CONFIG_MACHINE_H
#define VMM_CONFIG_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include "../src/devices/dev.h"
#include "../src/devices/devset.h"
#include "../src/err.h"

enum entry_mode { ENTRY_REAL, ENTRY_PROTECTED, ENTRY_LONG };

/* What the devices' time follows (SPEC "The virtual clock"). */
enum machine_clock { MACHINE_CLOCK_HOST, MACHINE_CLOCK_VIRTUAL };

/* A place in the machine file, counted from 1 (libyaml counts from 0). */
struct cfg_mark {
	unsigned line;
	unsigned column;
};

struct machine_dev {
	const struct dev_desc *desc;
	uint16_t port[DEV_MAX_PORTS]; /* port[i] binds desc->ports[i] */
	unsigned flags;               /* DEV_HOST_* bits of flags set true */
	uint8_t irq;                  /* its `irq` vector, 0: none */
	struct cfg_mark mark;         /* the device's key under devices: */
};

#define MACHINE_NAME_MAX  256

/* Keys left out of the machine file (docs/machine-format.md). */
#define MACHINE_DEFAULT_MEM_BYTES    (16ull << 20)
#define MACHINE_DEFAULT_ENTRY        ENTRY_LONG
#define MACHINE_DEFAULT_LOAD_ADDRESS 0x100000ull
#define MACHINE_DEFAULT_CLOCK        MACHINE_CLOCK_HOST
#define MACHINE_DEFAULT_INPUT_DELAY_NS 1000000000ull /* 1 s */

/* The largest machine file machine_parse and machine_load accept. */
#define MACHINE_TEXT_MAX (1u << 20)

/* Each *_mark is where that key's value is; a key left out takes its default
 * and the mark of the top-level mapping. */
struct machine {
	char file[MACHINE_NAME_MAX]; /* the name messages start with */
	uint64_t mem_bytes;
	struct cfg_mark mem_mark;
	enum entry_mode entry;
	struct cfg_mark entry_mark;
	uint64_t load_address;
	struct cfg_mark load_mark;
	enum machine_clock clock;
	struct cfg_mark clock_mark;
	/* On the virtual clock: standard input's line k is readable at
	 * k * input_delay_ns of virtual time. */
	uint64_t input_delay_ns;
	struct cfg_mark input_delay_mark;
	struct machine_dev dev[DEVSET_MAX];
	unsigned ndevs;
};

/* The file name of the built-in machine in messages. */
#define MACHINE_BUILTIN_NAME "<built-in default.yaml>"

/*
 * Parse and validate the machine description text[0, len) into m. name is
 * used in messages ("NAME:LINE:COLUMN: message"). Keys left out take their
 * documented defaults (docs/machine-format.md): without a devices: key, the
 * built-in machine's devices; with one, only the devices it lists. Returns
 * 0, or a negative errno (-EINVAL, or -ENOMEM from libyaml) with err set to
 * one line; m is written only on success.
 */
int machine_parse(const char *name, const char *text, size_t len,
		  struct machine *m, struct vmm_err *err);

/* Read path and machine_parse it; -errno with err set when unreadable. */
int machine_load(const char *path, struct machine *m, struct vmm_err *err);

/* machine_parse the built-in default (machines/default.yaml, embedded). */
int machine_load_default(struct machine *m, struct vmm_err *err);

/* "real", "protected" or "long". */
const char *machine_entry_name(enum entry_mode mode);

/* "host" or "virtual". */
const char *machine_clock_name(enum machine_clock clock);

/* The clock named s ("host" or "virtual"): 0 with *clock set, or -EINVAL. */
int machine_clock_find(const char *s, enum machine_clock *clock);

/* The lowest guest-physical address vmm's structures leave to the guest
 * above them in this mode (SPEC "Guest memory map"). */
uint64_t machine_guest_start(enum entry_mode mode);

#endif
