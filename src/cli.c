/* SPDX-License-Identifier: MIT */
/* getopt_long, --help and --version. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	const char *head = "      --trace[=FILTER] ";

	trace_filter_words(devs, sizeof(devs), 1);
	trace_filter_words(reasons, sizeof(reasons), 0);
	snprintf(text, sizeof(text),
		 "print one line per VM exit on standard error: time, reason, port, direction, size, value, device, RIP as function+offset; FILTER is a comma-separated list of devices (%s) and exit reasons (%s); implies --no-coalesce",
		 devs, reasons);
	fputs(head, out);
	cli_wrap(out, text, (int)strlen(head));
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
	      "                       with status 124\n"
	      "      --no-coalesce    serve every console OUT with a VM exit instead of\n"
	      "                       KVM's coalesced port I/O ring (slower; same bytes)\n"
	      "      --no-sandbox     do not confine vmm with its seccomp filter (for\n"
	      "                       debugging vmm itself; docs/robustness.md)\n",
	      out);
	cli_usage_trace(out);
	fputs("      --trace-file FILE  write the trace to FILE instead\n"
	      "      --stats[=json]   print run statistics on standard error at the end,\n"
	      "                       as a table or as one JSON object\n"
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
		case 'c':
			o->machine_path = optarg;
			break;
		case OPT_FORMAT:
			rc = cli_format(optarg, &o->format, err);
			break;
		case OPT_TIMEOUT:
			rc = cli_timeout(optarg, &o->timeout_ms, err);
			break;
		case OPT_NO_COALESCE:
			o->is_coalesce_off = 1;
			break;
		case OPT_NO_SANDBOX:
			o->is_sandbox_off = 1;
			break;
		case OPT_TRACE:
			o->is_trace = 1;
			o->trace_filter = optarg;
			break;
		case OPT_TRACE_FILE:
			o->is_trace = 1;
			o->trace_file = optarg;
			break;
		case OPT_STATS:
			rc = cli_stats(optarg, &o->stats, err);
			break;
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
		default:
			return err_set(err, -EINVAL,
				       "unknown option '%s' (try 'vmm --help')",
				       argv[optind - 1]);
		}
	}
	return rc ? rc : cli_operands(argc, argv, o, err);
}
