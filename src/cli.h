/* SPDX-License-Identifier: MIT */
/* The command line: vmm [-c MACHINE.yaml] [options] GUEST [-- GUEST-ARGS...] */
#ifndef VMM_SRC_CLI_H
#define VMM_SRC_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "../config/machine.h"
#include "../loader/loader.h"
#include "err.h"

enum { CLI_STATS_OFF, CLI_STATS_TEXT, CLI_STATS_JSON };

struct cli_opts {
	const char *machine_path; /* NULL: the built-in default machine */
	enum image_format format;
	uint64_t timeout_ms; /* 0: none */
	const char *guest;
	int guest_argc; /* the words after `--` */
	char **guest_argv;
	int is_coalesce_off; /* --no-coalesce */
	int is_sandbox_off;  /* --no-sandbox */
	int is_trace;        /* --trace[=FILTER] */
	const char *trace_filter; /* NULL: everything */
	const char *trace_file;   /* NULL: standard error */
	int stats;           /* CLI_STATS_* */
	int has_clock;       /* --clock: it overrides the machine file */
	enum machine_clock clock;
	int has_input_delay; /* --input-delay: it overrides the machine */
	uint64_t input_delay_ns;
	int has_gdb;         /* --gdb PORT */
	unsigned gdb_port;   /* 0: any free port */
	int is_help;
	int is_version;
};

/*
 * Parse argv into opts (argv is kept, not copied). Returns 0, or -EINVAL
 * with err set (err_print adds "vmm: ") for bad usage. --help and --version set their
 * flag and return 0 without needing a guest.
 */
int cli_parse(int argc, char **argv, struct cli_opts *opts,
	      struct vmm_err *err);

/* The --help text. */
void cli_usage(FILE *out);

#endif
