/* SPDX-License-Identifier: MIT */
/*
 * The device model: how a device declares itself (struct dev_desc) and what
 * it gets from vmm (struct dev_env). Devices are plain state machines: no
 * KVM, no file descriptors, no globals; clock, input and output reach them
 * through dev_env so unit tests can drive them.
 */
#ifndef VMM_SRC_DEVICES_DEV_H
#define VMM_SRC_DEVICES_DEV_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Handler result: 0 goes on, DEV_STOP ends the run (status in env), a
 * negative errno reports a host failure, DEV_BAD_ACCESS a guest fault (an
 * access the device does not accept). */
#define DEV_STOP       1
#define DEV_BAD_ACCESS 2

/* Port accesses are 1, 2 or 4 bytes wide. The run loop refuses others;
 * devices check again so that no caller can make them misread a value. */
static inline int dev_width_ok(unsigned width)
{
	return width == 1 || width == 2 || width == 4;
}

/* dev_env.input result: input is closed and nothing is left to read. */
#define DEV_INPUT_EOF (-1)

struct dev_env {
	/* Host monotonic time in nanoseconds. */
	uint64_t (*now_ns)(void *ctx);
	void *clock_ctx;
	/* Move up to len queued input bytes into buf without blocking: returns
	 * the count (0 when none is ready yet) or DEV_INPUT_EOF. */
	long (*input)(void *ctx, uint8_t *buf, size_t len);
	void *input_ctx;
	/* Write all len bytes to the output; 0 or a negative errno. */
	int (*output)(void *ctx, const void *buf, size_t len);
	void *output_ctx;
	/* Set by a device that returns DEV_STOP: vmm's exit status. */
	int exit_status;
};

/* One register of a device, named by its key in the machine file. */
struct dev_port {
	const char *key;   /* e.g. "data_port" */
	unsigned reg;      /* the device's own register number */
	unsigned abi_slot; /* VMM_PORT_* slot in the boot information */
	/* 1-byte OUTs to this register may reach the device later, in order,
	 * in a batch (KVM's coalesced port I/O): the guest cannot observe the
	 * delay, because the register has no effect it could read back. */
	int is_batchable;
	/* A status register: what it reads may change without an access (a
	 * period end, input). Reads of it that return what it returned last
	 * time count towards idle waiting (idle.h). */
	int is_status;
};

#define DEV_MAX_PORTS 4

/* What a device needs of the host, as bits: the run object provides it at
 * boot (vmm.c), so the exit path never starts anything. */
#define DEV_HOST_INPUT     0x1u /* dev_env.input: the standard-input reader */
#define DEV_HOST_RAW_INPUT 0x2u /* standard input, if a terminal, in raw keys */

/* A yes/no setting of a device in the machine file, e.g. the keyboard's
 * `raw: true`: when true, the device needs the DEV_HOST_* bit. The device
 * itself never sees it (it is about the host, not the registers). */
struct dev_flag {
	const char *key;
	unsigned bit;
};

/* The same bit, under the name machine_dev.flags is read by. */
#define DEV_FLAG_RAW_INPUT DEV_HOST_RAW_INPUT

/* One counter a device keeps, as --stats shows it: `"json": N` in the JSON
 * object, "N text" in the table. */
struct dev_stat {
	const char *json;
	const char *text;
};

#define DEV_MAX_STATS 4

/* dev_desc.next_event_ns: the device will not change by itself. */
#define DEV_NO_EVENT UINT64_MAX

/* Everything about a device, declared once at the bottom of its file;
 * devices/list.h lists the descriptors. */
struct dev_desc {
	const char *name; /* its key under devices: */
	const struct dev_port *ports;
	size_t nports;
	const struct dev_flag *flags; /* optional keys, default false */
	size_t nflags;
	unsigned host_needs;          /* DEV_HOST_* it always needs */
	const struct dev_stat *stats; /* its counters for --stats */
	size_t nstats;
	size_t state_size;
	/* Set up zeroed state; 0 or a negative errno. env outlives st. */
	int (*init)(void *st, struct dev_env *env);
	/* Guest IN of width 1, 2 or 4 bytes from reg; *val is zero-extended. */
	int (*in)(void *st, unsigned reg, unsigned width, uint32_t *val);
	/* Guest OUT of width 1, 2 or 4 bytes to reg. */
	int (*out)(void *st, unsigned reg, unsigned width, uint32_t val);
	/* Called once when the run ends, however it ends (may be NULL): flush
	 * what the device holds; 0 or a negative errno. */
	int (*finish)(void *st);
	/* Copy the nstats counters, in the order of stats[], into vals. */
	void (*get_stats)(const void *st, uint64_t *vals);
	/* The earliest time (dev_env.now_ns) at which the device may change
	 * what the guest reads without being accessed, e.g. the timer's next
	 * period end; DEV_NO_EVENT for never. NULL: never. For idle waiting. */
	uint64_t (*next_event_ns)(const void *st);
	/* The level of the device's interrupt line now: 1 up, 0 down. Lines
	 * are level-triggered and lowered by the device's own acknowledge
	 * (SPEC "Interrupts"). NULL: the device has no line (and no `irq`
	 * key in the machine file). */
	int (*irq_level)(void *st);
	unsigned irq_slot; /* VMM_IRQ_* slot of its vector in the boot info */
};

/* The machine file's `irq: VECTOR`: vectors 0-31 are the CPU's. */
#define DEV_IRQ_KEY        "irq"
#define DEV_IRQ_VECTOR_MIN 32
#define DEV_IRQ_VECTOR_MAX 255

#endif
