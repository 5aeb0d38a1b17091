"""Hit.start/Hit.end are Python string indices, whatever the text's encoding width."""

from __future__ import annotations

import pytest

import scamsift

PREFIXES = [
    "",
    "😀",
    "😀👍🏽👨‍👩‍👧 ",
    "工作招聘：",
    "Привет, ",
    "e\u0301 ",  # combining accent
    "\u200b\u200b",  # zero-width spaces (dropped by the normaliser)
    "ＡＢＣ ",  # fullwidth
    "𝐓𝐞𝐥𝐞 ",  # mathematical letters (astral plane)
    "\ud800 ",  # lone surrogate, read as U+FFFD
]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_custom_pack_offsets(acme: scamsift.Classifier, prefix: str) -> None:
    text = prefix + "Please pay the fee in gift cards 😀 and act now! 用礼品卡付款"
    v = acme.classify(text)
    assert [h.rule for h in v.hits] == ["acme.gift_card_fee", "acme.act_now", "acme.gift_card_fee"]
    for h in v.hits:
        assert text[h.start : h.end] == h.text
    assert [h.text for h in v.hits] == ["pay the fee in gift cards", "act now", "用礼品卡付款"]
    assert v.hits[0].start == len(prefix) + len("Please ")


def test_homoglyph_offsets(acme: scamsift.Classifier) -> None:
    # Cyrillic а/е/о/с look-alikes and fullwidth letters inside the phrase.
    text = "😀😀 Pаy thе fее in gift саrds, АСТ ＮＯＷ"
    v = acme.classify(text)
    assert [h.rule for h in v.hits] == ["acme.gift_card_fee", "acme.act_now"]
    for h in v.hits:
        assert text[h.start : h.end] == h.text
    assert v.hits[0].text == "Pаy thе fее in gift саrds"
    assert v.hits[1].text == "АСТ ＮＯＷ"
    # Byte offsets are into the UTF-8 encoding.
    b = text.encode()
    for h in v.hits:
        assert b[h.byte_start : h.byte_end].decode() == h.text


def test_builtin_offsets_non_ascii(builtin: scamsift.Classifier) -> None:
    texts = [
        "😀😀 Hiring now! Earn $500/day, no experience. Interview on Теlеgrаm only: t.me/hr_jobs_88",
        "工作 👍🏽 Part-time job, earn $300 a day from home! No experience needed. Contact us on Telegram @hr_amy",
        "Ｗｈａｔｓ Ａｐｐ 😀 earn 5OOO per day, n0 experience, t e l e g r a m",
    ]
    for text in texts:
        v = builtin.classify(text)
        assert v.hits, text
        for h in v.hits:
            assert text[h.start : h.end] == h.text


def test_zero_width_inside_phrase(acme: scamsift.Classifier) -> None:
    text = "👍 a\u200bct n\u200bow"
    v = acme.classify(text)
    [h] = v.hits
    assert text[h.start : h.end] == h.text == "a\u200bct n\u200bow"
