"""Unknown area or indicator codes stop the import with a message naming the code and row."""

import pytest
from django.utils import translation

from builders import csv_file, make_custom_area, make_org
from builders import read_records as read
from grogrund.areas.models import Area, Observation
from grogrund.areas.services import import_observations
from grogrund.core.errors import user_message
from grogrund.sources.errors import SourceError


def _fails(org, tmp_path, rows, user=None):
    with pytest.raises(SourceError) as caught:
        import_observations(
            records=read(csv_file(tmp_path, "fil.csv", rows)),
            owner=org,
            dataset_name="Exempel",
            source="Egen",
            user=user,
        )
    assert Observation.objects.count() == 0
    with translation.override("sv"):
        return caught.value.code, user_message(caught.value)


def test_an_unknown_area_code_is_named(catalogue, tmp_path):
    code, message = _fails(
        catalogue, tmp_path, ["9901A0010;employment;2024;1;2", "9999X0000;employment;2024;1;2"]
    )
    assert code == "unknown_area"
    assert "9999X0000" in message and "rad 3" in message


def test_an_unknown_indicator_code_is_named(catalogue, tmp_path):
    code, message = _fails(catalogue, tmp_path, ["9901A0010;lycka;2024;1;2"])
    assert code == "unknown_indicator"
    assert "lycka" in message and "rad 2" in message


def test_another_organisations_private_custom_area_is_unknown(catalogue, tmp_path):
    from builders import make_user

    make_custom_area("deras-omrade", make_org(), list(Area.objects.filter(level="deso")))
    user = make_user(catalogue)
    code, _message = _fails(catalogue, tmp_path, ["deras-omrade;employment;2024;1;2"], user)
    assert code == "unknown_area"


def test_the_same_cell_twice_in_one_file_is_named_with_both_rows(catalogue, tmp_path):
    code, message = _fails(
        catalogue, tmp_path, ["9901A0010;employment;2024;1;2", "9901A0010;employment;2024;1;3"]
    )
    assert code == "duplicate_row"
    assert "rad 3" in message and "rad 2" in message
