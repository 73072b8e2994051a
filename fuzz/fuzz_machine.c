/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the input bytes as a machine file. What machine_parse
 * accepts must also build a device set the way src/main.c does, and place a
 * small raw image by the loader's rules; any crash, leak, sanitizer report
 * or broken promise below is a finding.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmm_abi.h"

#include "config/machine.h"
#include "fuzz_util.h"
#include "loader/loader.h"
#include "src/devices/devset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Large, and one per process: kept out of the stack as in src/main.c. */
static struct machine machine;
static struct devset devset;

/* A raw image of RAW_BYTES, opened once, placed on every accepted machine. */
#define RAW_BYTES 0x200
static struct image raw;
static char raw_path[64];

static uint64_t fake_now_ns(void *ctx)
{
	(void)ctx;
	return 0;
}

static long fake_input(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return DEV_INPUT_EOF;
}

static int fake_output(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return 0;
}

static void broken(const char *what)
{
	fuzz_broken("fuzz_machine", what, NULL);
}

/* What a successful machine_parse promises (SPEC "Machine description"). */
static void check_machine(const struct machine *m)
{
	if (m->mem_bytes == 0 || m->mem_bytes % 0x1000)
		broken("memory not a non-zero multiple of 4 KiB");
	if (m->mem_bytes < machine_guest_start(m->entry))
		broken("memory below the mode's guest start");
	if (m->entry != ENTRY_REAL && m->entry != ENTRY_PROTECTED &&
	    m->entry != ENTRY_LONG)
		broken("entry mode out of range");
	if (m->ndevs > DEVSET_MAX)
		broken("too many devices");
	if (!memchr(m->file, '\0', sizeof(m->file)))
		broken("file name not terminated");
	for (unsigned i = 0; i < m->ndevs; i++)
		if (!m->dev[i].desc || m->dev[i].desc->nports > DEV_MAX_PORTS)
			broken("device without a descriptor");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t zeros[RAW_BYTES];
	struct vmm_err err = { 0 };
	int fd = memfd_create("fuzz_machine", MFD_CLOEXEC);

	(void)argc;
	(void)argv;
	if (fd < 0 ||
	    write(fd, zeros, sizeof(zeros)) != (ssize_t)sizeof(zeros)) {
		perror("fuzz_machine: memfd");
		exit(1);
	}
	snprintf(raw_path, sizeof(raw_path), "/proc/self/fd/%d", fd);
	if (load_open(raw_path, IMAGE_RAW, &raw, &err) < 0) {
		fprintf(stderr, "fuzz_machine: %s\n", err.msg);
		exit(1);
	}
	return 0;
}

/* load_check's promises for a raw image on machine m (SPEC "Guest images",
 * "Guest memory map", "Entry modes"). */
static void place_raw(const struct machine *m)
{
	struct vmm_err err = { 0 };
	uint64_t start = m->load_address, low = VMM_BOOTINFO_GPA;
	uint64_t high = machine_guest_start(m->entry);

	if (load_check(&raw, m, &err) < 0) {
		if (err.code != -EINVAL || !fuzz_is_one_line(err.msg) ||
		    (strncmp(err.msg, "fuzz.yaml:", 10) != 0 &&
		     strncmp(err.msg, raw_path, strlen(raw_path)) != 0))
			fuzz_broken("fuzz_machine", "raw image refusal",
				    err.msg);
		return;
	}
	if (raw.nsegs != 1 || raw.entry != start ||
	    !range_ok(start, RAW_BYTES, m->mem_bytes) ||
	    ranges_overlap(start, RAW_BYTES, low, high - low) ||
	    (m->entry == ENTRY_REAL && start > 0xffff) ||
	    (m->entry == ENTRY_PROTECTED && start > 0xffffffff))
		broken("raw image placed against the rules");
}

/* src/main.c's add_devices, with a fake clock, input and output. */
static void build_devset(const struct machine *m)
{
	struct vmm_err err = { 0 };
	uint32_t ports[VMM_PORT_SLOTS];

	devset_init(&devset);
	devset.env.now_ns = fake_now_ns;
	devset.env.input = fake_input;
	devset.env.output = fake_output;
	for (unsigned i = 0; i < m->ndevs; i++)
		/* machine_parse refused taken ports: binding cannot fail. */
		if (devset_add(&devset, m->dev[i].desc, m->dev[i].port,
			       &err) < 0) {
			fuzz_broken("fuzz_machine",
				    "devset_add refused a parsed machine",
				    err.msg);
		}
	devset_abi_ports(&devset, ports);
	if (devset_finish(&devset) < 0)
		broken("devset_finish failed with a sink that cannot fail");
	devset_free(&devset);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmm_err err = { 0 };
	int rc;

	rc = machine_parse("fuzz.yaml", (const char *)data, size, &machine,
			   &err);
	if (rc < 0) {
		/* A refusal is one line with the file name, never empty. */
		if (err.code != rc || strncmp(err.msg, "fuzz.yaml:", 10) != 0 ||
		    !fuzz_is_one_line(err.msg))
			fuzz_broken("fuzz_machine",
				    "refusal without one 'fuzz.yaml:' line",
				    err.msg);
		if (rc != -EINVAL && rc != -ENOMEM)
			broken("unexpected error code");
		return 0;
	}
	check_machine(&machine);
	build_devset(&machine);
	place_raw(&machine);
	return 0;
}
