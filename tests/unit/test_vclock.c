// SPDX-License-Identifier: MIT
/* The virtual clock (SPEC "The virtual clock"): time from accesses and
 * jumps, input lines released at k * delay, and idle waits that jump. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/devices/devset.h"
#include "src/host_io.h"
#include "src/idle.h"
#include "src/vclock.h"
#include "src/vinput.h"

#include "fake_event_dev.h"

#define S 1000000000ull

struct fixture {
	uint64_t io, batched;
	struct vclock clock;
	struct host_input in;
	struct vinput vin;
	uint8_t buf[64];
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	vclock_init(&f.clock, &f.io, &f.batched);
	host_input_init(&f.in, -1);
	f.in.is_started = 1; /* fed by hand (host_give), no reader thread */
	vinput_init(&f.vin, &f.in, &f.clock, S);
	*state = &f;
	return 0;
}

/* What the reader thread would do: append text, maybe close. */
static void host_give(struct host_input *in, const char *text, int is_closed)
{
	uint64_t head = atomic_load(&in->head);

	for (size_t i = 0; text[i]; i++)
		in->ring[(head + i) % HOST_INPUT_RING] = (uint8_t)text[i];
	atomic_store(&in->head, head + strlen(text));
	if (is_closed)
		atomic_store(&in->is_closed, 1);
}

/* vinput_read at virtual time at_ns, as a string ("<EOF>" at the end). */
static const char *read_at(struct fixture *f, uint64_t at_ns)
{
	static char got[sizeof(f->buf) + 1];
	long n;

	vclock_jump_to(&f->clock, at_ns);
	n = vinput_read(&f->vin, f->buf, sizeof(f->buf));
	if (n == DEV_INPUT_EOF)
		return "<EOF>";
	assert_true(n >= 0 && (size_t)n <= sizeof(f->buf));
	memcpy(got, f->buf, (size_t)n);
	got[n] = '\0';
	return got;
}

/* Each access is worth VCLOCK_NS_PER_ACCESS, batched or not; a jump only
 * ever moves time forward. */
static void test_clock(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(vclock_now_ns(&f->clock), 0);
	f->io = 3;
	f->batched = 2;
	assert_int_equal(vclock_now_ns(&f->clock), 5 * VCLOCK_NS_PER_ACCESS);
	vclock_jump_to(&f->clock, 1000000);
	assert_int_equal(vclock_now_ns(&f->clock), 1000000);
	vclock_jump_to(&f->clock, 999);
	assert_int_equal(vclock_now_ns(&f->clock), 1000000);
	assert_int_equal(f->clock.jumps, 1);
	f->io++;
	assert_int_equal(vclock_now_ns(&f->clock),
			 1000000 + VCLOCK_NS_PER_ACCESS);
}

/* Line k at k seconds, the end one second after the last line. */
static void test_lines_on_time(void **state)
{
	struct fixture *f = *state;

	host_give(&f->in, "hello\nworld\n", 1);
	assert_string_equal(read_at(f, 0), "hello\n");
	assert_string_equal(read_at(f, 0), "");
	assert_int_equal(vinput_next_ns(&f->vin), 1 * S);
	assert_string_equal(read_at(f, S - 1), "");
	assert_string_equal(read_at(f, S), "world\n");
	assert_string_equal(read_at(f, S + S / 2), "");
	assert_true(vinput_may_come(&f->vin));
	assert_int_equal(vinput_next_ns(&f->vin), 2 * S);
	assert_string_equal(read_at(f, 2 * S), "<EOF>");
	assert_false(vinput_may_come(&f->vin));
	assert_int_equal(vinput_next_ns(&f->vin), DEV_NO_EVENT);
	assert_int_equal(f->vin.host_waits, 0);
}

/* A guest that looks late gets one line per look, never two at once,
 * so what it sees does not depend on when it looks. */
static void test_late_reader(void **state)
{
	struct fixture *f = *state;

	host_give(&f->in, "a\nb\nc\n", 1);
	assert_string_equal(read_at(f, 10 * S), "a\n");
	assert_string_equal(read_at(f, 10 * S), "b\n");
	assert_string_equal(read_at(f, 10 * S), "c\n");
	assert_string_equal(read_at(f, 10 * S), "<EOF>");
}

/* A last line without '\n' is a line; empty input ends at 0. */
static void test_partial_and_empty(void **state)
{
	struct fixture *f = *state;

	host_give(&f->in, "a\nbc", 1);
	assert_string_equal(read_at(f, 0), "a\n");
	assert_string_equal(read_at(f, S), "bc");
	assert_string_equal(read_at(f, S), "");
	assert_string_equal(read_at(f, 2 * S), "<EOF>");
	setup(state);
	f = *state;
	host_give(&f->in, "", 1);
	assert_string_equal(read_at(f, 0), "<EOF>");
}

/* A line the host delivers in pieces is released as it comes: all of it
 * is due. A small buffer takes it in turns. */
