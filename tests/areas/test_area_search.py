"""An area is found by typing its name or code, whatever the case and the accents.

Decision: accents are ignored both ways. "malmo" finds Malmö and "Goteborg" finds Göteborg,
because a keyboard or a file without å, ä and ö should not hide an area; Swedish sorting
is not affected. Every word typed must match: a word in the name, or the start of the code."""

import pytest

from builders import make_custom_area, make_org, make_user
from grogrund.areas.models import Area
from grogrund.areas.search import fold, word_pattern
from grogrund.areas.selectors import search_areas

pytestmark = pytest.mark.django_db


def _codes(user, text, limit=5, **filters):
    return [a.code for a in search_areas(user, text, limit, **filters)]


@pytest.fixture
def anyone():
    return make_user()


def test_case_and_accents_do_not_matter(anyone):
    assert _codes(anyone, "upplands väsby", 1) == ["0114"]
    assert _codes(anyone, "UPPLANDS VASBY", 1) == ["0114"]
    assert _codes(anyone, "Malmo", 1) == ["1280"]
    assert _codes(anyone, "göteborg", 1) == ["1480"]
    assert _codes(anyone, "Goteborg", 1) == ["1480"]


def test_every_word_must_match_name_or_start_of_code(anyone):
    assert _codes(anyone, "väsby upplands", 1) == ["0114"]
    assert _codes(anyone, "0114 bollstanäs", 10) == [
        "0114R001",
        "0114C1010",
        "0114C1030",
        "0114C1050",
    ]
    assert _codes(anyone, "0114C1010") == ["0114C1010"]


def test_the_largest_areas_come_first(anyone):
    # The municipality before its RegSO and DeSO named after it.
    assert _codes(anyone, "Kiruna", 3)[0] == "2584"


def test_other_names_of_the_registry_are_found(anyone):
    assert _codes(anyone, "Region Stockholm", 1) == ["01"]
    assert _codes(anyone, "riket", 1) == ["00"]


def test_level_and_municipality_narrow_the_search(anyone):
    regso = _codes(anyone, "", None, level="regso", municipality="0114")
    assert len(regso) == 12 and all(c.startswith("0114R") for c in regso)
    assert _codes(anyone, "bollstanäs", None, level="deso") == [
        "0114C1010",
        "0114C1030",
        "0114C1050",
    ]


def test_characters_of_regular_expressions_are_plain_text(anyone):
    assert _codes(anyone, "Luleå centrum (1050)") == ["2580C1050"]
    assert _codes(anyone, "x(y") == []
    assert _codes(anyone, ".*") == []
    assert word_pattern("ö.") == "[oöóòôõøOÖÓÒÔÕØ]\\."
    assert fold("Ångermanland Malmö") == "angermanland malmo"


def test_another_organisations_private_area_is_not_found():
    owner, other = make_org(), make_org()
    make_custom_area("hemlig", owner, [Area.objects.get(code="0114C1010")], name="Hemliga gården")
    assert _codes(make_user(owner), "hemliga") == ["hemlig"]
    assert _codes(make_user(other), "hemliga") == []
