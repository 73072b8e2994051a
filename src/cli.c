/* SPDX-License-Identifier: MIT */
/* getopt_long, --help and --version. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../config/cfg_text.h"
#include "cli.h"
#include "trace.h"

#define CLI_TIMEOUT_MAX_S 31536000.0 /* a year */

enum {
	OPT_FORMAT = 256,
	OPT_TIMEOUT,
	OPT_VERSION,
	OPT_NO_COALESCE,
	OPT_TRACE,
	OPT_TRACE_FILE,
	OPT_NO_SANDBOX,
	OPT_STATS,
	OPT_GDB,
	OPT_CLOCK,
	OPT_INPUT_DELAY,
};

static const struct option cli_options[] = {
	{ "machine", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "no-coalesce", no_argument, NULL, OPT_NO_COALESCE },
	{ "no-sandbox", no_argument, NULL, OPT_NO_SANDBOX },
	{ "trace", optional_argument, NULL, OPT_TRACE },
	{ "trace-file", required_argument, NULL, OPT_TRACE_FILE },
	{ "stats", optional_argument, NULL, OPT_STATS },
	{ "gdb", required_argument, NULL, OPT_GDB },
	{ "clock", required_argument, NULL, OPT_CLOCK },
	{ "input-delay", required_argument, NULL, OPT_INPUT_DELAY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

#define CLI_HELP_INDENT 23 /* where option descriptions start */
#define CLI_HELP_WIDTH  74 /* the last column they reach */

/* Print text word by word from column CLI_HELP_INDENT, breaking lines
 * before CLI_HELP_WIDTH; col is where the first word goes (at least
 * CLI_HELP_INDENT). */
static void cli_wrap(FILE *out, const char *text, int col)
{
	int is_first = 1;

	while (*text) {
		size_t len = strcspn(text, " ");

		if (!is_first && col + 1 + (int)len > CLI_HELP_WIDTH) {
			fprintf(out, "\n%*s", CLI_HELP_INDENT, "");
			col = CLI_HELP_INDENT;
		} else if (!is_first) {
			fputc(' ', out);
			col++;
		}
		is_first = 0;
		fprintf(out, "%.*s", (int)len, text);
		col += (int)len;
		text += len + (text[len] == ' ');
	}
	fputc('\n', out);
}

/* --trace's description: its words come from the device list and the
 * exit-reason table, so a new device or reason shows up here by itself. */
static void cli_usage_trace(FILE *out)
{
	char devs[256], reasons[256], text[1024];
	/* On a line of its own: help2man (the man page) needs two spaces
	 * between an option and its description, and this one has no room. */
	const char *head = "      --trace[=FILTER]\n";

	trace_filter_words(devs, sizeof(devs), 1);
	trace_filter_words(reasons, sizeof(reasons), 0);
	snprintf(text, sizeof(text),
		 "print one line per VM exit on standard error: time, reason, port, direction, size, value, device, RIP as function+offset; FILTER is a comma-separated list of devices (%s) and exit reasons (%s); implies --no-coalesce",
		 devs, reasons);
	fprintf(out, "%s%*s", head, CLI_HELP_INDENT, "");
	cli_wrap(out, text, CLI_HELP_INDENT);
}

void cli_usage(FILE *out)
{
	fputs("usage: vmm [-c MACHINE.yaml] [options] GUEST [-- GUEST-ARGS...]\n"
	      "\n"
	      "Run GUEST, a raw binary or an ELF file, in a KVM virtual machine\n"
	      "described by MACHINE.yaml (default: the built-in machines/default.yaml).\n"
	      "\n"
	      "options:\n"
	      "  -c, --machine FILE   the machine description (docs/machine-format.md)\n"
	      "      --format FMT     raw or elf: force the image format (default: the\n"
	      "                       ELF magic decides)\n"
	      "      --timeout SECS   end the run after SECS seconds (decimals allowed)\n"
	      "                       with status 124; always host time\n"
	      "      --clock CLOCK    host or virtual: what the timer and input follow\n"
	      "                       (default: the machine's clock key, else host);\n"
	      "                       virtual runs the same every time, without\n"
	      "                       waiting (docs/running.md)\n"
	      "      --input-delay D  on the virtual clock, input line k arrives at\n"
	      "                       k * D (seconds, e.g. 1, 0.25 or 250ms; default:\n"
	      "                       the machine's input_delay key, else 1)\n"
	      "      --no-coalesce    serve every console OUT with a VM exit instead of\n"
	      "                       KVM's coalesced port I/O ring (slower; same bytes)\n"
	      "      --no-sandbox     do not confine vmm with its seccomp filter (for\n"
	      "                       debugging vmm itself; docs/robustness.md)\n",
	      out);
	cli_usage_trace(out);
	fputs("      --trace-file FILE  write the trace to FILE instead\n"
	      "      --stats[=json]   print run statistics on standard error at the end,\n"
	      "                       as a table or as one JSON object\n"
	      "      --gdb PORT       wait for gdb on 127.0.0.1:PORT (0: any free port)\n"
	      "                       before the guest's first instruction\n"
	      "  -h, --help           show this help and exit\n"
	      "      --version        show the version and exit\n"
	      "\n"
	      "GUEST-ARGS reach the guest as its command line (docs/abi.md).\n"
	      "\n"
	      "exit status: 0 when the guest halts; v & 0xff when it writes v to the\n"
	      "exit device; 1 when the host fails; 2 for a bad command line, machine\n"
	      "file or image; 3 for a guest fault; 124 on --timeout; 128+N on signal N.\n",
	      out);
}

static int cli_timeout(const char *arg, uint64_t *ms, struct vmm_err *err)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(s) || s <= 0 ||
	    s > CLI_TIMEOUT_MAX_S || arg[0] == '+' || arg[0] == ' ')
		return err_set(err, -EINVAL,
			       "--timeout '%s': expected seconds, more than 0 and at most %.0f",
			       arg, CLI_TIMEOUT_MAX_S);
	*ms = (uint64_t)ceil(s * 1000.0);
	return 0;
}

