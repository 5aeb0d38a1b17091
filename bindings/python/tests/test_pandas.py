from __future__ import annotations

import math

import pytest

import scamsift
import scamsift.pandas

pd = pytest.importorskip("pandas")

LURE = "Hiring now! Earn $500/day, no experience needed. Interview on Telegram only: t.me/hr_jobs_88"


def test_pandas_classify(builtin: scamsift.Classifier) -> None:
    s = pd.Series([LURE, "See you at lunch tomorrow?", None, math.nan, "act now"], index=list("abcde"))
    df = scamsift.pandas.classify(s)
    assert list(df.columns) == ["verdict", "score", "family", "entities"]
    assert list(df.index) == list("abcde")
    assert df.loc["a", "verdict"] == builtin.classify(LURE).verdict != "clean"
    assert df.loc["a", "family"] == builtin.classify(LURE).family
    assert df.loc["b", "verdict"] == "clean"
    assert df.loc["c", "verdict"] is None and math.isnan(df.loc["c", "score"])
    assert df["score"].dtype == "float64"


def test_pandas_custom_classifier(acme: scamsift.Classifier) -> None:
    df = scamsift.pandas.classify(pd.Series(["act now", "hello"]), acme, threads=1)
    assert df["verdict"].tolist() == ["suspicious", "clean"]
    assert df["family"].tolist() == ["gift_card_scam", None]
    empty = scamsift.pandas.classify(pd.Series([], dtype="object"))
    assert len(empty) == 0 and list(empty.columns) == ["verdict", "score", "family", "entities"]


@pytest.mark.parametrize("dtype", ["string[pyarrow]", "large_string[pyarrow]", "str"])
def test_pandas_arrow_backed_series_take_the_arrow_path(builtin: scamsift.Classifier, dtype: str) -> None:
    pa = pytest.importorskip("pyarrow")
    texts = [LURE, "See you at lunch tomorrow?", None, "act now", ""]
    try:
        s = pd.Series(texts, index=list("abcde"), dtype=dtype)
    except TypeError:
        pytest.skip(f"this pandas has no dtype {dtype}")
    if getattr(s.dtype, "storage", None) not in ("pyarrow", "pyarrow_numpy") and not hasattr(s.dtype, "pyarrow_dtype"):
        pytest.skip(f"dtype {dtype} is not Arrow-backed in this pandas")
    assert scamsift.pandas._arrow_values(s) is not None and isinstance(scamsift.pandas._arrow_values(s), (pa.Array, pa.ChunkedArray))
    got = scamsift.pandas.classify(s, builtin)
    want = scamsift.pandas.classify(pd.Series(texts, index=list("abcde"), dtype="object"), builtin)
    assert list(got.index) == list("abcde") and list(got.columns) == ["verdict", "score", "family", "entities"]
    assert got["verdict"].tolist() == want["verdict"].tolist()
    assert got["family"].tolist() == want["family"].tolist()
    assert got["score"].dtype == "float64" and math.isnan(got.loc["c", "score"])
    assert got["score"].fillna(-1).tolist() == want["score"].fillna(-1).tolist()
    assert got.loc["c", "verdict"] is None
