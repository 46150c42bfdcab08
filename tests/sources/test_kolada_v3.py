"""Kolada v3 as it is: pages linked by `next_url`, deleted values skipped, one gender chosen,
shares published in percent and marked so, no personal number let through."""

import json

import pytest

from grogrund.sources import KoladaClient, SourceError, read_kolada_file
from grogrund.sources.kolada import KOLADA_SCALE, check_gender

from .http_fakes import FIXTURES, FakeResponse, FakeSession

PAGES = json.loads((FIXTURES / "kolada_v3_N15428_pages.json").read_text(encoding="utf-8"))
FIRST_URL = "https://api.kolada.se/v3/data/kpi/N15428/municipality/0138,0180,0000/year/2023"


def _client(pages):
    session = FakeSession([FakeResponse(payload=p) for p in pages])
    return KoladaClient(session=session, sleep=lambda s: None), session


def test_three_pages_are_read_by_following_next_url() -> None:
    client, session = _client(PAGES)
    records = list(client.data(["N15428"], ["0138", "0180", "0000"], [2023]))
    assert [c.url for c in session.calls] == [
        FIRST_URL,
        PAGES[0]["next_url"],
        PAGES[1]["next_url"],
    ]
    # page 1: Tyresö 2023; page 2: Stockholm 2022 (2023 T is deleted); page 3: Riket 2023
    # (Tyresö 2022 is a deleted item).
    assert [(r.area_code, r.period, r.value) for r in records] == [
        ("0138", "2023", 74.1),
        ("0180", "2022", 80.2),
        ("00", "2023", 84.6),
    ]


def test_a_value_flagged_isdeleted_is_no_figure() -> None:
    records = list(read_kolada_file(FIXTURES / "kolada_v3_N15428_pages.json"))
    cells = {(r.area_code, r.period) for r in records}
    assert ("0180", "2023") not in cells  # the T value carries isdeleted: true
    assert ("0138", "2022") not in cells  # the whole item carries isdeleted: true
    assert len(records) == 3


def test_gender_k_reads_the_womens_figures() -> None:
    client, _session = _client(PAGES)
    women = list(client.data(["N15428"], ["0138", "0180", "0000"], [2023], gender="K"))
    # Stockholm 2023 K is not deleted (only its T value is).
    assert [(r.area_code, r.period, r.value) for r in women] == [
        ("0138", "2023", 78.0),
        ("0180", "2023", 83.0),
        ("0180", "2022", 82.1),
        ("00", "2023", 86.7),
    ]


def test_men_from_a_saved_file() -> None:
    men = list(read_kolada_file(FIXTURES / "kolada_v3_N15428_pages.json", gender="M"))
    assert [r.value for r in men] == [70.2, 79.9, 78.4, 82.6]


def test_records_say_that_shares_are_in_percent() -> None:
    records = list(read_kolada_file(FIXTURES / "kolada_v3_N15428_pages.json"))
    assert {r.scale for r in records} == {KOLADA_SCALE} == {"percent_for_shares"}


def test_an_old_saved_response_with_next_page_is_still_followed() -> None:
    old = [{**PAGES[0], "next_page": PAGES[0]["next_url"], "next_url": None}, PAGES[2]]
    client, session = _client(old)
    list(client.data(["N15428"], ["0138"], [2023]))
    assert len(session.calls) == 2


def test_pages_that_point_back_do_not_loop() -> None:
    a = {**PAGES[0], "next_url": "https://api.kolada.se/v3/b"}
    b = {**PAGES[2], "next_url": "https://api.kolada.se/v3/a"}
    session = FakeSession(lambda call: FakeResponse(payload=a if call.url.endswith("/a") else b))
    client = KoladaClient(session=session, sleep=lambda s: None)
    assert len(list(client.pages("https://api.kolada.se/v3/a"))) == 2


def test_an_unknown_gender_is_refused_with_the_three_that_exist() -> None:
    with pytest.raises(SourceError) as caught:
        check_gender("X")
    assert "T (total), K (women) or M (men)" in caught.value.message
    assert check_gender("k") == "K"


def test_a_personal_number_in_a_kolada_string_is_refused(tmp_path) -> None:
    page = json.loads(json.dumps(PAGES[0]))
    page["values"][0]["values"][-1]["status"] = "19900101-1239"
    page["next_url"] = None
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(read_kolada_file(path))
    assert caught.value.code == "personal_number"
    assert "1239" not in caught.value.message


def test_a_value_that_is_not_a_number_names_the_item(tmp_path) -> None:
    page = {"values": [{**PAGES[0]["values"][0], "values": [{"gender": "T", "value": "n/a"}]}]}
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(read_kolada_file(path))
    assert caught.value.code == "not_a_number"
    assert "kolada.json, item 1" in caught.value.message
