"""The cost per unit of change of an outcome measured in kronor (median income) is kronor per
krona: a plain ratio, shown as "cost 130,000 times the change", not as "130 000 kr per krona"."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import translation

from grogrund.initiatives.values import cost_per_unit_shown

MEDIAN_INCOME = SimpleNamespace(kind="money", unit="kr")
EMPLOYMENT = SimpleNamespace(kind="share", unit="andel")


def test_kronor_per_krona_is_a_plain_ratio():
    # 1 300 000 kr of cost for a median income 10 kr higher: 130 000 kr per krona.
    with translation.override("en"):
        assert cost_per_unit_shown(MEDIAN_INCOME, 1_300_000 / 10) == "cost 130,000 times the change"
        assert cost_per_unit_shown(MEDIAN_INCOME, 2.5) == "cost 2.5 times the change"


def test_a_share_stays_in_kronor_per_percentage_point():
    # 480 000 kr per 1.0 of the share is 4 800 kr per percentage point.
    with translation.override("en"):
        assert cost_per_unit_shown(EMPLOYMENT, 480_000) == "4,800\u00a0kr per percentage point"