static void test_line_in_pieces(void **state)
{
	struct fixture *f = *state;
	uint8_t two[2];

	host_give(&f->in, "he", 0);
	assert_string_equal(read_at(f, 0), "he");
	host_give(&f->in, "llo\nnext\n", 0);
	assert_int_equal(vinput_read(&f->vin, two, sizeof(two)), 2);
	assert_memory_equal(two, "ll", 2);
	assert_string_equal(read_at(f, 0), "o\n");
	assert_string_equal(read_at(f, 0), "");
	assert_string_equal(read_at(f, S), "next\n");
}

static void *late_writer(void *arg)
{
	struct host_input *in = arg;
	const struct timespec pause = { 0, 20000000 };
	uint64_t one = 1;

	nanosleep(&pause, NULL);
	host_give(in, "late\n", 1);
	assert_int_equal(write(in->wake_fd, &one, sizeof(one)), sizeof(one));
	return NULL;
}

/* Input that is due but not yet read from the host: vmm waits for it in
 * host time, and the guest sees the same bytes at the same virtual time
 * as if it had been there. */
static void test_waits_for_slow_host(void **state)
{
	struct fixture *f = *state;
	pthread_t t;

	f->in.wake_fd = eventfd(0, EFD_CLOEXEC);
	assert_true(f->in.wake_fd >= 0);
	assert_int_equal(pthread_create(&t, NULL, late_writer, &f->in), 0);
	assert_string_equal(read_at(f, 0), "late\n");
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(f->vin.host_waits, 1);
	assert_int_equal(vclock_now_ns(&f->clock), 0);
	close(f->in.wake_fd);
}

/* An idle wait on the virtual clock is a jump to the next event, of a
 * device or of the input; with one due already, or none to come, time
 * stays. Input counts only while the guest waits for it (it asked and
 * found nothing): a line it never looks at holds nothing back. */
static void test_idle_jumps(void **state)
{
	struct fixture *f = *state;
	struct vmm_err err = { 0 };
	struct devset ds;
	struct idle idle;

	devset_init(&ds);
	assert_int_equal(devset_add(&ds, &fake_desc, NULL, &err), 0);
	assert_int_equal(idle_init(&idle, &f->in), 0);
	idle_use_vclock(&idle, &f->clock, &f->vin);
	host_give(&f->in, "x\ny\n", 0);
	assert_string_equal(read_at(f, 0), "x\n");
	assert_string_equal(read_at(f, 0), ""); /* waits for input now */
	fake_next_ns = S / 10;
	assert_int_equal(idle_wait(&idle, &ds), 0);
	assert_int_equal(vclock_now_ns(&f->clock), S / 10);
	assert_int_equal(idle_wait(&idle, &ds), 0); /* the event is due */
	assert_int_equal(vclock_now_ns(&f->clock), S / 10);
	assert_int_equal(idle.waits, 1);
	fake_next_ns = 2 * S;
	assert_int_equal(idle_wait(&idle, &ds), 0); /* input comes first */
	assert_int_equal(vclock_now_ns(&f->clock), S);
	assert_int_equal(idle.waits, 2);
	assert_string_equal(read_at(f, S), "y\n");
	fake_next_ns = 3 * S;
	assert_int_equal(idle_wait(&idle, &ds), 0); /* not waiting for input */
	assert_int_equal(vclock_now_ns(&f->clock), 3 * S);
	host_give(&f->in, "z\n", 1);
	assert_string_equal(read_at(f, 3 * S), "z\n"); /* due since 2 s */
	assert_string_equal(read_at(f, 3 * S), "<EOF>"); /* due at 3 s */
	fake_next_ns = DEV_NO_EVENT;
	assert_int_equal(idle_wait(&idle, &ds), 0);
	assert_int_equal(vclock_now_ns(&f->clock), 3 * S);
	idle_close(&idle);
	devset_free(&ds);
}

/* On the virtual clock a shorter streak means waiting (a wait costs no
 * host time there); on the host's it stays IDLE_AFTER_READS. */
static void test_idle_streak(void **state)
{
	struct fixture *f = *state;
	struct idle idle;
	unsigned i;

	assert_int_equal(idle_init(&idle, &f->in), 0);
	for (i = 1; i < IDLE_AFTER_READS_VCLOCK; i++)
		assert_false(idle_note_read(&idle, 0, 1));
	assert_false(idle_note_read(&idle, 0, 1)); /* the host's: 32 */
	idle_other(&idle);
	idle_use_vclock(&idle, &f->clock, &f->vin);
	for (i = 1; i < IDLE_AFTER_READS_VCLOCK; i++)
		assert_false(idle_note_read(&idle, 0, 1));
	assert_true(idle_note_read(&idle, 0, 1));
	idle_close(&idle);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_clock, setup),
		cmocka_unit_test_setup(test_lines_on_time, setup),
		cmocka_unit_test_setup(test_late_reader, setup),
		cmocka_unit_test_setup(test_partial_and_empty, setup),
		cmocka_unit_test_setup(test_line_in_pieces, setup),
		cmocka_unit_test_setup(test_waits_for_slow_host, setup),
		cmocka_unit_test_setup(test_idle_jumps, setup),
		cmocka_unit_test_setup(test_idle_streak, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
