"""`grogrund import kpi`: SCB's KPI (1980=100) month by month and the annual means of complete
years, computed as SCB computes them, stored once: the same import twice changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grogrund.areas.models import PriceIndexValue
from grogrund.areas.services import import_price_index
from grogrund.sources import SourceError
from grogrund.sources.kpi import KpiTable, annual_mean, annual_means, read_kpi_file

FIXTURE = Path(__file__).parent / "fixtures" / "TAB5737_kpi_2022-2024M03.json"
SHIPPED_CSV = Path(__file__).parents[2] / "src/grogrund/engine/valuebank/data"


def test_the_monthly_figures_are_read_as_published() -> None:
    table = read_kpi_file(FIXTURE)
    assert len(table.monthly) == 27  # 2022M01 … 2024M03
    # three figures checked by hand against SCB's table
    assert table.monthly["2022M01"] == 350.56
    assert table.monthly["2023M12"] == 413.34
    assert table.monthly["2024M03"] == 414.26


def test_annual_means_are_those_scb_publishes() -> None:
    """2022: (350.56 + 353.56 + … + 395.96) / 12 = 371.9117 → 371.91 (SCB: 371,91).
    2023: the twelve months sum to 4844.46, exactly 403.705 a month; SCB publishes 403,70:
    SCB rounds half to even (half up would give 403.71). 2024 has three months: no mean."""
    table = read_kpi_file(FIXTURE)
    assert table.annual == {"2022": 371.91, "2023": 403.70}
    assert annual_mean([403.705] * 12) == 403.70
    assert annual_mean([403.715] * 12) == 403.72


def test_the_annual_means_agree_with_the_shipped_series() -> None:
    shipped = {}
    for line in (SHIPPED_CSV / "kpi-annual-1980-100.csv").read_text().splitlines():
        if line[:1].isdigit():
            year, value = line.split(",")
            shipped[year] = float(value)
    table = read_kpi_file(FIXTURE)
    assert {y: shipped[y] for y in table.annual} == table.annual


def test_a_year_without_twelve_months_has_no_mean() -> None:
    assert annual_means({"2024M01": 412.74, "2024M02": 413.76}) == {}


def test_a_table_that_is_not_kpi_is_refused(tmp_path) -> None:
    other = Path(__file__).parents[1] / "sources" / "fixtures" / "TAB6471_data.json"
    with pytest.raises(SourceError) as caught:
        read_kpi_file(other)
    assert caught.value.code == "invalid_kpi"
    assert "TAB5737" in caught.value.message


@pytest.mark.django_db
def test_the_import_stores_months_and_annual_means() -> None:
    result = import_price_index(table=read_kpi_file(FIXTURE))
    assert (result.created, result.updated, result.unchanged) == (29, 0, 0)
    assert result.annual_years == ("2022", "2023")
    stored = dict(PriceIndexValue.objects.values_list("period", "value"))
    assert stored["2023"] == 403.70 and stored["2023M06"] == 405.49
    assert PriceIndexValue.objects.get(period="2022").source.startswith("SCB, Konsumentprisindex")


@pytest.mark.django_db
def test_the_same_import_twice_changes_nothing() -> None:
    import_price_index(table=read_kpi_file(FIXTURE))
    again = import_price_index(table=read_kpi_file(FIXTURE))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 29)
    assert PriceIndexValue.objects.count() == 29


@pytest.mark.django_db
def test_a_revised_figure_is_updated() -> None:
    import_price_index(table=read_kpi_file(FIXTURE))
    revised = KpiTable(monthly={"2024M03": 414.30})
    result = import_price_index(table=revised)
    assert (result.created, result.updated) == (0, 1)
    assert PriceIndexValue.objects.get(period="2024M03").value == 414.30


@pytest.mark.django_db
def test_the_command_line_reads_a_saved_response() -> None:
    out = StringIO()
    call_command("grogrund_import", "kpi", "--file", str(FIXTURE), "--language", "en", stdout=out)
    assert "KPI: 27 months and annual means for 2022–2023; 29 new" in out.getvalue()
    assert PriceIndexValue.objects.filter(period="2023").exists()


@pytest.mark.django_db
def test_the_command_line_asks_for_a_file_or_live() -> None:
    with pytest.raises(CommandError, match="TAB5737"):
        call_command("grogrund_import", "kpi", "--language", "en")
