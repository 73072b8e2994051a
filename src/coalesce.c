/* SPDX-License-Identifier: MIT */
/* Coalesced port I/O: zone registration, the ring drain and the watcher. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "coalesce.h"

/* The watcher looks this often: a finished line reaches standard output
 * within 20 ms (SPEC "Console") even when the guest never exits. */
#define COALESCE_WATCH_NS 5000000L

/* Interrupts KVM_RUN; its handler does nothing. */
#define COALESCE_KICK_SIGNAL (SIGRTMIN + 1)

static void coalesce_kick_handler(int signo)
{
	(void)signo;
}

static void *coalesce_watcher(void *arg)
{
	struct coalesce *c = arg;
	struct timespec next;

	pthread_mutex_lock(&c->lock);
	/* Parked until coalesce_start has a ring to watch, or the end. */
	while (!c->is_stopping && !c->ring)
		pthread_cond_wait(&c->wake, &c->lock);
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!c->is_stopping) {
		next.tv_nsec += COALESCE_WATCH_NS;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		pthread_cond_timedwait(&c->wake, &c->lock, &next);
		if (!c->is_stopping && coalesce_is_pending(c))
			pthread_kill(c->vcpu_thread, COALESCE_KICK_SIGNAL);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
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
	struct sigaction sa;
	pthread_condattr_t attr;
	sigset_t all, old;
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = coalesce_kick_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(COALESCE_KICK_SIGNAL, &sa, NULL) < 0)
		return -errno;
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c->wake, &attr);
	pthread_condattr_destroy(&attr);
	/* The watcher takes no signals: they are for the vCPU thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->watcher, NULL, coalesce_watcher, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc)
		return -rc;
	c->has_watcher = 1;
	c->vcpu_thread = pthread_self();
	return 0;
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
	int page = c->ring_page, rc;

	if (!c->has_watcher || page == 0)
		return 0;
	rc = coalesce_zones(vm, ds);
	if (rc <= 0)
		return rc;
	ring = (void *)((uint8_t *)vm->run + page * page_bytes);
	/* KVM_COALESCED_MMIO_MAX, with the kernel's page size (x86: ours). */
	c->ring_max = (unsigned)(((size_t)page_bytes - sizeof(*ring)) /
				 sizeof(ring->coalesced_mmio[0]));
	pthread_mutex_lock(&c->lock);
	c->ring = ring;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
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
	if (!c->has_watcher)
		return;
	pthread_mutex_lock(&c->lock);
	c->is_stopping = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->watcher, NULL);
	c->has_watcher = 0;
}
