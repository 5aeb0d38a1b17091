from __future__ import annotations

import pathlib

import pytest

import scamsift

from .conftest import ACME_PACK

HEADER = '[pack]\nname = "bad"\nversion = "1"\n'


def bad(body: str) -> scamsift.PackError:
    with pytest.raises(scamsift.PackError) as ei:
        scamsift.Classifier.from_pack(HEADER + body, include_builtin=False)
    return ei.value


def test_custom_pack_without_builtin(acme: scamsift.Classifier) -> None:
    assert acme.pack_name == "acme-test"
    assert acme.pack_version == "2.3.4"
    assert [p["name"] for p in acme.packs] == ["acme-test"]
    assert acme.packs[0]["languages"] == ["en", "zh"]
    assert acme.families == ["gift_card_scam"]
    assert sorted(acme.rule_ids) == ["acme.act_now", "acme.advisory", "acme.gift_card_fee"]

    v = acme.classify("Please pay the fee in gift cards before you start.")
    assert v.verdict == "suspicious"
    assert v.family == "gift_card_scam"
    [h] = v.hits
    assert (h.rule, h.category, h.family, h.weight) == ("acme.gift_card_fee", "gift_fee", "gift_card_scam", 3.0)

    v = acme.classify("Act now: pay the fee in gift cards!")
    assert v.verdict == "scam"
    assert v.score >= 0.8

    # Counter-evidence.
    v = acme.classify("SCAM ALERT: never pay the fee in gift cards, do not act now")
    assert v.verdict == "clean"
    assert any(h.weight < 0 and h.family == "*" for h in v.hits)

    # Built-in lures are not seen without the built-in pack.
    assert acme.classify("Hiring now! Earn $500/day, no experience. Telegram t.me/hr_jobs_88").hits == []


def test_custom_pack_with_builtin(builtin: scamsift.Classifier) -> None:
    c = scamsift.Classifier.from_pack(ACME_PACK)  # include_builtin defaults to True
    assert c.pack_name == builtin.pack_name
    assert [p["name"] for p in c.packs] == [builtin.pack_name, "acme-test"]
    assert set(builtin.rule_ids) < set(c.rule_ids)
    assert "gift_card_scam" in c.families
    assert c.classify("act now").verdict == "suspicious"
    lure = "Hiring now! Earn $500/day, no experience. Interview on Telegram only: t.me/hr_jobs_88"
    assert c.classify(lure).verdict == builtin.classify(lure).verdict


def test_pack_can_use_builtin_categories(builtin: scamsift.Classifier) -> None:
    # A custom pack may refer to the built-in categories when compiled with them.
    cat = "salary_bait"
    fam = "recruitment_lure"
    pack = HEADER + f"""
[[rule]]
id = "mine.zorblax"
category = "{cat}"
weight = 1.0
what = "test."
why = "test."
false_positives = "none."
phrases = ["zorblax bonus"]
examples.positive = ["a zorblax bonus"]
examples.negative = ["zorblax"]
"""
    c = scamsift.Classifier.from_pack(pack)
    [h] = c.classify("get a zorblax bonus").hits
    assert (h.rule, h.category, h.family) == ("mine.zorblax", cat, fam)
    # Without the built-in pack the category is unknown.
    with pytest.raises(scamsift.PackError) as ei:
        scamsift.Classifier.from_pack(pack, include_builtin=False)
    assert ei.value.rule == "mine.zorblax"
    assert ei.value.field == "category"


