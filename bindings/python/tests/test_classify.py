from __future__ import annotations

import json
import pathlib

import pytest

import scamsift

LURES = [
    "Hiring now! Earn $500/day, no experience needed. Interview on Telegram only: t.me/hr_jobs_88",
    "Part-time job, earn $300 a day from home! No experience needed. Contact us on Telegram @hr_amy",
    "Hiring now! Earn $500/day, no experience. Interview on Теlеgrаm only: t.me/hr_jobs_88",
]
CLEAN = [
    "See you at lunch tomorrow?",
    "The quarterly report is attached; let me know if the numbers look right.",
    "Happy birthday! Hope you have a great day.",
    "",
]


def test_version() -> None:
    assert isinstance(scamsift.__version__, str)
    assert scamsift.__version__.count(".") >= 2


def test_public_names() -> None:
    for name in ["Classifier", "Verdict", "Hit", "PackError", "__version__"]:
        assert hasattr(scamsift, name)
    assert issubclass(scamsift.PackError, ValueError)


@pytest.mark.parametrize("text", LURES)
def test_lures_are_flagged(builtin: scamsift.Classifier, text: str) -> None:
    v = builtin.classify(text)
    assert v.verdict in ("suspicious", "scam")
    assert v.flagged
    assert 0.5 <= v.score <= 1.0
    assert v.family is not None and v.family in v.families
    assert v.hits
    for h in v.hits:
        assert text[h.start : h.end] == h.text


@pytest.mark.parametrize("text", CLEAN)
def test_clean_texts(builtin: scamsift.Classifier, text: str) -> None:
    v = builtin.classify(text)
    assert v.verdict == "clean"
    assert not v.flagged
    assert 0.0 <= v.score < 0.5
    assert v.truncated is False


def test_verdict_types(builtin: scamsift.Classifier) -> None:
    v = builtin.classify(LURES[0])
    assert isinstance(v, scamsift.Verdict)
    assert isinstance(v.verdict, str)
    assert isinstance(v.score, float)
    assert isinstance(v.families, dict)
    assert all(isinstance(k, str) and isinstance(x, float) for k, x in v.families.items())
    assert isinstance(v.hits, list)
    h = v.hits[0]
    assert isinstance(h, scamsift.Hit)
    assert isinstance(h.rule, str) and isinstance(h.category, str) and isinstance(h.family, str)
    assert isinstance(h.weight, float)
    assert isinstance(h.start, int) and isinstance(h.end, int)
    assert isinstance(v.combinations, list)


def test_frozen(builtin: scamsift.Classifier) -> None:
    v = builtin.classify(LURES[0])
    with pytest.raises(AttributeError):
        v.verdict = "clean"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        v.hits[0].start = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        builtin.pack_name = "x"  # type: ignore[misc]
    # The hits list is a fresh copy: mutating it does not change the verdict.
    v.hits.clear()
    assert v.hits
    with pytest.raises(TypeError):
        hash(v)


def test_repr(builtin: scamsift.Classifier) -> None:
    v = builtin.classify(LURES[0])
    r = repr(v)
    assert r.startswith("Verdict(verdict='")
    assert f"score={v.score!r}" in r
    assert repr(v.family) in r
    h = v.hits[0]
    assert repr(h) == (
        f"Hit(rule={h.rule!r}, category={h.category!r}, family={h.family!r}, weight={h.weight!r}, "
        f"start={h.start}, end={h.end}, text={h.text!r})"
    )
    assert repr(builtin.classify("")) == "Verdict(verdict='clean', score=0.0, family=None, rules=[])"
    assert repr(builtin).startswith("Classifier(packs=[")


def test_to_dict_json(builtin: scamsift.Classifier) -> None:
    text = LURES[2] + " 😀 工作"
    v = builtin.classify(text)
    d = v.to_dict()
    s = json.dumps(d, ensure_ascii=False)
    back = json.loads(s)
    assert back["verdict"] == v.verdict
    assert back["score"] == v.score
    assert back["family"] == v.family
    assert back["families"] == v.families
    assert back["truncated"] is False
    assert back["framing_scale"] == v.framing_scale == 1.0
    assert [h["rule"] for h in back["hits"]] == [h.rule for h in v.hits]
    for hd, h in zip(back["hits"], v.hits):
        assert hd == h.to_dict()
        assert text[hd["start"] : hd["end"]] == hd["text"]
        assert text.encode()[hd["byte_start"] : hd["byte_end"]].decode() == hd["text"]
    json.dumps(builtin.classify("").to_dict())


