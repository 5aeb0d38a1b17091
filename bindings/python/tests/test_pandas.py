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
    assert list(df.columns) == ["verdict", "score", "family"]
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
    assert len(empty) == 0 and list(empty.columns) == ["verdict", "score", "family"]
