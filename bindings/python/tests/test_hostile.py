"""The binding under hostile use (issue 15): many pool sizes, Ctrl-C during a long batch."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

import scamsift

LURE = "Part-time job, earn $300 a day from home! No experience needed. Contact us on Telegram @hr_amy " * 4


def os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs /proc to count threads")
def test_many_thread_counts_do_not_leak_threads(builtin: scamsift.Classifier) -> None:
    builtin.classify_batch(["warm up"], threads=1)
    before = os_threads()
    texts = [LURE] * 50
    expected = builtin.classify_batch(texts)
    for n in range(1, 101):
        assert builtin.classify_batch(texts, threads=n) == expected
    cores = os.cpu_count() or 1
    # At most 4 pools are kept, each of at most 4 × the cores.
    assert os_threads() - before <= 4 * 4 * cores, (before, os_threads())
    # Pools of evicted sizes are gone: asking for 100 sizes did not keep 100 pools.
    assert os_threads() < before + 100


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to self")
def test_ctrl_c_interrupts_a_long_batch(builtin: scamsift.Classifier) -> None:
    # Time a small part to size a batch that takes about 40 times as long as the wait before Ctrl-C.
    probe = [LURE] * 2000
    # Warm up first: the first texts also build the matchers' lazy DFA states, which would make the
    # probe overestimate the time per text and the batch too short to interrupt.
    builtin.classify_batch(probe, threads=1)
    t0 = time.perf_counter()
    builtin.classify_batch(probe, threads=1)
    per_text = max((time.perf_counter() - t0) / len(probe), 1e-7)
    delay = 0.2
    n = int(40 * delay / per_text) + 1
    texts = [LURE] * n
    timer = threading.Timer(delay, lambda: os.kill(os.getpid(), signal.SIGINT))
    # A process started in the background by a non-interactive shell inherits SIGINT as ignored, and
    # Python then installs no KeyboardInterrupt handler: install it for this test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        t0 = time.perf_counter()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            builtin.classify_batch(texts, threads=1)
        elapsed = time.perf_counter() - t0
        timer.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    # Without checks between chunks the batch runs to its end (~40 × delay) before Python sees
    # the signal; with them it stops at the next chunk. Half the batch is a loose bound.
    assert elapsed < 20 * delay, f"KeyboardInterrupt after {elapsed:.2f} s of a ~{n * per_text:.1f} s batch"


UNPREFIXED = (
    '[pack]\nname = "h"\nversion = "1"\n[[category]]\nid = "c"\nfamily = "f"\n'
    + "".join(
        f'[[rule]]\nid = "r.n{i}"\ncategory = "c"\nweight = 1.0\nregexes = [\'\\d{{{3 + i % 5}}}[a-z]\']\n'
        for i in range(20)
    )
)


def test_pack_limits_are_keyword_arguments() -> None:
    with pytest.raises(scamsift.PackError) as e:
        scamsift.Classifier.from_pack(UNPREFIXED, include_builtin=False)
    assert e.value.code == "E008"
    assert e.value.rule == "r.n16"
    assert e.value.field == "regexes[0]"
    c = scamsift.Classifier.from_pack(UNPREFIXED, include_builtin=False, max_unprefixed_regexes=20)
    assert c.classify("code 123456z").hits
    # The limits survive pickling.
    import pickle

    again = pickle.loads(pickle.dumps(c))
    assert again.classify("code 123456z") == c.classify("code 123456z")
    with pytest.raises(scamsift.PackError, match="max_hits_per_rule"):
        scamsift.Classifier.from_pack(UNPREFIXED, include_builtin=False, max_hits_per_rule=0)
    with pytest.raises(TypeError, match="max_bogus"):
        scamsift.Classifier.from_pack(UNPREFIXED, include_builtin=False, max_bogus=1)
