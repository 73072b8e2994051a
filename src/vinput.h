/* SPDX-License-Identifier: MIT */
/*
 * Standard input on the virtual clock (SPEC "The virtual clock"): line k
 * (from 0, its '\n' included) becomes readable at virtual time
 * k * delay_ns, and end of input at n * delay_ns after n lines (a last
 * line without '\n' counts). The reader thread reads ahead as usual; what
 * the guest may see depends only on virtual time, so a producer that is
 * slower than the guest makes the run wait in host time, never changes
 * it.
 */
#ifndef VMM_SRC_VINPUT_H
#define VMM_SRC_VINPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host_io.h"
#include "vclock.h"

struct vinput {
	struct host_input *host;
	struct vclock *clock;
	uint64_t delay_ns;
	uint64_t released;   /* input bytes the guest may have by now */
	uint64_t lines;      /* lines begun */
	bool is_in_line;     /* the last line begun has not ended yet */
	bool is_eof;         /* end of input is due: after every byte */
	bool is_wanted;      /* the guest asked, and nothing was due yet */
	uint64_t host_waits; /* --stats: waits for the host's input */
};

void vinput_init(struct vinput *v, struct host_input *host,
		 struct vclock *clock, uint64_t delay_ns);

/* dev_env.input on the virtual clock (ctx: the struct vinput): what is
 * due by now, waiting for the host to deliver it if need be. */
long vinput_read(void *ctx, uint8_t *buf, size_t len);

/* The virtual time at which the guest may next see input change: when
 * the next line (or the end) is due; DEV_NO_EVENT once end of input is
 * due, and while the guest is not waiting for input (it has not asked
 * since the last release: a guest that never reads the keyboard must not
 * hold time back at a line it will never look at). */
uint64_t vinput_next_ns(const struct vinput *v);

/* True until end of input is due (false when input never started). */
bool vinput_may_come(const struct vinput *v);

#endif
