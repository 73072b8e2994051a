#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""idle.py: the host CPU and tick lateness of a guest that waits for input.

    idle.py [--wait S] [--period MS] [--tick LINE] [--keys] -- COMMAND...

Runs COMMAND with "hi\\n" on a standard input that stays open for S seconds
(default 5), then closes it, and timestamps every line of its standard
output as it arrives. With --keys, also types "k\\n" every 0.5 s, for a
guest that echoes keys as they come. Prints one line,

    CPU_PCT LATE_MEDIAN_MS LATE_MAX_MS TICKS STATUS KEY_MEDIAN_MS KEY_MAX_MS

CPU_PCT: the child's user + system time (getrusage, all threads) over its
wall time, in per cent of one core. Lateness: each output line equal to
LINE (default "hi") is a tick; tick k is due at t0 + k * MS, t0 being the
least late tick's arrival less k periods (the timer's periods are anchored
at its start, so this is the lateness idle waiting adds on top of the
least a tick ever takes to come out). Lost ticks are skipped, not counted
late. A key's lateness: from writing "k\\n" to its echo arriving (nan
without --keys).
"""
import os
import select
import statistics
import subprocess
import sys
import time


def main(argv):
    wait_s, period_ms, tick, keys = 5.0, 100.0, b"hi", False
    while argv and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--keys":
            keys = True
        elif opt == "--wait":
            wait_s = float(argv.pop(0))
        elif opt == "--period":
            period_ms = float(argv.pop(0))
        elif opt == "--tick":
            tick = argv.pop(0).encode()
        else:
            sys.exit("idle.py: unknown option " + opt)
    cmd = argv[1:]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    p.stdin.write(b"hi\n")
    p.stdin.flush()
    close_at = start + wait_s
    buf, ticks, sent, got = b"", [], [], []
    next_key = start + 0.25 if keys else close_at
    fd = p.stdout.fileno()
    while True:
        now = time.monotonic()
        if p.stdin and now >= close_at:
            p.stdin.close()
            p.stdin = None
        if p.stdin and now >= next_key:
            sent.append(time.monotonic())
            p.stdin.write(b"k\n")
            p.stdin.flush()
            next_key += 0.5
        timeout = max(0.0, min(close_at, next_key) - now) if p.stdin else 1.0
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            continue
        data = os.read(fd, 65536)
        now = time.monotonic()
        if not data:
            break
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if line == tick:
                ticks.append(now)
            elif line == b"k":
                got.append(now)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    cpu_pct = 100.0 * (ru.ru_utime + ru.ru_stime) / wall
    due = [round((t - ticks[0]) * 1000.0 / period_ms) for t in ticks]
    off = [(t - ticks[0]) * 1000.0 - k * period_ms for t, k in zip(ticks, due)]
    late = [o - min(off) for o in off] if off else []
    med = statistics.median(late) if late else float("nan")
    mx = max(late) if late else float("nan")
    key = [1000.0 * (g - s) for s, g in zip(sent, got)]
    kmed = statistics.median(key) if key else float("nan")
    kmx = max(key) if key else float("nan")
    print("%.2f %.3f %.3f %d %d %.3f %.3f" % (
        cpu_pct, med, mx, len(ticks), os.waitstatus_to_exitcode(status),
        kmed, kmx))


if __name__ == "__main__":
    main(sys.argv[1:])
