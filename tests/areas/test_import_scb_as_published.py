"""SCB files imported as published: SCB's status symbols are stored as the reason a figure is
missing (never zero), mandatory notes are stored once with the dataset and shown on its page,
and a table without a region dimension is Sweden or the region the import names."""

from pathlib import Path

import pytest
from django.core.management import call_command

from builders import make_indicator, make_org, make_user
from grogrund.areas.models import Area, AreaLevel, DatasetNote, Observation
from grogrund.areas.readers import ReadRequest, open_records
from grogrund.areas.services import import_observations

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "sources" / "fixtures"
PX = FIXTURES / "px" / "BE0101F1nildotsymbols.px"
NATIONAL = FIXTURES / "pxweb_v1" / "BefolkningNy_civilstand_v1json.json"

MIGRATION = {
    "table_id": "BE0101F1",
    "indicators": [
        {"code": "inmigrated_men_20", "value": {"type": "BE0101F1", "age": "20", "sex": "1"}},
        {"code": "outmigrated_women_20", "value": {"type": "BE0101F2", "age": "20", "sex": "2"}},
    ],
}


def _area(code, level):
    return Area.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]


@pytest.fixture
def world():
    for code, level in (
        ("00", AreaLevel.COUNTRY),
        ("01", AreaLevel.COUNTY),
        ("0114", AreaLevel.MUNICIPALITY),
        ("0115", AreaLevel.MUNICIPALITY),
        ("0180", AreaLevel.MUNICIPALITY),
    ):
        _area(code, level)
    for code in ("inmigrated_men_20", "outmigrated_women_20", "married"):
        make_indicator(code, kind="count", unit="antal")
    return make_org("Kommunen")


def _import_px(org):
    plan = open_records(ReadRequest(kind="scb", files=[PX], mapping=MIGRATION))
    return import_observations(
        records=plan.records, owner=org, dataset_name="Flyttningar", source=plan.source
    )


def _stored():
    return {
        (o.area.code, o.indicator.code): (o.value, o.status)
        for o in Observation.objects.select_related("area", "indicator")
    }


def test_status_symbols_are_stored_as_missing_with_their_reason(world):
    _import_px(world)
    stored = _stored()
    # BE0101F1nildotsymbols.px, age 20: Sweden "-" (nil) and "..."; Stockholm county "." and
    # "...."; Upplands Väsby 14 and 43; Vallentuna 17 and 30. The file names its symbols.
    assert stored[("00", "inmigrated_men_20")] == (0.0, "")
    assert stored[("00", "outmigrated_women_20")] == (None, "hidden")
    assert stored[("01", "inmigrated_men_20")] == (None, "n.a.")
    assert stored[("01", "outmigrated_women_20")] == (None, "secret")
    assert stored[("0114", "outmigrated_women_20")] == (43.0, "")
    assert stored[("0115", "inmigrated_men_20")] == (17.0, "")


def test_mandatory_notes_are_stored_once_per_indicator(world):
    result = _import_px(world)
    notes = list(DatasetNote.objects.filter(dataset=result.dataset).select_related("indicator"))
    assert sorted(n.indicator.code for n in notes) == ["inmigrated_men_20", "outmigrated_women_20"]
    assert all(n.mandatory and n.origin == "SCB BE0101F1" for n in notes)
    assert all("Mandatory English note" in n.text for n in notes)
    inmigrated = next(n for n in notes if n.indicator.code == "inmigrated_men_20")
    assert "migration to the region" in inmigrated.text  # its own value note, not the other's
    assert "migration from the region" not in inmigrated.text


def test_a_second_import_changes_nothing(world):
    _import_px(world)
    notes = list(DatasetNote.objects.values_list("id", "indicator_id", "text"))
    figures = list(Observation.objects.values_list("id", "value", "status"))
    again = _import_px(world)
    assert (again.created, again.updated) == (0, 0)
    assert list(DatasetNote.objects.values_list("id", "indicator_id", "text")) == notes
    assert list(Observation.objects.values_list("id", "value", "status")) == figures


