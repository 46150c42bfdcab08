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


def make_org(name: str | None = None, *, kind: str = "housing_company",
             in_network: bool = False) -> Organisation:
    n = next(_n)
    name = name or f"Org {n}"
    return Organisation.objects.create(name=name, slug=f"org-{n}", kind=kind,
                                       in_network=in_network)


def make_user(org: Organisation | None = None, role: str = Role.EDITOR, *,
              username: str | None = None, language: str = "sv") -> User:
    user = User.objects.create_user(username=username or f"user{next(_n)}", password="pw-12345!",
                                    language=language)
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def make_area(code: str, level: str = AreaLevel.DESO, parent: Area | None = None,
              **kwargs: Any) -> Area:
    return Area.objects.create(code=code, name=kwargs.pop("name", f"Area {code}"), level=level,
                               parent=parent, **kwargs)


def make_indicator(code: str = "employment", **kwargs: Any) -> Indicator:
    defaults = {"name_sv": f"{code} sv", "name_en": f"{code} en", "unit": "andel",
                "kind": "share", "direction": "higher_is_better", "source": "SCB"}
    defaults.update(kwargs)
    return Indicator.objects.create(code=code, **defaults)


def make_dataset(owner: Organisation, name: str | None = None,
                 visibility: str = Visibility.PRIVATE, **kwargs: Any) -> Dataset:
    return Dataset.objects.create(owner=owner, name=name or f"Dataset {next(_n)}",
                                  source=kwargs.pop("source", "SCB"), retrieved_at=RETRIEVED,
                                  visibility=visibility, **kwargs)


def make_observation(dataset: Dataset, area: Area, indicator: Indicator, period: str,
                     value: float | None = None, numerator: float | None = None,
                     denominator: float | None = None) -> Observation:
    if value is None and numerator is not None and denominator:
        value = numerator / denominator
    return Observation.objects.create(dataset=dataset, area=area, indicator=indicator,
                                      period=period, value=value, numerator=numerator,
                                      denominator=denominator, source=dataset.source,
                                      retrieved_at=RETRIEVED)


def make_challenge(owner: Organisation, area: Area, **kwargs: Any) -> Challenge:
    return Challenge.objects.create(owner=owner, area=area,
                                    title=kwargs.pop("title", f"Challenge {next(_n)}"), **kwargs)
