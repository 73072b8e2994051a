/* SPDX-License-Identifier: MIT */
/* Idle waiting: one ppoll on an eventfd, with the next device event as its
 * timeout. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "coalesce.h"
#include "idle.h"
#include "signals.h"

int idle_init(struct idle *d, struct host_input *input)
{
	d->streak = 0;
	memset(d->last, 0, sizeof(d->last));
	d->after_reads = IDLE_AFTER_READS;
	d->input = input;
	d->vclock = NULL; /* the host's clock until idle_use_vclock */
	d->vin = NULL;
	d->waits = 0;
	d->waited_ns = 0;
	/* The console's kick timer (coalesce.c) would end every wait after
	 * 5 ms; while the guest waits, it writes nothing to kick out. */
	pthread_sigmask(SIG_BLOCK, NULL, &d->wait_mask);
	sigaddset(&d->wait_mask, COALESCE_KICK_SIGNAL);
	d->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (d->wake_fd < 0)
		return -errno;
	input->wake_fd = d->wake_fd;
	signals_set_wake_fd(d->wake_fd);
	return 0;
}

void idle_close(struct idle *d)
{
	if (d->wake_fd < 0)
		return;
	signals_set_wake_fd(-1);
	close(d->wake_fd);
	d->wake_fd = -1;
}

/* Forget the wake-ups so far: the guest runs next and sees what they
 * announced; one written later wakes the next wait. */
static void idle_drain(const struct idle *d)
{
	uint64_t n;

	(void)!read(d->wake_fd, &n, sizeof(n));
}

void idle_use_vclock(struct idle *d, struct vclock *c, struct vinput *vin)
{
	d->vclock = c;
	d->vin = vin;
	d->after_reads = IDLE_AFTER_READS_VCLOCK;
}

/* Input may still change what the guest reads. */
static int idle_input_may_come(const struct idle *d)
{
	return d->vin ? vinput_may_come(d->vin)
		      : host_input_may_come(d->input);
}

int idle_irq_may_come(const struct idle *d, const struct devset *ds)
{
	for (unsigned i = 0; i < ds->ndevs; i++) {
		const struct dev_desc *desc = ds->dev[i].desc;

		if (!ds->dev[i].vector)
			continue;
		if (desc->next_event_ns &&
		    desc->next_event_ns(ds->dev[i].state) != DEV_NO_EVENT)
			return 1;
		if (desc->host_needs & DEV_HOST_INPUT &&
		    idle_input_may_come(d))
			return 1;
	}
	return 0;
}

/* The virtual clock's wait: time jumps to the next event, of the devices
 * or the input; none when one is due already (the guest sees it on its
 * next read) or none can come. Decided by the guest's exits alone, so the
 * jumps fall at the same points in every run. */
static int idle_jump(struct idle *d, const struct devset *ds)
{
	uint64_t now_ns = vclock_now_ns(d->vclock);
	uint64_t next_ns = devset_next_event_ns(ds);
	uint64_t in_ns = vinput_next_ns(d->vin);

	if (in_ns < next_ns)
		next_ns = in_ns;
	if (next_ns == DEV_NO_EVENT || next_ns <= now_ns)
		return 0;
	vclock_jump_to(d->vclock, next_ns);
	d->waits++;
	d->waited_ns += next_ns - now_ns;
	return 0;
}

int idle_wait(struct idle *d, const struct devset *ds)
{
	struct pollfd pfd = { .fd = d->wake_fd, .events = POLLIN };
	uint64_t next_ns, now_ns, t0_ns;
	struct timespec ts, *tsp = NULL;
	int rc;

	d->streak = 0;
	if (d->vclock)
		return idle_jump(d, ds);
	if (d->wake_fd < 0)
		return 0;
	/* A wake-up written since the last drain ends this wait at once:
	 * input that came while the guest ran is not missed, at the price
	 * of one wait that does not block. */
	if (signals_pending())
		return 0;
	next_ns = devset_next_event_ns(ds);
	if (next_ns == DEV_NO_EVENT && !host_input_may_come(d->input))
		return 0;
	t0_ns = now_ns = host_now_ns(NULL);
	if (next_ns != DEV_NO_EVENT) {
		/* Due already (it may be a period end that came while the
		 * guest was still polling): the guest sees it next. */
		if (next_ns <= now_ns)
			return 0;
		ts.tv_sec = (time_t)((next_ns - now_ns) / 1000000000u);
		ts.tv_nsec = (long)((next_ns - now_ns) % 1000000000u);
		tsp = &ts;
	}
	rc = ppoll(&pfd, 1, tsp, &d->wait_mask);
	if (rc > 0)
		idle_drain(d);
	d->waits++;
	d->waited_ns += host_now_ns(NULL) - t0_ns;
	if (rc < 0 && errno != EINTR)
		return -errno;
	return 0;
}
