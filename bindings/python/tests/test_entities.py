"""Typed entities: amounts, promised returns, contacts and wallets, with Python string offsets."""

from __future__ import annotations

import pickle

import pytest

import scamsift

# Written for these tests. The emoji and the rupee sign make byte, char and UTF-16 offsets differ.
LURE = "🙂 Earn ₹8,000 per day typing from home! WhatsApp wa.me/919812345670 or DM @hr_amy_jobs"
WALLET = "Earn $300 a day, send the registration fee to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


@pytest.fixture(scope="module")
def clf() -> scamsift.Classifier:
    return scamsift.Classifier()


def test_entities_are_frozen_objects_with_str_offsets(clf: scamsift.Classifier) -> None:
    v = clf.classify(LURE)
    kinds = [e.kind for e in v.entities]
    assert "money" in kinds and "contact" in kinds
    for e in v.entities:
        assert isinstance(e, scamsift.Entity)
        assert LURE[e.start : e.end] == e.text
        assert LURE.encode()[e.byte_start : e.byte_end].decode() == e.text
        assert e.description
        with pytest.raises(AttributeError):
            e.kind = "x"  # type: ignore[misc]
    money = next(e for e in v.entities if e.kind == "money")
    assert money.value["currency"] == "INR" and money.value["period"] == "day"
    assert money.value["amount"] == 8000
    assert money.value["usd_per_month"] > 1000
    assert "≈ US$" in money.description
    wa = next(e for e in v.entities if e.kind == "contact" and e.value["contact"] == "whatsapp")
    assert wa.value["value"] == "+919812345670" and wa.value["domain"] == "wa.me"


def test_wallets_pass_their_checksum(clf: scamsift.Classifier) -> None:
    v = clf.classify(WALLET)
    w = [e for e in v.entities if e.kind == "wallet"]
    assert [e.value["chain"] for e in w] == ["tron"]
    assert w[0].value["value"] == "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    # One character changed: the checksum fails, so it is not a wallet.
    broken = clf.classify(WALLET.replace("TR7NHq", "TR7NHr"))
    assert not [e for e in broken.entities if e.kind == "wallet"]


def test_entities_in_to_dict_and_pickle(clf: scamsift.Classifier) -> None:
    v = clf.classify(LURE)
    d = v.to_dict()
    assert [e["kind"] for e in d["entities"]] == [e.kind for e in v.entities]
    assert all(LURE[e["start"] : e["end"]] == e["text"] for e in d["entities"])
    assert pickle.loads(pickle.dumps(v)) == v
    assert pickle.loads(pickle.dumps(v)).entities == v.entities


def test_rule_docs_are_structured(clf: scamsift.Classifier) -> None:
    rule = clf.rule("salary.entity_daily_pay")
    assert rule is not None
    assert rule["what"] and rule["why"] and rule["false_positives"]
    assert rule["entity"] == "money"
    assert clf.rule("no.such.rule") is None


def test_clean_text_has_no_entities_by_default(clf: scamsift.Classifier) -> None:
    # Entities are read from texts with at least one positive indicator (Entities::WhenIndicated).
    assert clf.classify("See you at lunch, call me at +1 415 555 0100").entities == []
