from __future__ import annotations

import pathlib
import pickle

import scamsift

from .conftest import ACME_PACK

TEXT = "😀 Please pay the fee in gift cards and act now! Earn $500/day, Telegram t.me/x"


def test_pickle_builtin(builtin: scamsift.Classifier) -> None:
    c = pickle.loads(pickle.dumps(builtin))
    assert isinstance(c, scamsift.Classifier)
    assert c.pack_name == builtin.pack_name
    assert c.classify(TEXT) == builtin.classify(TEXT)


def test_pickle_custom_text(acme: scamsift.Classifier) -> None:
    c = pickle.loads(pickle.dumps(acme, protocol=pickle.HIGHEST_PROTOCOL))
    assert c.rule_ids == acme.rule_ids
    assert c.classify(TEXT) == acme.classify(TEXT)
    with_builtin = scamsift.Classifier.from_pack(ACME_PACK)
    c = pickle.loads(pickle.dumps(with_builtin))
    assert c.rule_ids == with_builtin.rule_ids
    assert c.classify(TEXT) == with_builtin.classify(TEXT)


def test_pickle_file_carries_the_text(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "acme.toml"
    f.write_text(ACME_PACK, encoding="utf-8")
    c = scamsift.Classifier.from_pack(f, include_builtin=False)
    data = pickle.dumps(c)
    f.unlink()  # the pickle holds the pack text, not the path
    c2 = pickle.loads(data)
    assert c2.classify(TEXT) == c.classify(TEXT)


def test_pickle_directory_rereads(tmp_path: pathlib.Path) -> None:
    d = tmp_path / "pack"
    d.mkdir()
    (d / "pack.toml").write_text(ACME_PACK, encoding="utf-8")
    c = scamsift.Classifier.from_pack(d, include_builtin=False)
    assert pickle.loads(pickle.dumps(c)).classify(TEXT) == c.classify(TEXT)


def test_pickle_verdict_and_hit(builtin: scamsift.Classifier) -> None:
    v = builtin.classify(TEXT)
    v2 = pickle.loads(pickle.dumps(v))
    assert v2 == v
    assert v2.to_dict() == v.to_dict()
    assert repr(v2) == repr(v)
    h = v.hits[0]
    assert pickle.loads(pickle.dumps(h)) == h
    assert v != builtin.classify("hello")
    assert h != "not a hit"
