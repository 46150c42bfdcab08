"""In every export and language each column has its own header (in Swedish "Goal" and
"Target" are both "Mål": a file with two columns "Mål" could not be read back by its headers),
and the JSON keys are the same in every language."""

from __future__ import annotations

import pytest
from django.utils import translation

from builders import make_area, make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.areas.exports import profile_export
from grogrund.areas.models import AreaLevel
from grogrund.core.exports import header, to_json
from grogrund.initiatives.exports import portfolio_export
from grogrund.partnerships.exports import budget_export
from grogrund.programmes.exports import follow_up_export
from programmes.programme_builders import make_programme

pytestmark = pytest.mark.django_db


def _exports():
    owner = make_org("A")
    city = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=city, name="Testby")
    indicator = make_indicator("employment")
    ds = make_dataset(owner)
    make_observation(ds, deso, indicator, "2024", numerator=5, denominator=10)
    programme = make_programme(owner, [deso])
    user = make_user(owner)
    return [
        lambda: profile_export(deso, user),
        lambda: follow_up_export(programme),
        lambda: portfolio_export(programme),
        lambda: budget_export(user, programme),
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_header_is_unique_within_its_table(language):
    for build in _exports():
        with translation.override(language):
            export = build()
        for table in export.tables:
            for target in ("xlsx", "csv"):
                headers = [header(c, target) for c in table.columns if target in c.formats]
                repeated = {h for h in headers if headers.count(h) > 1}
                assert not repeated, f"{export.kind} {table.key} ({language}): {repeated}"


def test_json_keys_do_not_depend_on_the_language():
    for build in _exports():
        with translation.override("sv"):
            sv = to_json(build())
        with translation.override("en"):
            en = to_json(build())
        for a, b in zip(sv["tables"], en["tables"], strict=True):
            assert a["key"] == b["key"]
            assert [c["key"] for c in a["columns"]] == [c["key"] for c in b["columns"]]
