from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

import scamsift

BASE = [
    "Hiring now! Earn $500/day, no experience needed. Interview on Telegram only: t.me/hr_jobs_88",
    "See you at lunch tomorrow?",
    "Please pay the fee in gift cards 😀 and act now!",
    "工作招聘 日薪 500 元，无需经验，加 Telegram",
    "Part-time job, earn $300 a day from home! No experience needed. Contact us on Telegram @hr_amy",
    "SCAM ALERT: never pay the fee in gift cards",
    "",
    "Теlеgrаm 👍🏽 wa.me/60123456789 USDT task commission, prepaid task to unlock withdrawal",
]


def corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(BASE) + " " + str(rng.randint(0, 10**6)) for _ in range(n)]


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_batch_equals_one_by_one(builtin: scamsift.Classifier, threads: int | None) -> None:
    texts = corpus(500)
    batch = builtin.classify_batch(texts, threads=threads)
    assert len(batch) == len(texts)
    one = [builtin.classify(t) for t in texts]
    assert batch == one
    assert [v.to_dict() for v in batch] == [v.to_dict() for v in one]


def test_batch_accepts_iterables(acme: scamsift.Classifier) -> None:
    texts = corpus(50)
    expected = acme.classify_batch(texts)
    assert acme.classify_batch(tuple(texts)) == expected
    assert acme.classify_batch(t for t in texts) == expected
    assert acme.classify_batch([]) == []
    assert acme.classify_batch(iter([])) == []


def test_threads_validation(builtin: scamsift.Classifier) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        builtin.classify_batch(["x"], threads=0)
    with pytest.raises(ValueError, match="at most"):
        builtin.classify_batch(["x"], threads=100_000)
    with pytest.raises(OverflowError):
        builtin.classify_batch(["x"], threads=-1)
    with pytest.raises(TypeError):
        builtin.classify_batch(["x"], 2)  # type: ignore[call-arg]


def test_shared_between_python_threads(builtin: scamsift.Classifier, acme: scamsift.Classifier) -> None:
    texts = corpus(300, seed=11)
    expected_b = [builtin.classify(t) for t in texts]
    expected_a = [acme.classify(t) for t in texts]

    def work(i: int) -> bool:
        if i % 3 == 0:
            return builtin.classify_batch(texts, threads=1 + i % 2) == expected_b
        if i % 3 == 1:
            return [acme.classify(t) for t in texts] == expected_a
        return [builtin.classify(t) for t in texts[i % 7 :: 7]] == expected_b[i % 7 :: 7]

    with ThreadPoolExecutor(max_workers=8) as ex:
        assert all(ex.map(work, range(48)))


def test_many_classifiers_in_threads(acme_text: str) -> None:
    # Building classifiers concurrently is safe too.
    def build(_: int) -> str:
        c = scamsift.Classifier.from_pack(acme_text, include_builtin=False)
        return c.classify("act now").verdict

    with ThreadPoolExecutor(max_workers=4) as ex:
        assert set(ex.map(build, range(8))) == {"suspicious"}


def test_batch_texts_survive_the_list_changing(builtin: scamsift.Classifier) -> None:
    # The batch borrows each str's UTF-8 while the GIL is released: it must hold the strs itself.
    texts = ["".join(["Earn $500/day on Telegram ", str(i), " 😀"]) for i in range(20_000)]
    expected = builtin.classify_batch(list(texts))
    shared = list(texts)
    del texts
    with ThreadPoolExecutor(max_workers=2) as ex:
        fut = ex.submit(builtin.classify_batch, shared, threads=2)
        shared.clear()  # drops the list's references while the batch may still be running
        got = fut.result()
    assert got == expected


def test_batch_mixes_borrowed_and_copied_texts(builtin: scamsift.Classifier) -> None:
    # ASCII and non-ASCII strs are lent; a str with a lone surrogate cannot be, and is copied.
    texts = ["plain ascii earn $500/day", "ünïcödé 日薪 500 元 😀", "lone \ud800 surrogate, add me on Telegram", ""]
    batch = builtin.classify_batch(texts)
    assert batch == [builtin.classify(t) for t in texts]
    for t, v in zip(texts, batch):
        for h in v.hits:
            assert t[h.start : h.end] == h.text.replace("\ufffd", "\ud800")


def test_verdicts_stay_out_of_the_cycle_collector(builtin: scamsift.Classifier) -> None:
    import gc

    v = builtin.classify_batch(["Earn $500/day, add me on Telegram"])[0]
    assert not gc.is_tracked(v)
    assert v.hits and not any(gc.is_tracked(h) for h in v.hits)
