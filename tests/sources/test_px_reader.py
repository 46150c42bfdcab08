"""PC-Axis (.px) files read into the same Dataset as a PxWebApi response: codes, notes,
SCB's status symbols, Windows-1252 and UTF-8, the default language, and clear errors."""

import pytest

from grogrund.sources import ScbMapping, SourceError
from grogrund.sources.px import read_px
from grogrund.sources.scb import read_scb_file

from .http_fakes import FIXTURES

PX = FIXTURES / "px"
NILDOT = PX / "BE0101F1nildotsymbols.px"
DATASYMBOLS = PX / "BE0101F1datasymbols.px"


def test_real_file_dimensions_codes_and_time() -> None:
    dataset = read_px(NILDOT)
    assert dataset.id == ("region", "age", "period", "type", "sex")
    assert dataset.size == (4, 3, 1, 2, 2)
    assert dataset.dimension("region").codes == ("00", "01", "0114", "0115")
    # Windows-1252 ("ANSI") decoded: the label is SCB's, with its ä.
    assert dataset.dimension("region").label_of("0114") == "0114 Upplands Väsby"
    assert dataset.role["time"] == ["period"]
    assert dataset.role["metric"] == ["type"]
    assert dataset.table_id == "BE0101F1"
    assert dataset.dimension("region").elimination_code == "00"


def test_real_file_hand_checked_figures() -> None:
    dataset = read_px(NILDOT)
    # Row 0115 Vallentuna, age 22 (the last row): 20 23 33 35 =
    # inmigrated men, inmigrated women, outmigrated men, outmigrated women.
    assert dataset.value_at(region="0115", age="22", period="2003", type="BE0101F1", sex="2") == 23
    assert dataset.value_at(region="0115", age="22", period="2003", type="BE0101F2", sex="2") == 35
    # Row 01 Stockholm county, age 22: 924 "......" 672 906; row 0114, age 20: 14 "-" 22 43.
    assert dataset.value_at(region="01", age="22", period="2003", type="BE0101F2", sex="1") == 672
    assert dataset.value_at(region="0114", age="20", period="2003", type="BE0101F2", sex="2") == 43


def test_second_real_file_hand_checked_figures() -> None:
    dataset = read_px(DATASYMBOLS)
    assert dataset.id == ("region", "age", "period", "sex")
    assert dataset.value_at(region="00", age="20", period="2003", sex="1") == 456
    assert dataset.value_at(region="01", age="22", period="2003", sex="1") == 924
    assert dataset.value_at(region="0115", age="22", period="2003", sex="2") == 23
    assert dataset.dimension("sex").elimination  # ELIMINATION("sex")=YES


def test_status_symbols_are_missing_with_the_files_own_text_and_nil_is_zero() -> None:
    dataset = read_px(NILDOT)
    cell = {"region": "00", "age": "20", "period": "2003"}
    # First row: "-" "." ".." "..." with DATASYMBOLNIL="nothing", DATASYMBOL1="n.a." ...
    assert dataset.value_at(**cell, type="BE0101F1", sex="1") == 0
    assert dataset.value_at(**cell, type="BE0101F1", sex="2") is None
    assert dataset.status_at(**cell, type="BE0101F1", sex="2") == "n.a."
    assert dataset.status_at(**cell, type="BE0101F2", sex="1") == "unknown"
    assert dataset.status_at(**cell, type="BE0101F2", sex="2") == "hidden"


def test_mandatory_notes_are_kept_apart_from_the_others() -> None:
    dataset = read_px(NILDOT)
    assert dataset.mandatory_notes == ("Mandatory English note",)
    assert "Test English note" in dataset.notes
    assert dataset.dimension("region").mandatory_notes == ("Mandatory footnote for region.",)
    inmigrated = dataset.dimension("type").categories[0]
    # A note over several quoted lines is one text; "#" is a line break.
    assert inmigrated.mandatory_notes[0].startswith("Migration cannot be added with regard to")
    assert "municipalities are added" in inmigrated.mandatory_notes[0]
    assert "\nWith calcutating" in inmigrated.mandatory_notes[0]


