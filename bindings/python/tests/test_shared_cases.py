"""The data-driven cases shared with the Rust suite (`tests/data/cases.toml` at the repository root)."""

from __future__ import annotations

import pathlib

import pytest

import scamsift

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11+")
CASES = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "cases.toml"


def load_cases() -> list[dict]:
    if not CASES.exists():
        pytest.skip(f"{CASES} not found (tests run outside the repository)")
    with CASES.open("rb") as f:
        return tomllib.load(f)["case"]


def test_shared_cases() -> None:
    clf = scamsift.Classifier()
    cases = load_cases()
    assert len(cases) >= 20
    failures = []
    for case in cases:
        v = clf.classify(case["text"])
        problems = []
        if "verdict" in case and v.verdict != case["verdict"]:
            problems.append(f"verdict {v.verdict} (want {case['verdict']})")
        if case.get("flagged") and v.verdict == "clean":
            problems.append("clean (want flagged)")
        if "family" in case and v.family != case["family"]:
            problems.append(f"family {v.family} (want {case['family']})")
        categories = {h.category for h in v.hits}
        problems += [f"no hit in {c}" for c in case.get("categories", []) if c not in categories]
        rules = {h.rule for h in v.hits}
        problems += [f"rule {r} did not fire" for r in case.get("rules", []) if r not in rules]
        for h in v.hits:
            if case["text"][h.start : h.end] != h.text:
                problems.append(f"span {h.start}..{h.end} is not {h.text!r}")
        if problems:
            failures.append(f"{case['name']}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)
