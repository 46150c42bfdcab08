"""SCB continues KPI from 2026 with 2020=100 (TAB6596, figure 00000808); TAB5737 (1980=100)
ends in 2025M12. `grogrund import kpi` links TAB6596 to the stored 1980=100 months at the
latest month both have, so valuations index beyond TAB5737 without a code change, and a
TAB6596 response is never stored as 1980=100 figures.

The TAB6596 response below is in the real JSON-stat2 shape (the TAB5737 fixture with the
2020=100 figure and other months); its figures are made up to be checked by hand. The stored
TAB5737 months end in 2024M03 = 414.26, so that is the link:
    factor = 414.26 / 100.00 = 4.1426
    2024M04: 101.00 × 4.1426 = 418.4026 → 418.40
    2025M01–M12: 110.00 × 4.1426 = 455.686 → 455.69 each; the 2025 mean 455.69
    2024M01 and 2024M03 of TAB6596 (before or at the link) leave the stored figures alone."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grogrund.areas.models import PriceIndexValue
from grogrund.areas.price_index import annual_kpi
from grogrund.areas.services import import_price_index
from grogrund.sources import SourceError, scb
from grogrund.sources.kpi import read_kpi_file
from sources.http_fakes import FakeResponse, FakeSession, fixture_json

FIXTURE = Path(__file__).parent / "fixtures" / "TAB5737_kpi_2022-2024M03.json"
MONTHS = {
    "2024M01": 99.00,
    "2024M03": 100.00,
    "2024M04": 101.00,
    **{f"2025M{m:02d}": 110.00 for m in range(1, 13)},
}


def tab6596(months: dict[str, float]) -> dict:
    data = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    data["label"] = (
        "Konsumentprisindex (KPI), fastställda tal, 2020=100 efter tabellinnehåll och månad"
    )
    contents = data["dimension"]["ContentsCode"]["category"]
    contents["index"] = {"00000808": 0}
    contents["label"] = {"00000808": "KPI, fastställda tal, 2020=100"}
    contents["unit"] = {"00000808": {"base": "index", "decimals": 2}}
    data["dimension"]["ContentsCode"]["extension"] = {"elimination": False}
    periods = sorted(months)
    data["dimension"]["Tid"]["category"] = {
        "index": {p: i for i, p in enumerate(periods)},
        "label": {p: p for p in periods},
    }
    data["size"] = [1, len(periods)]
    data["value"] = [months[p] for p in periods]
    data["extension"]["px"]["tableid"] = "TAB6596"
    return data


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "TAB6596.json"
    path.write_text(json.dumps(tab6596(MONTHS), ensure_ascii=False), encoding="utf-8")
    return path


def test_a_saved_tab6596_is_read_as_2020_100_and_not_as_the_stored_series(tmp_path) -> None:
    table = read_kpi_file(_saved(tmp_path))
    assert table.base == "2020"
    assert table.monthly["2024M04"] == 101.00 and len(table.monthly) == 15
    assert table.annual == {}  # no annual mean on the 2020=100 scale is stored


@pytest.mark.django_db
def test_the_later_months_are_linked_at_the_latest_common_month(tmp_path) -> None:
    import_price_index(table=read_kpi_file(FIXTURE))
    result = import_price_index(table=read_kpi_file(_saved(tmp_path)))
    # 2024M04, the twelve months of 2025 and the 2025 mean; 2024 has no twelve months yet.
    assert (result.created, result.updated) == (14, 0)
    assert result.annual_years == ("2025",)
    stored = dict(PriceIndexValue.objects.values_list("period", "value"))
    assert stored["2024M01"] == 412.74 and stored["2024M03"] == 414.26  # TAB5737's
    assert stored["2024M04"] == 418.40
    assert stored["2025M07"] == 455.69 and stored["2025"] == 455.69
    assert "2024" not in stored
    source = PriceIndexValue.objects.get(period="2025").source
    assert "TAB6596" in source and "2024M03" in source
    assert annual_kpi()[2025] == (455.69, source)  # what valuations index with


@pytest.mark.django_db
def test_the_same_linked_import_twice_changes_nothing(tmp_path) -> None:
    import_price_index(table=read_kpi_file(FIXTURE))
    import_price_index(table=read_kpi_file(_saved(tmp_path)))
    again = import_price_index(table=read_kpi_file(_saved(tmp_path)))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 14)


@pytest.mark.django_db
def test_without_stored_1980_months_nothing_is_written_and_the_error_says_what_to_do(
    tmp_path,
) -> None:
    with pytest.raises(SourceError) as caught:
        import_price_index(table=read_kpi_file(_saved(tmp_path)))
    assert caught.value.code == "kpi_no_link"
    assert "TAB5737" in caught.value.message
    assert not PriceIndexValue.objects.exists()


@pytest.mark.django_db
def test_the_command_line_takes_both_files_in_any_order(tmp_path) -> None:
    out = StringIO()
    call_command(
        "grogrund_import",
        "kpi",
        "--file",
        str(_saved(tmp_path)),
        "--file",
        str(FIXTURE),
        "--language",
        "en",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert "KPI: 27 months and annual means for 2022–2023; 29 new" in lines[0]
    assert "KPI: 13 months and annual means for 2025–2025; 14 new" in lines[1]
    assert PriceIndexValue.objects.get(period="2025").value == 455.69


@pytest.mark.django_db
def test_the_command_line_alone_with_tab6596_says_to_import_tab5737_first(tmp_path) -> None:
    with pytest.raises(CommandError, match="TAB5737"):
        call_command("grogrund_import", "kpi", "--file", str(_saved(tmp_path)), "--language", "en")
    assert not PriceIndexValue.objects.exists()


@pytest.mark.django_db
def test_live_fetches_tab5737_then_tab6596_and_links_them(monkeypatch) -> None:
    tables = {
        "TAB5737": json.loads(FIXTURE.read_text(encoding="utf-8")),
        "TAB6596": tab6596(MONTHS),
    }

    def answer(call):
        if call.url.endswith("/config"):
            return FakeResponse(payload=fixture_json("config.json"))
        table = next(t for t in tables if f"/tables/{t}/" in call.url)
        if call.url.endswith("/metadata"):
            return FakeResponse(payload={k: v for k, v in tables[table].items() if k != "value"})
        return FakeResponse(payload=tables[table])

    session = FakeSession(answer)
    real = scb.ScbClient
    monkeypatch.setattr(
        scb, "ScbClient", lambda **kw: real(session=session, sleep=lambda s: None, **kw)
    )
    out = StringIO()
    call_command("grogrund_import", "kpi", "--live", "--language", "en", stdout=out)
    posted = [c.url.rsplit("/", 2)[-2] for c in session.calls if c.method == "POST"]
    assert posted == ["TAB5737", "TAB6596"]
    assert PriceIndexValue.objects.get(period="2025").value == 455.69
    assert PriceIndexValue.objects.get(period="2023").value == 403.70
