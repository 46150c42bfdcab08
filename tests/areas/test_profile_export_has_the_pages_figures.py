"""The area profile's export holds the figures its page shows (one source of figures:
areas.profile.build_profile), as numbers in Swedish formats, with the gap and the gap in people
as formulas that recalculate to the page's numbers.

Worked example (checked by hand): in Testby 550 of 1 000 are employed (55,0 %), in the
municipality 7 700 of 10 000 (77,0 %): the gap is 22,0 percentage points and
(0,77 − 0,55) × 1 000 = 220 people. Unemployment, lower is better: 120 of 1 000 (12,0 %) against
600 of 10 000 (6,0 %): (0,12 − 0,06) × 1 000 = 60 people. Median income 210 000 kr against
280 000 kr: a gap of 70 000 kr and none in people."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from builders import make_area, make_dataset, make_indicator, make_observation, make_org, make_user
from export_files import csv_record, csv_rows, page_text, recalculated, row_where, shown, workbook
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def testby():
    owner = make_org("Bostadsbolaget A")
    country = make_area("SE", AreaLevel.COUNTRY, name="Sverige")
    county = make_area("99", AreaLevel.COUNTY, country, name="Länet")
    city = make_area("9901", AreaLevel.MUNICIPALITY, county, name="Staden")
    deso = make_area("9901A0001", parent=city, name="Testby")
    employment = make_indicator("employment", name_sv="Förvärvsarbetande", name_en="Employed")
    unemployment = make_indicator(
        "unemployment", name_sv="Arbetslösa", name_en="Unemployed", direction="lower_is_better"
    )
    income = make_indicator(
        "income", name_sv="Medianinkomst", name_en="Median income", kind="money", unit="kr"
    )
    ds = make_dataset(owner, "Statistik A", source="SCB, RAMS")
    for area, (num, den) in {
        deso: (550, 1000),
        city: (7700, 10000),
        county: (70_000, 100_000),
        country: (680_000, 1_000_000),
    }.items():
        make_observation(ds, area, employment, "2024", numerator=num, denominator=den)
    make_observation(ds, deso, employment, "2023", numerator=530, denominator=1000)
    make_observation(ds, deso, unemployment, "2024", numerator=120, denominator=1000)
    make_observation(ds, city, unemployment, "2024", numerator=600, denominator=10000)
    make_observation(ds, deso, income, "2024", value=210_000)
    make_observation(ds, city, income, "2024", value=280_000)
    user = make_user(owner, Role.VIEWER)
    client = Client()
    client.force_login(user)
    return client, deso


def _page_rows(client, deso) -> dict[str, list[str]]:
    """The page's gap table: indicator name → the texts of its cells."""
    html = client.get(reverse("areas:profile", args=[deso.code])).content.decode()
    table = html.split('id="gap-table"')[1].split("</table>")[0]
    rows = {}
    for tr in table.split("<tbody>")[1].split("<tr>")[1:]:
        cells = [
            page_text(re.sub(r"<[^>]+>", "", re.sub(r"<br>.*?</span>", "", c.split("</td>")[0])))
            for c in tr.split("<td")[1:]
        ]
        rows[cells[0].split(">", 1)[-1]] = [c.split(">", 1)[-1] for c in cells]
    return rows


def _download(client, deso, fmt, **params):
    return client.get(reverse("areas:profile_export", args=[deso.code, fmt]), params)


