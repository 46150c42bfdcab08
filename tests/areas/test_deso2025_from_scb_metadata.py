"""DeSO 2025 and RegSO 2025 areas come from SCB's own metadata of a DeSO table: the Region
variable's `_DeSO2025` / `_RegSO2025` codes and labels, kept apart from the 2018 edition, each
under the municipality its code names. (The fixture is constructed in the real shape; see
registry_fixtures/README.md.)"""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from grogrund.areas.models import Area
from grogrund.sources import SourceError
from grogrund.sources.scb_regions import read_metadata, read_metadata_file

METADATA = Path(__file__).parent / "registry_fixtures" / "deso2025_metadata.json"


def test_only_the_2025_codes_are_read_with_names_levels_and_municipalities():
    regions = {r.code: r for r in read_metadata_file(METADATA)}
    assert sorted(regions) == [
        "0114A0010_DeSO2025",
        "0114C1010_DeSO2025",
        "0114R001_RegSO2025",
        "0180C3750_DeSO2025",
        "2584C1110_DeSO2025",
        "2584R014_RegSO2025",
        "2584R015_RegSO2025",
    ]
    deso = regions["0180C3750_DeSO2025"]
    assert (deso.level, deso.vintage, deso.municipality_code, deso.deso_class) == (
        "deso",
        "DeSO2025",
        "0180",
        "C",
    )
    assert deso.name == "0180C3750"  # a DeSO's label is its code: DeSO have no names
    regso = regions["0114R001_RegSO2025"]
    assert (regso.name, regso.level, regso.municipality_code) == ("Bollstanäs", "regso", "0114")
    assert regions["2584R014_RegSO2025"].name == "Östermalm"  # "Östermalm " trimmed


@pytest.mark.django_db
def test_the_command_loads_them_beside_the_2018_areas_and_a_second_load_writes_nothing(capsys):
    call_command(
        "grogrund_areas", "load", "--deso2025", "--file", str(METADATA), "--language", "en"
    )
    assert "7 created, 0 updated" in capsys.readouterr().out
    new = Area.objects.select_related("parent").get(code="0114C1010_DeSO2025")
    old = Area.objects.get(code="0114C1010")
    assert new.pk != old.pk
    assert (new.vintage, old.vintage) == ("DeSO2025", "DeSO2018")
    assert (new.parent.code, new.deso_class, new.in_registry) == ("0114", "C", True)
    assert Area.objects.get(code="2584R015_RegSO2025").parent.name == "Kiruna"
    call_command(
        "grogrund_areas", "load", "--deso2025", "--file", str(METADATA), "--language", "en"
    )
    assert "0 created, 0 updated, 7 unchanged" in capsys.readouterr().out


def test_a_table_without_deso_2025_is_refused_with_advice():
    data = json.loads(METADATA.read_text(encoding="utf-8"))
    region = data["dimension"]["Region"]["category"]
    keep = ["00", "0114", "0114C1010"]
    region["index"] = {c: i for i, c in enumerate(keep)}
    region["label"] = {c: region["label"][c] for c in keep}
    data["size"][0] = len(keep)
    with pytest.raises(SourceError) as err:
        read_metadata(data, file="TAB6471.json")
    assert err.value.code == "no_deso2025"
    assert "TAB6471.json" in err.value.message


@pytest.mark.django_db
def test_the_command_needs_a_file_or_a_live_table():
    with pytest.raises(CommandError):
        call_command("grogrund_areas", "load", "--deso2025", "--language", "en")
    with pytest.raises(CommandError):
        call_command("grogrund_areas", "load", "--deso2025", "--live", "--language", "en")


class _Answer:
    status_code = 200
    headers: dict = {}

    def json(self):
        return json.loads(METADATA.read_text(encoding="utf-8"))


class _Session:
    def __init__(self):
        self.urls = []

    def request(self, method, url, **kwargs):
        self.urls.append(url)
        return _Answer()


def test_the_live_read_asks_scb_for_the_tables_metadata():
    from grogrund.sources.scb import ScbClient
    from grogrund.sources.scb_regions import fetch_regions

    session = _Session()
    regions = fetch_regions(ScbClient(session=session, sleep=lambda s: None), "tab6574")
    assert session.urls == ["https://statistikdatabasen.scb.se/api/v2/tables/TAB6574/metadata"]
    assert len(regions) == 7
    with pytest.raises(SourceError):
        fetch_regions(ScbClient(session=session), "befolkning")
