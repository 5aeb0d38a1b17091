"""Shared fixtures: small custom packs, so tests do not depend on exact built-in rule ids."""

from __future__ import annotations

import pytest

import scamsift

ACME_PACK = """
[pack]
name = "acme-test"
version = "2.3.4"
languages = ["en", "zh"]
description = "A small pack for the binding's tests."

[[category]]
id = "gift_fee"
family = "gift_card_scam"
description = "A fee to be paid in gift cards."

[[category]]
id = "urgency"
family = "gift_card_scam"
description = "Pressure to act at once."

[[category]]
id = "acme_counter"
family = "*"
description = "Advisories quoting the lure."

[[rule]]
id = "acme.gift_card_fee"
category = "gift_fee"
weight = 3.0
languages = ["en", "zh"]
what = "a fee paid in gift cards."
why = "untraceable."
false_positives = "retail promotions."
phrases = ["pay the fee in gift cards", "用礼品卡付款"]
examples.positive = ["Please pay the fee in gift cards before you start."]
examples.negative = ["Gift cards make great presents."]

[[rule]]
id = "acme.act_now"
category = "urgency"
weight = 2.5
what = "act now."
why = "pressure."
false_positives = "ads."
phrases = ["act now", "马上行动"]
examples.positive = ["Act now or lose the prize"]
examples.negative = ["The actors now rest"]

[[rule]]
id = "acme.advisory"
category = "acme_counter"
weight = -6.0
what = "a scam advisory."
why = "quotes lures to warn."
false_positives = "none."
phrases = ["scam alert"]
examples.positive = ["SCAM ALERT: never pay the fee in gift cards"]
examples.negative = ["an alert reader"]
"""


@pytest.fixture(scope="session")
def builtin() -> scamsift.Classifier:
    return scamsift.Classifier()


@pytest.fixture(scope="session")
def acme() -> scamsift.Classifier:
    return scamsift.Classifier.from_pack(ACME_PACK, include_builtin=False)


@pytest.fixture(scope="session")
def acme_text() -> str:
    return ACME_PACK
