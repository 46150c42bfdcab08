"""Kolada v3 (https://api.kolada.se/v3): municipal key figures (KPIs) as ObservationRecords.

Response shape of GET /data/kpi/{kpi}/municipality/{ids}/year/{years}:
{"count": N, "values": [{"kpi": "N15428", "municipality": "0138", "period": 2023,
 "values": [{"count": 1, "gender": "T", "status": "", "value": 74.1}, ...]}],
 "next_url": url-or-null, "previous_url": url-or-null}. Pages hold at most 5,000 items and
are linked by `next_url` (v3's field; `next_page`, which an older note of ours named, is still
followed for responses saved by earlier versions of Grogrund).

Gender: every figure comes as T (total), K (women) and M (men) where Kolada divides it; one
gender is read (T by default). A value Kolada flags as deleted (`isdeleted: true`, on the
item or on one gender's value) is skipped: it is no figure. Kolada publishes shares in
percent ("Andel (%)": 74.1 means 74,1 %), so every record carries the scale
`percent_for_shares`: the import brings a share or rate indicator to 0–1 and leaves counts,
money and means as they are (sources.scales).

Area codes: a municipality is its 4-digit code, the same as SCB's. Kolada writes the whole
country as "0000" and regions (counties) as "00" + county code; they are stored as SCB's
"00" and "01"–"25" so that the same area has the same code whichever source it came from.
Organisational units (Kolada `ou/` ids, e.g. single schools) are out of scope here.
A null value keeps its Kolada status and is stored as missing, never as zero.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import requests

from ._http import RateLimiter, RetryPolicy, Session, Sleep, request_json
from .errors import SourceError, gettext_noop
from .personal_numbers import check_json, check_row
from .records import Location, ObservationRecord

KOLADA_BASE_URL = "https://api.kolada.se/v3"
KOLADA_SOURCE = "Kolada"
SERVICE = "Kolada"
DEFAULT_GENDER = "T"  # T = total, K = women, M = men
GENDERS = ("T", "K", "M")
KOLADA_SCALE = "percent_for_shares"  # sources.scales: Kolada's shares are in percent
# Kolada publishes no limit; stay polite.
DEFAULT_MAX_CALLS_PER_WINDOW = 5
DEFAULT_TIME_WINDOW_SECONDS = 1.0


def kolada_area_code(municipality: str) -> str:
    """Kolada's area id as an SCB-style code: "0000" → "00", "0001" → "01", "0138" → "0138"."""
    code = municipality.strip()
    if len(code) == 4 and code.startswith("00"):
        return code[2:]
    return code


def _bad_shape(file: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(file)s is not a Kolada v3 data response (%(reason)s). Save the response of "
            "/v3/data/kpi/... again without changing it."
        ),
        {"reason": reason},
        Location(file=file),
        code="invalid_kolada",
    )


def check_gender(gender: str) -> str:
    """T, K or M (upper case), or a SourceError that lists them."""
    g = str(gender).strip().upper()
    if g not in GENDERS:
        raise SourceError(
            gettext_noop(
                "Unknown Kolada gender '%(gender)s'. Use T (total), K (women) or M (men)."
            ),
            {"gender": str(gender)[:10]},
            Location(file="Kolada"),
            code="invalid_gender",
        )
    return g


def _deleted(entry: Mapping[str, Any]) -> bool:
    flag = entry.get("isdeleted")
    return flag is True or (isinstance(flag, str) and flag.strip().lower() in {"true", "1"})


def _number(raw: Any, location: Location) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _not_a_number(raw, location)
    try:
        return float(raw)
    except ValueError:
        raise _not_a_number(raw, location) from None


def _not_a_number(raw: Any, location: Location) -> SourceError:
    return SourceError(
        gettext_noop(
            "'%(value)s' in %(file)s, item %(row)s is not a number. Save the Kolada response "
            "again without changing it."
        ),
        {"value": str(raw)[:40]},
        location,
        code="not_a_number",
    )