def test_the_workbook_shows_the_pages_figures(testby):
    client, deso = testby
    page = _page_rows(client, deso)
    content = _download(client, deso, "xlsx").content
    formulas, values = workbook(content), workbook(content, values=True)
    gaps = formulas.worksheets[0]
    cached = values.worksheets[0]
    name = gaps.cell(row=1, column=5).value
    assert name == "Testby"
    # The page: indicator, value, gap, gap in people, year, municipality, county, country.
    employed = row_where(gaps, _("Indicator"), "Förvärvsarbetande")
    assert page["Förvärvsarbetande"][1:5] == ["55,0 %", "+22,0 p.e.", "+220", "2024"]
    assert shown(employed["Testby"]) == "55,0 %"
    gap, people = employed[_("Gap")], employed[_("Gap in people")]
    assert shown(gap, cached[gap.coordinate].value) == page["Förvärvsarbetande"][2]
    assert shown(people, cached[people.coordinate].value) == page["Förvärvsarbetande"][3]
    assert employed[_("Year")].value == 2024 and employed[_("Year")].number_format == "0"
    expected = {"Staden": "77,0 %", "Länet": "70,0 %", "Sverige": "68,0 %"}
    page_values = page["Förvärvsarbetande"][5:8]
    for (column, text), on_page in zip(expected.items(), page_values, strict=True):
        assert shown(employed[column]) == text == on_page
    assert employed[_("Numerator")].value == 550 and employed[_("Denominator (base)")].value == 1000
    assert employed[_("Source")].value == "SCB, RAMS"

    unemployed = row_where(gaps, _("Indicator"), "Arbetslösa")
    people = unemployed[_("Gap in people")]
    assert shown(people, cached[people.coordinate].value) == "+60" == page["Arbetslösa"][3]
    income = row_where(gaps, _("Indicator"), "Medianinkomst")
    gap = income[_("Gap")]
    assert shown(gap, cached[gap.coordinate].value) == "+70 000 kr" == page["Medianinkomst"][2]
    assert income[_("Gap in people")].value is None and page["Medianinkomst"][3] == "–"
    assert shown(income["Testby"]) == "210 000 kr" == page["Medianinkomst"][1]


def test_the_rows_are_ranked_as_on_the_page(testby):
    client, deso = testby
    gaps = workbook(_download(client, deso, "xlsx").content).worksheets[0]
    names = [gaps.cell(row=r, column=2).value for r in range(2, gaps.max_row + 1)]
    assert names == list(_page_rows(client, deso))  # by gap in people, then the rest
    assert [gaps.cell(row=r, column=1).value for r in range(2, 5)] == [1, 2, 3]


def test_the_gap_formulas_are_the_handslag_arithmetic(testby):
    client, deso = testby
    gaps = workbook(_download(client, deso, "xlsx").content).worksheets[0]
    employed = row_where(gaps, _("Indicator"), "Förvärvsarbetande")
    value, base = employed["Testby"].column_letter, employed[_("Denominator (base)")].column_letter
    city, row = employed["Staden"].column_letter, employed["Testby"].row
    assert employed[_("Gap in people")].value == f"=({city}{row}-{value}{row})*{base}{row}"
    assert employed[_("Gap")].value == f"=({city}{row}-{value}{row})*100"
    unemployed = row_where(gaps, _("Indicator"), "Arbetslösa")
    r = unemployed["Testby"].row
    assert unemployed[_("Gap in people")].value == f"=({value}{r}-{city}{r})*{base}{r}"


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_gaps_to_the_pages_numbers(testby, tmp_path):
    client, deso = testby
    content = _download(client, deso, "xlsx").content
    ws = recalculated(content, tmp_path).worksheets[0]
    by_name = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    columns = {ws.cell(row=1, column=c).value: c for c in range(1, ws.max_column + 1)}
    people, gap = columns[_("Gap in people")], columns[_("Gap")]
    assert ws.cell(row=by_name["Förvärvsarbetande"], column=people).value == pytest.approx(220)
    assert ws.cell(row=by_name["Förvärvsarbetande"], column=gap).value == pytest.approx(22)
    assert ws.cell(row=by_name["Arbetslösa"], column=people).value == pytest.approx(60)
    assert ws.cell(row=by_name["Medianinkomst"], column=gap).value == pytest.approx(70_000)


def test_the_trends_sheet_holds_every_year_of_the_charts(testby):
    client, deso = testby
    wb = workbook(_download(client, deso, "xlsx").content)
    trends = wb.worksheets[1]
    rows = [
        [c.value for c in row]
        for row in trends.iter_rows(min_row=2)
        if row[0].value == "Förvärvsarbetande"
    ]
    assert [(r[2], r[4], r[5]) for r in rows] == [
        ("Testby", 2023, 0.53),
        ("Testby", 2024, 0.55),
        # 2023 of Staden, Länet and Sverige is computed from Testby, their one DeSO (only
        # 2024 was imported for them): every year the area has, as the trend chart shows.
        ("Staden", 2023, 0.53),
        ("Staden", 2024, 0.77),
        ("Länet", 2023, 0.53),
        ("Länet", 2024, 0.7),
        ("Sverige", 2023, 0.53),
        ("Sverige", 2024, 0.68),
    ]