def test_classifier_metadata(builtin: scamsift.Classifier) -> None:
    assert builtin.pack_name
    assert builtin.pack_version
    assert builtin.packs[0]["name"] == builtin.pack_name
    assert builtin.packs[0]["version"] == builtin.pack_version
    assert set(builtin.packs[0]) == {"name", "version", "languages", "description"}
    assert builtin.families
    assert builtin.rule_ids


def test_empty_and_whitespace(builtin: scamsift.Classifier) -> None:
    for t in ["", " ", "\n\t", "\u200b\u200b", "\x00", "\ufeff"]:
        v = builtin.classify(t)
        assert v.verdict == "clean"
        assert v.hits == []


def test_wrong_types(builtin: scamsift.Classifier) -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        builtin.classify(b"hello")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, not NoneType"):
        builtin.classify(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        builtin.classify_batch(["a", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a single str"):
        builtin.classify_batch("hello")
    with pytest.raises(TypeError):
        builtin.classify_batch(5)  # type: ignore[arg-type]


def test_str_subclass(builtin: scamsift.Classifier) -> None:
    class S(str):
        pass

    assert builtin.classify(S(LURES[0])) == builtin.classify(LURES[0])


def test_lone_surrogates_are_replaced(acme: scamsift.Classifier) -> None:
    # A lone surrogate cannot be UTF-8: it is read as U+FFFD, one for one, so offsets stay valid.
    text = "\ud800 hi \udfff Please pay the fee in gift cards \ud83d now"
    v = acme.classify(text)
    assert v.verdict == "suspicious"
    [h] = v.hits
    assert text[h.start : h.end] == h.text == "pay the fee in gift cards"
    # The surrogate (read as U+FFFD) separates words like any symbol; later offsets stay right.
    text2 = "act\ud800now act now"
    v2 = acme.classify(text2)
    assert [text2[h.start : h.end] for h in v2.hits] == [h.text for h in v2.hits] == ["act now"]
    # In a batch too.
    assert acme.classify_batch([text, text2]) == [v, v2]


def test_huge_text_is_truncated(builtin: scamsift.Classifier) -> None:
    lure = LURES[0]
    big = lure + " " + "lorem ipsum dolor " * 200_000  # ~3.6 MB
    v = builtin.classify(big)
    assert v.truncated
    assert v.verdict != "clean"
    assert "truncated=True" in repr(v)
    assert all(big[h.start : h.end] == h.text for h in v.hits)
    # Multi-byte text longer than the limit in chars and in bytes.
    cjk = "工作" * 700_000
    v = builtin.classify(cjk)
    assert v.truncated and v.verdict == "clean"
    # Just under the limit: not truncated.
    assert not builtin.classify("a" * 1_000_000).truncated
    assert builtin.classify_batch([big, "hi"])[0].truncated


def test_many_random_inputs_never_raise(builtin: scamsift.Classifier) -> None:
    import random

    rng = random.Random(1234)
    alphabet = (
        "aeiou tgrmW.A$@01357|!_-*·\u200b\u200d\ufeff\u00ad\u202e\u3000\uff37\uff48"
        "Теlеgrаm工作招聘😀👍🏽\u0301\u0308ǅﬁ①ⓐ𝐓𝐞𝐥\ud800\udfff\x00\n\t"
    )
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))) for _ in range(2000)]
    verdicts = builtin.classify_batch(texts)
    for t, v in zip(texts, verdicts):
        assert v.verdict in ("clean", "suspicious", "scam")
        for h in v.hits:
            assert 0 <= h.start <= h.end <= len(t)
            if "\ud800" not in t and "\udfff" not in t:
                assert t[h.start : h.end] == h.text


def test_path_like_missing(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "missing.toml"
    with pytest.raises(scamsift.PackError) as ei:
        scamsift.Classifier.from_pack(p)
    assert ei.value.code == "E001"
    assert "missing.toml" in str(ei.value)


def test_framing_scale_of_an_advisory(builtin: scamsift.Classifier) -> None:
    # The core decides the scaling; the binding only reports it.
    advisory = (
        "POLICE ADVISORY: Police warn the public about fake job offers. Victims are told they can earn "
        "$500 per day working from home. Scammers ask victims to contact them on WhatsApp."
    )
    v = builtin.classify(advisory)
    assert v.verdict == "clean"
    assert 0.0 < v.framing_scale < 1.0
    assert v.to_dict()["framing_scale"] == v.framing_scale
