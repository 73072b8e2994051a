/* SPDX-License-Identifier: MIT */
/* --trace: the filter, and one line per exit. Only runs when tracing. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "devices/devices.h"
#include "host_io.h"
#include "trace.h"

#define TRACE_WORDS_MAX 256

static int trace_is_word(const char *w, size_t len, const char *name)
{
	return name && strlen(name) == len && memcmp(name, w, len) == 0;
}

static int trace_word(const char *w, size_t len, struct trace *t)
{
	for (unsigned i = 0; devices_all[i]; i++)
		if (trace_is_word(w, len, devices_all[i]->name)) {
			t->dev_mask |= 1u << i;
			t->reason_mask |= 1ull << RUN_REASON_IO;
			return 0;
		}
	if (trace_is_word(w, len, "none")) {
		t->dev_mask |= 1u << TRACE_NO_DEVICE;
		t->reason_mask |= 1ull << RUN_REASON_IO;
		return 0;
	}
	for (unsigned n = 0; n < RUN_REASONS; n++)
		if (trace_is_word(w, len, run_reason_name(n))) {
			t->reason_mask |= 1ull << n;
			if (n == RUN_REASON_IO)
				t->dev_mask = ~0u;
			return 0;
		}
	return -EINVAL;
}

void trace_filter_words(char *buf, size_t size, int is_devices)
{
	size_t len = 0;
	const char *sep = "";

	buf[0] = '\0';
	for (unsigned i = 0; i <= RUN_REASONS && len < size; i++) {
		const char *w;

		if (is_devices)
			w = devices_all[i] ? devices_all[i]->name : "none";
		else
			w = i < RUN_REASONS ? run_reason_name(i) : NULL;
		if (!w)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", sep, w);
		sep = ", ";
		if (is_devices && !devices_all[i])
			break;
	}
}

static void trace_exit(void *ctx, const struct run_exit *ex);

int trace_parse_filter(const char *filter, struct trace *t,
		       struct vmm_err *err)
{
	char devs[TRACE_WORDS_MAX], reasons[TRACE_WORDS_MAX];
	const char *w = filter;

	t->obs = (struct run_observer){ .ctx = t,
					.needs_rip = true,
					.exit = trace_exit };
	t->reason_mask = ~0ull;
	t->dev_mask = ~0u;
	if (!filter || !*filter)
		return 0;
	t->reason_mask = 0;
	t->dev_mask = 0;
	while (*w) {
		size_t len = strcspn(w, ",");

		if (trace_word(w, len, t) < 0) {
			trace_filter_words(devs, sizeof(devs), 1);
			trace_filter_words(reasons, sizeof(reasons), 0);
			return err_set(err, -EINVAL,
				       "--trace: unknown device or exit reason '%.*s' (devices: %s; reasons: %s)",
				       (int)len, w, devs, reasons);
		}
		w += len + (w[len] == ',');
	}
	return 0;
}

static void trace_rip(const struct trace *t, uint64_t rip)
{
	uint64_t off;
	const struct sym *s = t->syms ? symtab_find(t->syms, rip, &off) : NULL;

	if (s)
		fprintf(t->out, " rip=0x%" PRIx64 " <%s+0x%" PRIx64 ">\n", rip,
			s->name, off);
	else
		fprintf(t->out, " rip=0x%" PRIx64 "\n", rip);
}

static void trace_io(const struct trace *t, const struct run_exit *ex,
		     double secs)
{
	const struct iotab_entry *e = ex->e;
	const uint8_t *data = ex->data;
	unsigned bit = TRACE_NO_DEVICE; /* or the device's devices_all index */

	for (unsigned i = 0; e && devices_all[i]; i++)
		if (devices_all[i] == e->desc)
			bit = i;
	if (!(t->dev_mask & (1u << bit)))
		return;
	for (uint32_t i = 0; i < ex->count; i++, data += ex->size) {
		uint32_t val = 0;

		memcpy(&val, data, ex->size <= 4 ? ex->size : 4);
		fprintf(t->out,
			"%12.6f io %s port=0x%x size=%u value=0x%x dev=%s%s%s",
			secs, ex->is_out ? "out" : "in", ex->port, ex->size,
			val, e ? e->desc->name : "none", e ? "." : "",
			e ? e->key->key : "");
		trace_rip(t, ex->rip);
	}
}

static void trace_exit(void *ctx, const struct run_exit *ex)
{
	const struct trace *t = ctx;
	unsigned n = run_reason_fold(ex->reason);
	double secs = (double)(host_now_ns(NULL) - t->t0_ns) / 1e9;
	const char *name = run_reason_name(n);

	if (ex->is_interrupted || !(t->reason_mask & (1ull << n)))
		return;
	if (ex->reason == RUN_REASON_IO) {
		trace_io(t, ex, secs);
		return;
	}
	if (ex->reason == RUN_REASON_MMIO)
		fprintf(t->out, "%12.6f mmio %s addr=0x%" PRIx64 " size=%u",
			secs, ex->mmio_is_write ? "write" : "read",
			ex->mmio_gpa, ex->mmio_len);
	else if (name)
		fprintf(t->out, "%12.6f %s", secs, name);
	else
		fprintf(t->out, "%12.6f exit reason=%u", secs, ex->reason);
	trace_rip(t, ex->rip);
}
