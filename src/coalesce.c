/* SPDX-License-Identifier: MIT */
/* Coalesced port I/O: zone registration, the ring drain and the kick
 * timer. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "coalesce.h"
#include "signals.h"

/* The kick timer fires this often while a zone is registered: a finished
 * line reaches standard output within 20 ms (SPEC "Console") even when
 * the guest never exits. */
#define COALESCE_WATCH_NS 5000000L

/* What the handler may touch: the watched coalesce and the run area's
 * immediate_exit, NULL when none (a signal can reach nothing else). */
static struct coalesce *volatile coalesce_watched;

/* On the vCPU thread: the signal itself makes KVM_RUN return (EINTR);
 * outside KVM_RUN, immediate_exit makes the next one return at once. Only
 * when bytes wait: a kick with nothing to drain is not worth an exit. */
static void coalesce_kick_handler(int signo)
{
	struct coalesce *c = coalesce_watched;

	(void)signo;
	if (c && c->kick && coalesce_is_pending(c))
		*c->kick = 1;
}

static int coalesce_zones(struct vm *vm, struct devset *ds)
{
	int n = 0;

	for (unsigned i = 1; i < ds->iotab.nentries; i++) {
		const struct iotab_entry *e = &ds->iotab.entry[i];
		struct kvm_coalesced_mmio_zone zone = { 0 };

		if (!e->key->is_batchable)
			continue;
		zone.addr = e->port;
		zone.size = 1; /* so wider OUTs exit as usual */
		zone.pio = 1;
		if (ioctl(vm->vm_fd, KVM_REGISTER_COALESCED_MMIO, &zone) < 0)
			return -errno;
		n++;
	}
	return n;
}

int coalesce_watch(struct coalesce *c)
{
	int rc = signals_thread_timer(COALESCE_KICK_SIGNAL,
				      coalesce_kick_handler, &c->timer);

	if (rc == 0)
		c->has_timer = 1;
	return rc;
}

void coalesce_probe(struct coalesce *c, const struct vm *vm)
{
	long page_bytes = sysconf(_SC_PAGESIZE);
	int page = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION,
			 KVM_CAP_COALESCED_MMIO);

	c->ring_page = 0;
	if (page <= 0 ||
	    ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_PIO) <= 0)
		return;
	if ((size_t)(page + 1) * (size_t)page_bytes > vm->run_bytes)
		return;
	c->ring_page = page;
}

int coalesce_start(struct coalesce *c, struct vm *vm, struct devset *ds)
{
	long page_bytes = sysconf(_SC_PAGESIZE);
	struct kvm_coalesced_mmio_ring *ring;
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	int page = c->ring_page, rc;

	if (!c->has_timer || page == 0)
		return 0;
	rc = coalesce_zones(vm, ds);
	if (rc <= 0)
		return rc;
	ring = (void *)((uint8_t *)vm->run + page * page_bytes);
	/* KVM_COALESCED_MMIO_MAX, with the kernel's page size (x86: ours). */
	c->ring_max = (unsigned)(((size_t)page_bytes - sizeof(*ring)) /
				 sizeof(ring->coalesced_mmio[0]));
	c->ring = ring;
	c->kick = &vm->run->immediate_exit;
	coalesce_watched = c;
	its.it_value.tv_nsec = COALESCE_WATCH_NS;
	its.it_interval.tv_nsec = COALESCE_WATCH_NS;
	if (timer_settime(c->timer, 0, &its, NULL) < 0)
		return -errno;
	return 0;
}

void coalesce_init(struct coalesce *c)
{
	memset(c, 0, sizeof(*c));
}

void coalesce_arm(struct coalesce *c)
{
	c->is_armed = 1;
}

int coalesce_is_pending(const struct coalesce *c)
{
	return c->ring && __atomic_load_n(&c->ring->last, __ATOMIC_ACQUIRE) !=
				  __atomic_load_n(&c->ring->first,
						  __ATOMIC_RELAXED);
}

int coalesce_drain(struct coalesce *c, struct devset *ds,
		   const char **dev_name)
{
	struct kvm_coalesced_mmio_ring *ring = c->ring;
	uint32_t first, last;

	if (!ring)
		return 0;
	first = __atomic_load_n(&ring->first, __ATOMIC_RELAXED);
	last = __atomic_load_n(&ring->last, __ATOMIC_ACQUIRE);
	while (first != last && first < c->ring_max) {
		const struct kvm_coalesced_mmio *m = &ring->coalesced_mmio[first];
		const struct iotab_entry *e =
			iotab_lookup(&ds->iotab, (uint16_t)m->phys_addr);
		uint32_t val = 0;
		int rc;

		memcpy(&val, m->data, m->len <= 4 ? m->len : 4);
		first = (first + 1) % c->ring_max;
		__atomic_store_n(&ring->first, first, __ATOMIC_RELEASE);
		c->drained++;
		if (!e)
			continue;
		c->by_entry[e - ds->iotab.entry]++;
		rc = e->desc->out(e->state, e->reg, m->len, val);
		if (rc) {
			*dev_name = e->desc->name;
			return rc;
		}
	}
	return 0;
}

void coalesce_stop(struct coalesce *c)
{
	if (!c->has_timer)
		return;
	/* A signal already pending finds nothing to touch. */
	coalesce_watched = NULL;
	timer_delete(c->timer);
	c->has_timer = 0;
}