def test_records_through_the_scb_mapping_carry_notes_and_status() -> None:
    mapping = ScbMapping.from_dict(
        {
            "table_id": "BE0101F1",
            "indicators": [
                {
                    "code": "inmigrated",
                    "value": {"type": "BE0101F1", "age": ["20", "21", "22"], "sex": ["1", "2"]},
                },
            ],
        }
    )
    records = {(r.area_code, r.period): r for r in read_scb_file(NILDOT, mapping)}
    # Vallentuna: ages 20–22, men and women inmigrated = 17+20 + 13+21 + 20+23 = 114.
    assert records[("0115", "2003")].value == 114
    assert records[("00", "2003")].value is None  # a "." cell in the sum
    assert records[("00", "2003")].status == "n.a."
    note = records[("0115", "2003")].note
    assert "Mandatory English note" in note and "Mandatory footnote for age." in note
    assert "Outmigrated" not in note  # the value note of a content not read


UTF8_MULTILINGUAL = """CHARSET="ANSI";
CODEPAGE="utf-8";
AXIS-VERSION="2013";
LANGUAGE="sv";
LANGUAGES="sv","en";
MATRIX="TAB9999";
TITLE="Medianinkomst efter region och år";
TITLE[en]="Median income by region and year";
CONTENTS="Medianinkomst, tkr";
UNITS="tkr";
UNITS[en]="SEK thousands";
STUB="region";
HEADING="år";
VARIABLECODE("region")="Region";
VARIABLECODE("år")="Tid";
VALUES("region")="0180 Stockholm","1480 Göteborg";
VALUES[en]("region")="0180 Stockholm","1480 Gothenburg";
VALUES("år")="2022","2023";
TIMEVAL("år")=TLIST(A1),"2022","2023";
CODES("region")="0180","1480";
CODES("år")="2022","2023";
NOTEX="Inkomst avser sammanräknad förvärvsinkomst.";
NOTEX[en]="Income means total earned income.";
DATA=
312.4 320.1
"..", 301.0;
"""


def test_utf8_file_in_two_languages_is_read_in_its_default_language(tmp_path) -> None:
    path = tmp_path / "inkomst.px"
    path.write_text(UTF8_MULTILINGUAL, encoding="utf-8")
    dataset = read_px(path)
    assert dataset.id == ("Region", "Tid")  # VARIABLECODE names the dimensions
    assert dataset.dimension("Region").label_of("1480") == "1480 Göteborg"
    assert dataset.mandatory_notes == ("Inkomst avser sammanräknad förvärvsinkomst.",)
    assert dataset.label == "Medianinkomst efter region och år"
    assert dataset.value_at(Region="1480", Tid="2023") == 301.0
    assert dataset.status_at(Region="1480", Tid="2022") == ".."


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('STUB="a";\nVALUES("a")="x","y";\nDATA=\n1;\n', "DATA has 1 figures"),
        ('STUB="a";\nVALUES("a")="x";\nDATA=\n1,5;\n', "DATA has 2 figures"),
        ('STUB="a";\nVALUES("a")="x";\nDATA=\nabc;\n', "'abc'"),
        ('STUB="a";\nVALUES("a")="x";\n', "no DATA= part"),
        ('STUB="a";\nVALUES("a")="x","y";\nCODES("a")="1";\nDATA=\n1 2;\n', "2 VALUES but 1 CODES"),
        ('TITLE="t";\nDATA=\n1;\n', "neither STUB nor HEADING"),
    ],
)
def test_bad_files_name_the_file_and_what_to_do(tmp_path, text, says) -> None:
    path = tmp_path / "tabell.px"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_px(path)
    assert "tabell.px" in err.value.message
    assert says in err.value.message
    assert "PC-Axis" in err.value.message
