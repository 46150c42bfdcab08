"""The evidence ladder page (/metoder/evidens/) explains every level of the ladder a curator
sets a method at, and cites what the ladder is modelled on (grogrund.methods.evidence:
Nesta's Standards of Evidence, the EIF evidence standards, SBU's GRADE and Socialstyrelsen's
Metodguiden), in Swedish and in English, to anyone, also without logging in."""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from grogrund.methods.evidence import LADDER, REFERENCES
from grogrund.methods.models import EvidenceLevel


def page(language: str) -> str:
    """The page as a visitor without login who chose `language` (the language cookie, as the
    language switch sets it) sees it."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/metoder/evidens/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_ladder_has_a_step_for_every_evidence_level():
    assert [rung.level for rung in LADDER] == list(EvidenceLevel.values) == [1, 2, 3, 4]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_step_is_shown_with_what_it_takes_and_what_it_corresponds_to(db, language):
    body = page(language)
    with translation.override(language):
        for rung in LADDER:
            assert f'id="level-{rung.level}"' in body
            assert f"{rung.level} · {rung.name}" in body
            for text in (rung.criteria, rung.not_yet, rung.to_climb, rung.compares_to):
                assert str(text) in body, (rung.level, str(text))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_source_it_is_modelled_on_is_cited_with_a_link(db, language):
    body = page(language)
    section = body.split('id="modelled-on"', 1)[1]
    with translation.override(language):
        for ref in REFERENCES:
            assert f'<a href="{ref.url}" rel="noopener">{ref.title}</a>' in section
            assert ref.publisher in section
            assert str(ref.taken) in section
    assert "Nesta, 2012" in section  # the one source with a date


def test_the_page_reads_in_swedish():
    body = page("sv")
    assert "Evidenstrappan" in body and "Vad trappan bygger på" in body
    for name in (
        "1 · Idé",
        "2 · Prövad lokalt med uppföljning",
        "3 · Utvärderad mot jämförelsegrupp",
        "4 · Effekt visad i flera utvärderingar",
    ):
        assert name in body
    assert "Nesta nivå 1 (beskriven verkan)." in body
    for source in ("Nesta", "Early Intervention Foundation", "SBU", "Socialstyrelsen"):
        assert source in body


def test_the_page_reads_in_english():
    body = page("en")
    assert "The evidence ladder" in body and "What the ladder is modelled on" in body
    for name in (
        "1 · Idea",
        "2 · Tried locally with follow-up",
        "3 · Evaluated against a comparison group",
        "4 · Effect shown in several evaluations",
    ):
        assert name in body
    assert "Nesta level 1 (account of impact)." in body
    assert "Evidenstrappan" not in body
