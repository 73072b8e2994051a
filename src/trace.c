/* SPDX-License-Identifier: MIT */
/* --trace: the filter, and one line per exit. Only runs when tracing. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <linux/kvm.h>

#include "devices/devices.h"
#include "stats.h"
#include "trace.h"

static int trace_word(const char *w, size_t len, struct trace *t)
{
	for (unsigned i = 0; devices_all[i]; i++)
		if (strlen(devices_all[i]->name) == len &&
		    memcmp(devices_all[i]->name, w, len) == 0) {
			t->dev_mask |= 1u << i;
			t->reason_mask |= 1ull << KVM_EXIT_IO;
			return 0;
		}
	if (len == 4 && memcmp(w, "none", 4) == 0) {
		t->dev_mask |= 1u << TRACE_NO_DEVICE;
		t->reason_mask |= 1ull << KVM_EXIT_IO;
		return 0;
	}
	for (unsigned n = 0; n < STATS_REASONS; n++) {
		const char *name = stats_reason_name(n);

		if (name && strlen(name) == len && memcmp(name, w, len) == 0) {
			t->reason_mask |= 1ull << n;
			if (n == KVM_EXIT_IO)
				t->dev_mask = ~0u;
			return 0;
		}
	}
	return -EINVAL;
}

int trace_parse_filter(const char *filter, struct trace *t,
		       struct vmm_err *err)
{
	const char *w = filter;

	if (!filter || !*filter) {
		t->reason_mask = ~0ull;
		t->dev_mask = ~0u;
		return 0;
	}
	t->reason_mask = 0;
	t->dev_mask = 0;
	while (*w) {
		size_t len = strcspn(w, ",");

		if (trace_word(w, len, t) < 0)
			return err_set(err, -EINVAL,
				       "vmm: --trace: unknown device or exit reason '%.*s' (devices: console, keyboard, timer, exit, none; reasons: io, hlt, mmio, shutdown, fail_entry, internal_error)",
				       (int)len, w);
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

static void trace_io(const struct trace *t, const struct kvm_run *r,
		     const struct iotab_entry *e, uint64_t rip, double secs)
{
	const uint8_t *data = (const uint8_t *)r + r->io.data_offset;
	unsigned bit = TRACE_NO_DEVICE; /* or the device's devices_all index */

	for (unsigned i = 0; e && devices_all[i]; i++)
		if (devices_all[i] == e->desc)
			bit = i;
	if (!(t->dev_mask & (1u << bit)))
		return;
	for (uint32_t i = 0; i < r->io.count; i++, data += r->io.size) {
		uint32_t val = 0;

		memcpy(&val, data, r->io.size <= 4 ? r->io.size : 4);
		fprintf(t->out,
			"%12.6f io %s port=0x%x size=%u value=0x%x dev=%s%s%s",
			secs, r->io.direction == KVM_EXIT_IO_OUT ? "out" : "in",
			r->io.port, r->io.size, val, e ? e->desc->name : "none",
			e ? "." : "", e ? e->key->key : "");
		trace_rip(t, rip);
	}
}

void trace_exit(const struct trace *t, const struct kvm_run *r,
		const struct iotab_entry *e, uint64_t rip, uint64_t now_ns)
{
	unsigned n = r->exit_reason < STATS_REASONS ? r->exit_reason
						    : STATS_REASONS - 1;
	double secs = (double)(now_ns - t->t0_ns) / 1e9;
	const char *name = stats_reason_name(n);

	if (!(t->reason_mask & (1ull << n)))
		return;
	if (r->exit_reason == KVM_EXIT_IO) {
		trace_io(t, r, e, rip, secs);
		return;
	}
	if (r->exit_reason == KVM_EXIT_MMIO)
		fprintf(t->out, "%12.6f mmio %s addr=0x%llx size=%u", secs,
			r->mmio.is_write ? "write" : "read",
			(unsigned long long)r->mmio.phys_addr, r->mmio.len);
	else if (name)
		fprintf(t->out, "%12.6f %s", secs, name);
	else
		fprintf(t->out, "%12.6f exit reason=%u", secs, r->exit_reason);
	trace_rip(t, rip);
}
