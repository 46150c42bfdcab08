"""Small builders for test data: each makes one thing with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count
from typing import Any

from grogrund.accounts.models import Membership, Organisation, Role, User, Visibility
from grogrund.areas.models import (
    Area,
    AreaLevel,
    Challenge,
    Dataset,
    Indicator,
    Observation,
)

_n = count(1)
RETRIEVED = datetime(2025, 3, 1, tzinfo=UTC)


def make_org(
    name: str | None = None, *, kind: str = "housing_company", in_network: bool = False
) -> Organisation:
    n = next(_n)
    name = name or f"Org {n}"
    return Organisation.objects.create(name=name, slug=f"org-{n}", kind=kind, in_network=in_network)


def make_user(
    org: Organisation | None = None,
    role: str = Role.EDITOR,
    *,
    username: str | None = None,
    language: str = "sv",
) -> User:
    user = User.objects.create_user(
        username=username or f"user{next(_n)}", password="pw-12345!", language=language
    )
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def make_area(
    code: str, level: str = AreaLevel.DESO, parent: Area | None = None, **kwargs: Any
) -> Area:
    return Area.objects.create(
        code=code, name=kwargs.pop("name", f"Area {code}"), level=level, parent=parent, **kwargs
    )


def make_indicator(code: str = "employment", **kwargs: Any) -> Indicator:
    defaults = {
        "name_sv": f"{code} sv",
        "name_en": f"{code} en",
        "unit": "andel",
        "kind": "share",
        "direction": "higher_is_better",
        "source": "SCB",
    }
    defaults.update(kwargs)
    return Indicator.objects.create(code=code, **defaults)


def make_dataset(
    owner: Organisation,
    name: str | None = None,
    visibility: str = Visibility.PRIVATE,
    **kwargs: Any,
) -> Dataset:
    return Dataset.objects.create(
        owner=owner,
        name=name or f"Dataset {next(_n)}",
        source=kwargs.pop("source", "SCB"),
        retrieved_at=RETRIEVED,
        visibility=visibility,
        **kwargs,
    )


def make_observation(
    dataset: Dataset,
    area: Area,
    indicator: Indicator,
    period: str,
    value: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
) -> Observation:
    if value is None and numerator is not None and denominator:
        value = numerator / denominator
    return Observation.objects.create(
        dataset=dataset,
        area=area,
        indicator=indicator,
        period=period,
        value=value,
        numerator=numerator,
        denominator=denominator,
        source=dataset.source,
        retrieved_at=RETRIEVED,
    )


def make_challenge(owner: Organisation, area: Area, **kwargs: Any) -> Challenge:
    return Challenge.objects.create(
        owner=owner, area=area, title=kwargs.pop("title", f"Challenge {next(_n)}"), **kwargs
    )


def make_custom_area(
    code: str, owner: Organisation, members: list[Area], *, is_public: bool = False, **kwargs: Any
) -> Area:
    area = make_area(code, AreaLevel.CUSTOM, owner=owner, is_public=is_public, **kwargs)
    area.members.set(members)
    return area


def make_municipality_with_desos(code: str = "9901", desos: int = 2) -> tuple[Area, list[Area]]:
    """A country → county → municipality chain with `desos` DeSOs in the municipality."""
    country = make_area(f"SE{code}", AreaLevel.COUNTRY, name=f"Sverige {code}")
    county = make_area(f"C{code}", AreaLevel.COUNTY, country, name=f"Län {code}")
    municipality = make_area(code, AreaLevel.MUNICIPALITY, county, name=f"Kommun {code}")
    parts = [
        make_area(f"{code}A{i:04d}", AreaLevel.DESO, municipality, name=f"DeSO {code}-{i}")
        for i in range(1, desos + 1)
    ]
    return municipality, parts


def api_token(user: User, access: str = "write") -> str:
    """The secret of a new API token of `user` (read and write unless `access="read"`)."""
    from grogrund.accounts.tokens import create_token

    return create_token(user=user, name="test", access=access).secret


def csv_file(
    tmp_path: Any,
    name: str,
    rows: list[str],
    header: str = "area;indicator;period;numerator;denominator",
) -> Any:
    """A semicolon-separated CSV in `tmp_path`; row 1 is the header, data from row 2."""
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def api_client(user: User | None = None) -> Any:
    """An API client that sends `Authorization: Token <key>` for `user` (none if None)."""
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def read_records(path: Any) -> Any:
    """ObservationRecords from a file with columns area, indicator, period, numerator,
    denominator (the layout `csv_file` writes), with the source "Egen"."""
    from grogrund.sources.tabular import ColumnMapping, read_table

    mapping = ColumnMapping(
        area_code="area",
        indicator_code="indicator",
        period="period",
        numerator="numerator",
        denominator="denominator",
        source="Egen",
    )
    return read_table(path, mapping)
