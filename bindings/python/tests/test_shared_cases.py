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


def same(got: object, want: object) -> bool:
    """Equal, numbers to a relative 1e-6 (the Rust and WebAssembly suites compare the same way)."""
    if isinstance(want, bool) or not isinstance(want, (int, float)):
        return got == want
    return isinstance(got, (int, float)) and abs(got - want) <= 1e-6 * max(abs(got), 1.0)


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
        for rule, span in case.get("spans", []):
            if not any(h.rule == rule and h.text == span for h in v.hits):
                problems.append(f"no hit of {rule} on {span!r}")
        found = [e.to_dict() for e in v.entities]
        for e in v.entities:
            if case["text"][e.start : e.end] != e.text:
                problems.append(f"entity span {e.start}..{e.end} is not {e.text!r}")
        for want in case.get("entities", []):
            if not any(all(same(e.get(k), x) for k, x in want.items()) for e in found):
                problems.append(f"no entity {want} among {found}")
        for kind in case.get("no_entities", []):
            if any(e["kind"] == kind for e in found):
                problems.append(f"an unexpected {kind} entity among {found}")
        if problems:
            failures.append(f"{case['name']}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)