def test_a_changed_note_replaces_the_notes_of_that_table(world, tmp_path):
    result = _import_px(world)
    changed = tmp_path / "BE0101F1.px"
    changed.write_bytes(
        PX.read_bytes().replace(b'NOTEX="Mandatory English note"', b'NOTEX="A new note"')
    )
    plan = open_records(ReadRequest(kind="scb", files=[changed], mapping=MIGRATION))
    import_observations(records=plan.records, owner=world, dataset_name="Flyttningar", source="SCB")
    texts = list(DatasetNote.objects.filter(dataset=result.dataset).values_list("text", flat=True))
    assert len(texts) == 2
    assert all("A new note" in t and "Mandatory English note" not in t for t in texts)


def test_the_dataset_page_shows_the_notes(world, client):
    result = _import_px(world)
    client.force_login(make_user(world))
    page = client.get(f"/omraden/dataset/{result.dataset.pk}/").content.decode()
    assert 'id="dataset-notes"' in page
    assert "Mandatory English note" in page
    assert "inmigrated_men_20 sv" in page  # the indicator the note concerns


def _mapping_file(tmp_path):
    path = tmp_path / "civilstand.yaml"
    path.write_text(
        "table_id: BefolkningNy\nindicators:\n  - code: married\n    value: {Civilstand: G}\n",
        encoding="utf-8",
    )
    return path


def test_command_line_national_table_is_sweden(world, tmp_path):
    call_command(
        "grogrund_import", "scb", "--file", str(NATIONAL), "--mapping",
        str(_mapping_file(tmp_path)), "--org", world.slug, "--dataset", "Civilstånd",
    )  # fmt: skip
    stored = {(o.area.code, o.period): o.value for o in Observation.objects.select_related("area")}
    assert stored == {
        ("00", "2015"): 3_291_001,
        ("00", "2016"): 3_329_589,
        ("00", "2017"): 3_358_397,
    }


def test_command_line_region_for_a_table_without_one(world, tmp_path):
    call_command(
        "grogrund_import", "scb", str(NATIONAL), "--mapping", str(_mapping_file(tmp_path)),
        "--org", world.slug, "--region", "0180",
    )  # fmt: skip
    assert set(Observation.objects.values_list("area__code", flat=True)) == {"0180"}


def test_command_line_a_file_that_is_not_from_scb_is_refused_by_name(world, tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "figurer.csv"
    bad.write_text("area;value\n0180;1\n", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command(
            "grogrund_import", "scb", "--file", str(bad), "--mapping",
            str(_mapping_file(tmp_path)), "--org", world.slug, "--language", "en",
        )  # fmt: skip
    assert "figurer.csv" in str(err.value) and "PC-Axis" in str(err.value)
    assert not Observation.objects.exists()


def test_a_note_every_indicator_shares_is_stored_once_for_the_dataset(world):
    mapping = {
        "table_id": "TAB6471",
        "indicators": [
            {"code": "married", "value": {"Alder": "20-29", "Kon": "TotSa"}},
            {"code": "inmigrated_men_20", "value": {"Alder": "20-29", "Kon": "1"}},
        ],
    }
    for code in ("01", "03"):
        _area(code, AreaLevel.COUNTY)
    plan = open_records(
        ReadRequest(kind="scb", files=[FIXTURES / "TAB6471_data.json"], mapping=mapping)
    )
    records = [r for r in plan.records if r.area_code in {"01", "03"}]
    result = import_observations(
        records=records, owner=world, dataset_name="Folkmängd", source="SCB"
    )
    [note] = DatasetNote.objects.filter(dataset=result.dataset)
    assert note.indicator is None
    assert "Cell Key Method" in note.text  # TAB6471's mandatory notes, once
    assert "uppnådd ålder" in note.text  # and the mandatory note of its Alder dimension