static int cli_format(const char *arg, enum image_format *fmt,
		      struct vmm_err *err)
{
	if (strcmp(arg, "raw") == 0)
		*fmt = IMAGE_RAW;
	else if (strcmp(arg, "elf") == 0)
		*fmt = IMAGE_ELF;
	else
		return err_set(err, -EINVAL,
			       "--format '%s': expected 'raw' or 'elf'", arg);
	return 0;
}

static int cli_stats(const char *arg, int *stats, struct vmm_err *err)
{
	if (!arg || strcmp(arg, "text") == 0)
		*stats = CLI_STATS_TEXT;
	else if (strcmp(arg, "json") == 0)
		*stats = CLI_STATS_JSON;
	else
		return err_set(err, -EINVAL,
			       "--stats='%s': expected 'text' or 'json'", arg);
	return 0;
}

/* GUEST [-- ARGS...] after the options. */
static int cli_operands(int argc, char **argv, struct cli_opts *o,
			struct vmm_err *err)
{
	if (optind >= argc)
		return err_set(err, -EINVAL,
			       "no guest image given (try 'vmm --help')");
	o->guest = argv[optind++];
	if (optind < argc && strcmp(argv[optind], "--") == 0) {
		o->guest_argc = argc - optind - 1;
		o->guest_argv = argv + optind + 1;
	} else if (optind < argc) {
		return err_set(err, -EINVAL,
			       "unexpected '%s' after the guest image (options go before it, guest arguments after '--')",
			       argv[optind]);
	}
	return 0;
}

/* --gdb PORT: a TCP port number, 0 for any free one. */
static int cli_gdb(const char *arg, unsigned *port, struct vmm_err *err)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || v > 65535 || *arg == '-')
		return err_set(err, -EINVAL,
			       "--gdb '%s': expected a port number from 0 to 65535",
			       arg);
	*port = (unsigned)v;
	return 0;
}

/* --clock host|virtual. */
static int cli_clock(const char *arg, struct cli_opts *o, struct vmm_err *err)
{
	o->has_clock = 1;
	if (machine_clock_find(arg, &o->clock) < 0)
		return err_set(err, -EINVAL,
			       "--clock '%s': expected 'host' or 'virtual'", arg);
	return 0;
}

/* --input-delay DURATION (the machine file's syntax). */
static int cli_input_delay(const char *arg, struct cli_opts *o,
			   struct vmm_err *err)
{
	o->has_input_delay = 1;
	if (cfg_text_duration(arg, &o->input_delay_ns) < 0)
		return err_set(err, -EINVAL,
			       "--input-delay '%s': expected seconds, e.g. 1, 0.25 or 250ms",
			       arg);
	return 0;
}

/* One option with a value, or a flag. */
static int cli_option(int c, struct cli_opts *o, struct vmm_err *err)
{
	switch (c) {
	case 'c':
		o->machine_path = optarg;
		return 0;
	case OPT_FORMAT:
		return cli_format(optarg, &o->format, err);
	case OPT_TIMEOUT:
		return cli_timeout(optarg, &o->timeout_ms, err);
	case OPT_NO_COALESCE:
		o->is_coalesce_off = 1;
		return 0;
	case OPT_NO_SANDBOX:
		o->is_sandbox_off = 1;
		return 0;
	case OPT_TRACE:
		o->is_trace = 1;
		o->trace_filter = optarg;
		return 0;
	case OPT_TRACE_FILE:
		o->is_trace = 1;
		o->trace_file = optarg;
		return 0;
	case OPT_STATS:
		return cli_stats(optarg, &o->stats, err);
	case OPT_GDB:
		o->has_gdb = 1;
		return cli_gdb(optarg, &o->gdb_port, err);
	case OPT_CLOCK:
		return cli_clock(optarg, o, err);
	default: /* OPT_INPUT_DELAY */
		return cli_input_delay(optarg, o, err);
	}
}

int cli_parse(int argc, char **argv, struct cli_opts *o, struct vmm_err *err)
{
	int c, rc = 0;

	memset(o, 0, sizeof(*o));
	o->format = IMAGE_AUTO;
	optind = 1;
	opterr = 0;
	while (rc == 0 &&
	       (c = getopt_long(argc, argv, "+:c:h", cli_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->is_help = 1;
			return 0;
		case OPT_VERSION:
			o->is_version = 1;
			return 0;
		case ':':
			return err_set(err, -EINVAL,
				       "option '%s' needs a value",
				       argv[optind - 1]);
		case '?':
			return err_set(err, -EINVAL,
				       "unknown option '%s' (try 'vmm --help')",
				       argv[optind - 1]);
		default:
			rc = cli_option(c, o, err);
		}
	}
	return rc ? rc : cli_operands(argc, argv, o, err);
}