def parse_page(
    payload: Any, *, file: str, gender: str = DEFAULT_GENDER
) -> Iterator[ObservationRecord]:
    """ObservationRecords for one page (one `values` list) of a Kolada data response."""
    gender = check_gender(gender)
    if not isinstance(payload, Mapping) or not isinstance(payload.get("values"), list):
        raise _bad_shape(file, "no 'values' list")
    check_json(payload, file=file)  # every string field, not only those read below
    for row, item in enumerate(payload["values"], start=1):
        location = Location(file=file, row=row, field="values")
        if not isinstance(item, Mapping) or "kpi" not in item or "period" not in item:
            raise _bad_shape(file, f"item {row} lacks kpi or period")
        area = item.get("municipality")
        if area is None:
            raise _bad_shape(file, f"item {row} has no municipality (ou data is not supported)")
        if _deleted(item):
            continue
        kpi, area_text, period = str(item["kpi"]), str(area), str(item["period"])
        for entry in item.get("values") or []:
            if not isinstance(entry, Mapping):
                raise _bad_shape(file, f"item {row} has a value that is not an object")
            if entry.get("gender") != gender or _deleted(entry):
                continue
            status = str(entry.get("status") or "")
            # No personal number may enter through a source either (mission: aggregate only).
            check_row(
                (kpi, area_text, period, status),
                file=file,
                row=row,
                columns=("kpi", "municipality", "period", "status"),
            )
            value = _number(entry.get("value"), location)
            yield ObservationRecord(
                area_code=kolada_area_code(area_text),
                indicator_code=kpi,
                period=period,
                value=value,
                numerator=None,
                denominator=None,
                source=KOLADA_SOURCE,
                location=location,
                status=status if value is not None or status else "missing",
                scale=KOLADA_SCALE,
            )


def read_kolada_file(
    path: str | Path, *, gender: str = DEFAULT_GENDER
) -> Iterator[ObservationRecord]:
    """ObservationRecords from a saved Kolada response (one page, or a JSON list of pages)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad_shape(path.name, str(exc)) from exc
    pages = data if isinstance(data, list) else [data]
    for page in pages:
        yield from parse_page(page, file=path.name, gender=gender)


def _next(payload: Any) -> str | None:
    if not isinstance(payload, Mapping):
        return None
    following = payload.get("next_url") or payload.get("next_page")
    return following if isinstance(following, str) and following else None


def _join(items: Sequence[str | int]) -> str:
    return ",".join(str(i) for i in items)


class KoladaClient:
    def __init__(
        self,
        base_url: str = KOLADA_BASE_URL,
        *,
        session: Session | None = None,
        retry: RetryPolicy | None = None,
        clock: Any = time.monotonic,
        sleep: Sleep = time.sleep,
        timeout: float = 60.0,
        max_pages: int = 10_000,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session: Session = (
            session if session is not None else cast(Session, requests.Session())
        )
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self.max_pages = max_pages
        self._sleep = sleep
        self.limiter = RateLimiter(
            DEFAULT_MAX_CALLS_PER_WINDOW, DEFAULT_TIME_WINDOW_SECONDS, clock=clock, sleep=sleep
        )

    def pages(self, url: str) -> Iterator[tuple[str, Any]]:
        """Each page of a response, following `next_url` until it is null (or `next_page`,
        the field of responses saved by earlier versions)."""
        next_url: str | None = url
        visited: set[str] = set()
        while next_url:
            visited.add(next_url)
            payload = request_json(
                self.session,
                "GET",
                next_url,
                service=SERVICE,
                limiter=self.limiter,
                retry=self.retry,
                sleep=self._sleep,
                timeout=self.timeout,
            )
            yield next_url, payload
            following = _next(payload)
            if following in visited or len(visited) >= self.max_pages:
                break  # a server that points at a page again must not loop us forever
            next_url = following

    def data(
        self,
        kpis: Sequence[str],
        municipalities: Sequence[str],
        years: Sequence[int | str],
        *,
        gender: str = DEFAULT_GENDER,
    ) -> Iterator[ObservationRecord]:
        """ObservationRecords for kpis × municipalities × years (gender T by default)."""
        url = (
            f"{self.base_url}/data/kpi/{_join(kpis)}/municipality/{_join(municipalities)}"
            f"/year/{_join(years)}"
        )
        for page_url, payload in self.pages(url):
            yield from parse_page(payload, file=page_url, gender=gender)