def test_the_csv_has_the_same_figures_in_percent(testby):
    client, deso = testby
    response = _download(client, deso, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response.content)
    employed = csv_record(rows, _("Indicator"), "Förvärvsarbetande")
    assert employed["Testby"] == "55" and employed["Staden"] == "77"
    assert employed[_("Gap in people")] == "220" and employed[_("Gap")] == "22"
    assert employed[_("Unit")] == "%"
    income = csv_record(rows, _("Indicator"), "Medianinkomst")
    assert income["Testby"] == "210000" and income[_("Gap")] == "70000"
    trends = csv_rows(_download(client, deso, "csv", table="series").content)
    # The header; employment 8 (two years of Testby, Staden, Länet and Sverige: 2023 of the
    # three computed from Testby, the one DeSO); unemployment 4 (county and country computed
    # from Testby); income 2 (a median is not computed from parts).
    assert len(trends) == 1 + 8 + 4 + 2


def test_the_file_is_an_attachment_named_for_the_area_and_the_day(testby, monkeypatch):
    client, deso = testby
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    response = _download(client, deso, "xlsx")
    prefix = _("area-profile")  # "omradesprofil"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{prefix}-testby-2026-12-02.xlsx"'
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    english = _download(client, deso, "csv", lang="en")
    assert (
        english["Content-Disposition"]
        == 'attachment; filename="area-profile-testby-2026-12-02.csv"'
    )
    header = csv_rows(english.content)[0]
    assert {"Indicator", "Gap in people", "Source", "Retrieved"} <= set(header)
    with translation.override("en"):
        assert _("Indicator") == "Indicator"


def test_an_unknown_format_or_table_is_not_found(testby):
    client, deso = testby
    assert _download(client, deso, "pdf").status_code == 404
    assert _download(client, deso, "csv", table="nothing").status_code == 404


def test_the_page_links_to_its_downloads(testby):
    client, deso = testby
    html = client.get(reverse("areas:profile", args=[deso.code])).content.decode()
    assert reverse("areas:profile_export", args=[deso.code, "xlsx"]) in html
    assert reverse("areas:profile_export", args=[deso.code, "csv"]) in html


def test_the_challenges_sheet_lists_the_police_classification_and_visible_challenges(testby):
    """The page lists the police's classification and the challenges the visitor may see
    beside the figures: so does the file, and another company's private challenge stays out."""
    from builders import make_challenge
    from grogrund.areas.models import ChallengeKind, PoliceClassification, Priority

    client, deso = testby
    PoliceClassification.objects.create(area=deso, year=2023, category="risk")
    from grogrund.accounts.models import Organisation

    mine = Organisation.objects.get(name="Bostadsbolaget A")  # the visitor's company
    make_challenge(
        mine,
        deso,
        title="Låg förvärvsgrad bland unga",
        kind=ChallengeKind.CHALLENGE,
        priority=Priority.HIGH,
        description="Många unga saknar arbete.",
    )
    make_challenge(make_org("Annat bolag"), deso, title="Hemlig utmaning")
    sheet = workbook(_download(client, deso, "xlsx").content).worksheets[2]
    assert sheet.title == "Utmaningar"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert ["Polisens klassning", 2023, "Riskområde"] == rows[0][:3]
    titles = [r[2] for r in rows]
    assert "Låg förvärvsgrad bland unga" in titles and "Hemlig utmaning" not in titles
    challenge = next(r for r in rows if r[2] == "Låg förvärvsgrad bland unga")
    assert challenge[0] == "Utmaning" and challenge[3] == "Hög"
    assert challenge[6] == "Bostadsbolaget A"
    csv = csv_rows(_download(client, deso, "csv", table="challenges").content)
    assert any("Låg förvärvsgrad bland unga" in row for row in csv)