def test_from_file_and_directory(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "acme.toml"
    f.write_text(ACME_PACK, encoding="utf-8")
    for arg in (str(f), f):
        c = scamsift.Classifier.from_pack(arg, include_builtin=False)
        assert c.pack_name == "acme-test"
        assert c.classify("act now").verdict == "suspicious"
    # A directory: every *.toml under it forms one pack.
    d = tmp_path / "pack"
    (d / "rules").mkdir(parents=True)
    header, _, rest = ACME_PACK.partition("[[rule]]")
    (d / "pack.toml").write_text(header, encoding="utf-8")
    (d / "rules" / "r.toml").write_text("[[rule]]" + rest, encoding="utf-8")
    (d / "notes.txt").write_text("ignored", encoding="utf-8")
    c = scamsift.Classifier.from_pack(str(d), include_builtin=False)
    assert sorted(c.rule_ids) == ["acme.act_now", "acme.advisory", "acme.gift_card_fee"]
    c = scamsift.Classifier.from_pack(d, include_builtin=False)
    assert c.classify("act now").verdict == "suspicious"


def test_error_in_file_names_file_rule_and_field(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "broken.toml"
    f.write_text(ACME_PACK.replace('category = "urgency"', 'category = "nope"'), encoding="utf-8")
    with pytest.raises(scamsift.PackError) as ei:
        scamsift.Classifier.from_pack(str(f), include_builtin=False)
    e = ei.value
    msg = str(e)
    assert "broken.toml" in msg and "acme.act_now" in msg and "category" in msg and "nope" in msg
    assert (e.file, e.rule, e.field, e.code) == (str(f), "acme.act_now", "category", "E005")
    assert isinstance(e.line, int) and isinstance(e.column, int)
    assert f"{f}:{e.line}:{e.column}" in msg


def test_unknown_category_message() -> None:
    e = bad('[[rule]]\nid = "r1"\ncategory = "nope"\nweight = 1.0\nphrases = ["hi there"]\n')
    assert isinstance(e, ValueError)
    assert str(e) == "error[E005]: <string>:6:12: rule `r1`, field `category`: unknown category `nope`"
    assert (e.rule, e.field, e.line, e.column, e.code, e.file) == ("r1", "category", 6, 12, "E005", "<string>")


@pytest.mark.parametrize(
    ("body", "rule", "field"),
    [
        (  # a regex that does not compile
            '[[category]]\nid = "c"\nfamily = "f"\n[[rule]]\nid = "r.regex"\ncategory = "c"\nweight = 1.0\n'
            'regexes = ["ok", "(unclosed"]\n',
            "r.regex",
            "regexes[1]",
        ),
        (  # a non-finite weight
            '[[category]]\nid = "c"\nfamily = "f"\n[[rule]]\nid = "r.nan"\ncategory = "c"\nweight = nan\n'
            'phrases = ["x y"]\n',
            "r.nan",
            "weight",
        ),
    ],
)
def test_bad_rule_names_rule_and_field(body: str, rule: str, field: str) -> None:
    e = bad(body)
    assert e.rule == rule
    assert e.field is not None and e.field.startswith(field.split("[")[0])
    assert f"rule `{rule}`" in str(e)
    assert f"field `{e.field}`" in str(e)


def test_syntax_and_header_errors() -> None:
    with pytest.raises(scamsift.PackError, match="E002"):
        scamsift.Classifier.from_pack("[pack\nname = 1\n", include_builtin=False)
    with pytest.raises(scamsift.PackError):
        scamsift.Classifier.from_pack("[[rule]]\nid = 'x'\n", include_builtin=False)
    with pytest.raises(scamsift.PackError):
        scamsift.Classifier.from_pack(HEADER + "unknown_key = 3\n", include_builtin=False)
    with pytest.raises(scamsift.PackError):  # duplicate id
        scamsift.Classifier.from_pack(ACME_PACK + ACME_PACK.split("[[rule]]", 2)[0].split("[[category]]", 1)[1].join(["[[category]]", ""]), include_builtin=False)
    with pytest.raises(TypeError):
        scamsift.Classifier.from_pack(42)  # type: ignore[arg-type]


def test_missing_path_is_a_pack_error() -> None:
    # The core reads the path and words the error (the binding builds no error of its own).
    with pytest.raises(scamsift.PackError, match="cannot read the pack") as ei:
        scamsift.Classifier.from_pack("/nonexistent/dir/pack.toml")
    assert ei.value.code == "E001"
    assert ei.value.file == "/nonexistent/dir/pack.toml"
    assert ei.value.rule is None


def test_empty_directory_is_a_pack_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(scamsift.PackError, match="no .toml"):
        scamsift.Classifier.from_pack(tmp_path)


def test_hostile_pack_is_bounded() -> None:
    # A regex far beyond the size limit is an error, not a hang or a crash.
    body = (
        '[[category]]\nid = "c"\nfamily = "f"\n[[rule]]\nid = "r.huge"\ncategory = "c"\nweight = 1.0\n'
        "regexes = ['x(?:a{1000}){1000}']\n"
    )
    e = bad(body)
    assert e.rule == "r.huge"
