/* SPDX-License-Identifier: MIT */
/* --stats output: a table for people, one JSON object for scripts. */
#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include "host_io.h"
#include "stats.h"

static void stats_enter(void *ctx)
{
	struct stats *s = ctx;

	s->enter_ns = host_now_ns(NULL);
	if (!s->start_ns)
		s->start_ns = s->enter_ns;
}

static void stats_leave(void *ctx)
{
	struct stats *s = ctx;

	s->runs++;
	s->in_run_ns += host_now_ns(NULL) - s->enter_ns;
}

static void stats_exit(void *ctx, const struct run_exit *ex)
{
	struct stats *s = ctx;

	if (ex->is_interrupted) {
		s->interrupted++;
		return;
	}
	s->by_reason[run_reason_fold(ex->reason)]++;
	if (ex->reason != RUN_REASON_IO)
		return;
	if (ex->e)
		s->by_entry[ex->e - s->ds->iotab.entry] += ex->count;
	else
		s->no_device++;
}

void stats_init(struct stats *s, const struct devset *ds)
{
	memset(s, 0, sizeof(*s));
	s->ds = ds;
	s->obs = (struct run_observer){ .ctx = s,
					.enter = stats_enter,
					.leave = stats_leave,
					.exit = stats_exit };
}

void stats_end(struct stats *s, const struct coalesce *c)
{
	s->end_ns = host_now_ns(NULL);
	if (!s->start_ns)
		s->start_ns = s->end_ns;
	s->coalesced = c->drained;
	for (unsigned i = 0; i < IOTAB_MAX_ENTRIES; i++)
		s->by_entry[i] += c->by_entry[i];
}

static double stats_seconds(uint64_t ns)
{
	return (double)ns / 1e9;
}

/* Each device's own counters, as its descriptor names them. */
static void stats_print_device(const struct dev_desc *d, const void *st,
			       int is_json, FILE *out)
{
	uint64_t vals[DEV_MAX_STATS];

	assert(d->nstats <= DEV_MAX_STATS);
	d->get_stats(st, vals);
	if (is_json)
		fprintf(out, ",\"%s\":{", d->name);
	else
		fprintf(out, "  %-10s ", d->name);
	for (size_t k = 0; k < d->nstats; k++)
		if (is_json)
			fprintf(out, "%s\"%s\":%" PRIu64, k ? "," : "",
				d->stats[k].json, vals[k]);
		else
			fprintf(out, "%s%" PRIu64 " %s", k ? ", " : "", vals[k],
				d->stats[k].text);
	fputs(is_json ? "}" : "\n", out);
}

static void stats_print_devices(const struct devset *ds, int is_json,
				FILE *out)
{
	for (unsigned i = 0; i < ds->ndevs; i++) {
		const struct dev_desc *d = ds->dev[i].desc;

		if (d->nstats && d->get_stats)
			stats_print_device(d, ds->dev[i].state, is_json, out);
	}
}

static void stats_print_ports(const struct stats *s, int is_json, FILE *out)
{
	const struct devset *ds = s->ds;

	int first = 1;

	fputs(is_json ? ",\"ports\":[" : "  port accesses:\n", out);
	for (unsigned i = 1; i < ds->iotab.nentries; i++) {
		const struct iotab_entry *e = &ds->iotab.entry[i];

		fprintf(out,
			is_json ? "%s{\"port\":%u,\"device\":\"%s\",\"register\":\"%s\",\"accesses\":%" PRIu64 "}"
				: "%s    0x%04x %-8s %-14s %" PRIu64 "\n",
			is_json && !first ? "," : "", e->port, e->desc->name,
			e->key->key, s->by_entry[i]);
		first = 0;
	}
	fputs(is_json ? "]" : "", out);
}

