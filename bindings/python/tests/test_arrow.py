"""Arrow in, Arrow out: ``Classifier.classify_arrow`` and ``scamsift.arrow`` agree with ``classify`` row by row."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Optional

import pytest

import scamsift

pa = pytest.importorskip("pyarrow")
import scamsift.arrow  # noqa: E402  (needs pyarrow)

LURE = "Hiring now! Earn $500/day, no experience. Interview on Теlеgrаm only: t.me/hr_jobs_88"
TEXTS: list[Optional[str]] = [
    LURE,
    "See you at lunch tomorrow?",
    None,
    "",
    "Part-time job from home 😀, earn RM 300 per day! Contact our HR on WhatsApp wa.me/60123456789",
    "兼职刷单，日薪500元，无需经验，加微信 abc12345",
    "Hi, is this Anna? Sorry, wrong number 😊 Btw do you invest in crypto? My mentor shows me USDT signals",
    None,
]

HIT_KEYS = ["rule", "category", "family", "weight", "start", "end", "byte_start", "byte_end"]


def expected(clf: scamsift.Classifier, text: Optional[str]) -> Optional[dict[str, Any]]:
    """What one result row must hold, from ``classify``."""
    if text is None:
        return None
    v = clf.classify(text)
    return {
        "verdict": v.verdict,
        "score": v.score,
        "family": v.family,
        "flagged": v.flagged,
        "truncated": v.truncated,
        "families": {f: v.families.get(f, 0.0) for f in clf.families},
        "hits": [{k: getattr(h, k) for k in HIT_KEYS} for h in v.hits],
        "entities": [
            {
                "kind": e.kind,
                "start": e.start,
                "end": e.end,
                "byte_start": e.byte_start,
                "byte_end": e.byte_end,
                "text": e.text,
                "value": e.value.get("value", e.text),
                "description": e.description,
                "details": e.value,
            }
            for e in v.entities
        ],
    }


def rows_of(batch: Any) -> list[Optional[dict[str, Any]]]:
    out: list[Optional[dict[str, Any]]] = []
    for r in batch.to_pylist():
        if r["verdict"] is None:
            assert all(r[k] is None for k in r if k != "error"), r
            out.append(None)
        else:
            assert r.pop("error") is None
            for e in r.get("entities") or []:
                e["details"] = json.loads(e["details"])
            out.append(r)
    return out


def assert_matches(clf: scamsift.Classifier, texts: list[Optional[str]], batch: Any) -> None:
    assert batch.num_rows == len(texts)
    assert rows_of(batch) == [expected(clf, t) for t in texts]


@pytest.mark.parametrize("typ", ["string", "large_string", "string_view"])
def test_pyarrow_round_trip(builtin: scamsift.Classifier, typ: str) -> None:
    arr = pa.array(TEXTS, type=getattr(pa, typ)())
    out = scamsift.arrow.classify(arr, builtin)
    assert isinstance(out, pa.RecordBatch)
    assert_matches(builtin, TEXTS, out)
    # Hit offsets: start/end are str indices, byte_* index the UTF-8 value.
    for text, row in zip(TEXTS, out.to_pylist()):
        for h in row["hits"] or []:
            assert text is not None
            assert text[h["start"] : h["end"]].encode() == text.encode()[h["byte_start"] : h["byte_end"]]


def test_result_schema(builtin: scamsift.Classifier) -> None:
    out = scamsift.arrow.classify(pa.array(["x"]), builtin)
    assert out.schema.names == [
        "verdict", "score", "family", "flagged", "truncated", "families", "hits", "entities", "error",
    ]
    assert out.schema.field("families").type.names == builtin.families
    hit = out.schema.field("hits").type.value_type
    assert [hit.field(i).name for i in range(hit.num_fields)] == HIT_KEYS
    assert pa.schema(builtin.arrow_schema()) == out.schema
    no_hits = scamsift.arrow.classify(pa.array(["x"]), builtin, hits=False)
    assert "hits" not in no_hits.schema.names and pa.schema(builtin.arrow_schema(hits=False)) == no_hits.schema


def test_nulls_and_empty(builtin: scamsift.Classifier) -> None:
    out = scamsift.arrow.classify(pa.array([None, None], type=pa.string()), builtin)
    assert out["verdict"].null_count == 2 and out["hits"].null_count == 2 and out["families"].null_count == 2
    for typ in [pa.string(), pa.large_string(), pa.string_view()]:
        empty = scamsift.arrow.classify(pa.array([], type=typ), builtin)
        assert empty.num_rows == 0 and empty.schema == pa.schema(builtin.arrow_schema())


def test_sliced_arrays(builtin: scamsift.Classifier) -> None:
    for typ in [pa.string(), pa.large_string(), pa.string_view()]:
        arr = pa.array(TEXTS, type=typ)
        for start, length in [(1, 4), (2, 6), (5, 0), (7, 1)]:
            piece = arr.slice(start, length)
            assert piece.offset == start
            assert_matches(builtin, TEXTS[start : start + length], scamsift.arrow.classify(piece, builtin))


def test_chunked_tables_and_batches(builtin: scamsift.Classifier) -> None:
    chunked = pa.chunked_array([pa.array(TEXTS[:3]), pa.array([], type=pa.string()), pa.array(TEXTS[3:])])
    assert_matches(builtin, TEXTS, scamsift.arrow.classify(chunked, builtin))
    table = pa.table({"id": list(range(len(TEXTS))), "text": TEXTS})
    table = pa.concat_tables([table.slice(0, 2), table.slice(2)])  # two chunks
    assert_matches(builtin, TEXTS, scamsift.arrow.classify(table, builtin, column="text"))
    batch = pa.record_batch({"id": list(range(len(TEXTS))), "text": TEXTS})
    assert_matches(builtin, TEXTS, scamsift.arrow.classify(batch, builtin, column="text"))
    one_column = pa.table({"body": TEXTS})
    assert_matches(builtin, TEXTS, scamsift.arrow.classify(one_column, builtin))
    categorical = pa.array(TEXTS).dictionary_encode()
    assert_matches(builtin, TEXTS, scamsift.arrow.classify(categorical, builtin))


def test_with_verdicts(builtin: scamsift.Classifier) -> None:
    batch = pa.record_batch({"id": list(range(len(TEXTS))), "text": TEXTS})
    out = scamsift.arrow.with_verdicts(batch, "text", builtin, prefix="ss_")
    assert out.schema.names[:2] == ["id", "text"] and out.schema.names[2] == "ss_verdict"
    assert out.column("ss_verdict").to_pylist() == [None if t is None else builtin.classify(t).verdict for t in TEXTS]
    with pytest.raises(ValueError, match="prefix="):
        scamsift.arrow.with_verdicts(pa.record_batch({"verdict": ["a"], "text": ["b"]}), "text", builtin)


def utf8_layout(values: list[Optional[bytes]], typ: Any) -> Any:
    """A string array over arbitrary bytes, built from buffers, so pyarrow does not validate UTF-8."""
    offsets, data, valid = [0], b"", []
    for v in values:
        data += v or b""
        offsets.append(len(data))
        valid.append(v is not None)
    width = "q" if typ == pa.large_string() else "i"
    import array

    bitmap = pa.array(valid, type=pa.bool_()).buffers()[1]
    return pa.Array.from_buffers(
        typ, len(values), [bitmap, pa.py_buffer(array.array(width, offsets).tobytes()), pa.py_buffer(data)]
    )


@pytest.mark.parametrize("typ", ["string", "large_string"])
def test_invalid_utf8_is_a_null_row_with_an_error(builtin: scamsift.Classifier, typ: str) -> None:
    good = LURE.encode()
    arr = utf8_layout([good, b"caf\xe9 earn $500/day", None, b"\xed\xa0\x80", b"ok", good[:-1] + b"\xff"], getattr(pa, typ)())
    with pytest.raises(pa.ArrowInvalid):
        arr.validate(full=True)  # the fixture really is invalid
    out = scamsift.arrow.classify(arr, builtin).to_pylist()
    assert [r["verdict"] is None for r in out] == [False, True, True, True, False, True]
    assert out[1]["error"] == "text is not valid UTF-8 (first bad byte at offset 3)"
    assert out[3]["error"] == "text is not valid UTF-8 (first bad byte at offset 0)"
    assert out[2]["error"] is None  # a null text is not an error
    assert out[0]["verdict"] == builtin.classify(LURE).verdict and out[0]["error"] is None
    assert out[4]["verdict"] == "clean"
    # The same bytes as a binary column give the same rows.
    assert scamsift.arrow.classify(arr.view(pa.binary() if typ == "string" else pa.large_binary()), builtin).to_pylist() == out


def test_bad_input_is_a_clear_error(builtin: scamsift.Classifier) -> None:
    with pytest.raises(TypeError, match="column of strings"):
        builtin.classify_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="__arrow_c_array__"):
        builtin.classify_arrow(["a list", "of str"])
    table = pa.table({"id": [1], "text": ["x"]})
    with pytest.raises(ValueError, match="column="):
        builtin.classify_arrow(table)
    with pytest.raises(ValueError, match="no column .body. in the input; its columns are .*text"):
        builtin.classify_arrow(table, column="body")
    with pytest.raises(ValueError, match="leave column out"):
        builtin.classify_arrow(pa.array(["x"]), column="text")
    with pytest.raises(ValueError, match="threads"):
        builtin.classify_arrow(pa.array(["x"]), threads=0)


def test_threads_and_truncation(builtin: scamsift.Classifier) -> None:
    long = LURE + " filler" * 200_000  # over the 1 MiB input limit
    texts: list[Optional[str]] = [long, *TEXTS] * 3
    for threads in [None, 1, 2]:
        out = builtin.classify_arrow(pa.array(texts, type=pa.large_string()), threads=threads)
        assert_matches(builtin, texts, pa.record_batch(out))
    assert pa.record_batch(builtin.classify_arrow(pa.array([long])))["truncated"].to_pylist() == [True]


def test_result_object_without_pyarrow_helpers(acme: scamsift.Classifier) -> None:
    res = acme.classify_arrow(pa.array(["act now", None, "hello"]))
    assert isinstance(res, scamsift.ArrowVerdicts)
    assert len(res) == res.num_rows == 3 and res.column_names[0] == "verdict"
    assert "ArrowVerdicts(num_rows=3" in repr(res)
    # Both capsule protocols: as a record batch and as a stream (a table).
    assert pa.record_batch(res).column("verdict").to_pylist() == ["suspicious", None, "clean"]
    assert pa.table(res).column("family").to_pylist() == ["gift_card_scam", None, None]


def test_polars_round_trip(builtin: scamsift.Classifier) -> None:
    pl = pytest.importorskip("polars")
    s = pl.Series("text", TEXTS)
    res = builtin.classify_arrow(s)
    df = pl.DataFrame(res)
    assert df.height == len(TEXTS)
    assert df["verdict"].to_list() == [None if t is None else builtin.classify(t).verdict for t in TEXTS]
    assert df["score"].to_list() == [None if t is None else builtin.classify(t).score for t in TEXTS]
    frame = pl.DataFrame({"id": list(range(len(TEXTS))), "text": TEXTS})
    assert_matches(builtin, TEXTS, pa.record_batch(builtin.classify_arrow(frame, column="text")))
    assert_matches(builtin, TEXTS[2:6], pa.record_batch(builtin.classify_arrow(s.slice(2, 4))))


def corpus_texts(limit: int) -> list[str]:
    d = pathlib.Path(__file__).resolve().parents[3].parent / "shared" / "corpora"
    files = ["super_sms_legacy.jsonl", "uci_sms.jsonl", "vn_sms_ie403.jsonl", "jobstreet.jsonl"]
    texts: list[str] = []
    for name in files:
        p = d / name
        if p.is_file():
            with p.open(encoding="utf-8") as f:
                texts += [json.loads(line)["text"] for _, line in zip(range(limit // len(files)), f)]
    if not texts:
        pytest.skip(f"real corpora not found in {d}: the built-in fixtures cover the rest")
    return texts


def test_real_texts_equal_classify_batch(builtin: scamsift.Classifier) -> None:
    texts = corpus_texts(3000)
    verdicts = builtin.classify_batch(texts)
    out = pa.record_batch(builtin.classify_arrow(pa.array(texts)))
    want = [expected(builtin, t) for t in texts]
    assert [v.verdict for v in verdicts] == out["verdict"].to_pylist()
    assert rows_of(out) == want