static void stats_print_reasons(const struct stats *s, int is_json, FILE *out)
{
	int first = 1;

	fputs(is_json ? ",\"exits\":{" : "  exits by reason:\n", out);
	for (unsigned n = 0; n < RUN_REASONS; n++) {
		const char *name = run_reason_name(n);
		char other[24]; /* one key per reason: JSON keys stay unique */

		if (!s->by_reason[n])
			continue;
		if (!name) {
			snprintf(other, sizeof(other), "exit_%u", n);
			name = other;
		}
		if (is_json)
			fprintf(out, "%s\"%s\":%" PRIu64, first ? "" : ",",
				name, s->by_reason[n]);
		else
			fprintf(out, "    %-14s %" PRIu64 "\n", name,
				s->by_reason[n]);
		first = 0;
	}
	fputs(is_json ? "}" : "", out);
}

/* Which clock the devices followed; on the virtual one, where its time
 * went (docs/running.md). */
static void stats_print_clock(const struct stats *s, int is_json, FILE *out)
{
	if (is_json && !s->is_vclock)
		fputs(",\"clock\":\"host\"", out);
	else if (is_json)
		fprintf(out,
			",\"clock\":\"virtual\",\"virtual_s\":%.6f,\"jumps\":%" PRIu64
			",\"jumped_s\":%.6f,\"input_waits\":%" PRIu64,
			stats_seconds(s->vclock_ns), s->jumps,
			stats_seconds(s->jumped_ns), s->input_waits);
	else if (s->is_vclock)
		fprintf(out,
			"  clock      virtual: %.6f s at the end, %.6f s of it in %" PRIu64
			" jumps; %" PRIu64 " waits for input\n",
			stats_seconds(s->vclock_ns), stats_seconds(s->jumped_ns),
			s->jumps, s->input_waits);
}

void stats_print(const struct stats *s, int is_json, FILE *out)
{
	uint64_t total = s->end_ns - s->start_ns;
	uint64_t exits = s->runs - s->interrupted;
	double secs = stats_seconds(total);
	double rate = secs > 0 ? (double)exits / secs : 0;

	if (is_json)
		fprintf(out,
			"{\"run_s\":%.6f,\"in_kvm_run_s\":%.6f,\"in_vmm_s\":%.6f,\"kvm_runs\":%" PRIu64
			",\"exits_total\":%" PRIu64 ",\"exits_per_s\":%.0f,\"signals\":%" PRIu64
			",\"coalesced_outs\":%" PRIu64 ",\"no_device\":%" PRIu64
			",\"idle_waits\":%" PRIu64 ",\"idle_s\":%.6f"
			",\"sandbox_rules\":%u",
			secs, stats_seconds(s->in_run_ns),
			stats_seconds(total - s->in_run_ns), s->runs, exits,
			rate, s->interrupted, s->coalesced, s->no_device,
			s->idle_waits, stats_seconds(s->idle_ns),
			s->sandbox_rules);
	else
		fprintf(out,
			"vmm: stats\n"
			"  run time   %.6f s: %.6f s in KVM_RUN (guest and KVM), %.6f s in vmm\n"
			"  exits      %" PRIu64 " (%.0f per second), %" PRIu64
			" KVM_RUN calls, %" PRIu64 " ended by a signal\n"
			"  coalesced  %" PRIu64 " console OUTs with no exit\n"
			"  idle       %" PRIu64 " waits, %.6f s of the time in vmm\n",
			secs, stats_seconds(s->in_run_ns),
			stats_seconds(total - s->in_run_ns), exits, rate,
			s->runs, s->interrupted, s->coalesced, s->idle_waits,
			stats_seconds(s->idle_ns));
	stats_print_clock(s, is_json, out);
	if (!is_json && s->sandbox_rules)
		fprintf(out, "  sandbox    on, %u seccomp rules\n", s->sandbox_rules);
	else if (!is_json)
		fprintf(out, "  sandbox    off (--no-sandbox, or a sanitizer build)\n");
	stats_print_reasons(s, is_json, out);
	stats_print_ports(s, is_json, out);
	stats_print_devices(s->ds, is_json, out);
	fputs(is_json ? "}\n" : "", out);
}
