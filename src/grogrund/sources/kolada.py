"""Kolada v3 (https://api.kolada.se/v3): municipal key figures (KPIs) as ObservationRecords.

Response shape of GET /data/kpi/{kpi}/municipality/{ids}/year/{years}:
{"count": N, "values": [{"kpi": "N15428", "municipality": "0138", "period": 2023,
 "values": [{"count": 1, "gender": "T", "status": "", "value": 74.1}, ...]}],
 "next_page": url-or-null}. Pages hold at most 5,000 items; `next_page` is followed.

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
from .records import Location, ObservationRecord

KOLADA_BASE_URL = "https://api.kolada.se/v3"
KOLADA_SOURCE = "Kolada"
SERVICE = "Kolada"
DEFAULT_GENDER = "T"  # T = total, K = women, M = men
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


def parse_page(
    payload: Any, *, file: str, gender: str = DEFAULT_GENDER
) -> Iterator[ObservationRecord]:
    """ObservationRecords for one page (one `values` list) of a Kolada data response."""
    if not isinstance(payload, Mapping) or not isinstance(payload.get("values"), list):
        raise _bad_shape(file, "no 'values' list")
    for row, item in enumerate(payload["values"], start=1):
        location = Location(file=file, row=row, field="values")
        if not isinstance(item, Mapping) or "kpi" not in item or "period" not in item:
            raise _bad_shape(file, f"item {row} lacks kpi or period")
        area = item.get("municipality")
        if area is None:
            raise _bad_shape(file, f"item {row} has no municipality (ou data is not supported)")
        for entry in item.get("values") or []:
            if entry.get("gender") != gender:
                continue
            raw = entry.get("value")
            value = None if raw is None else float(raw)
            status = str(entry.get("status") or "")
            yield ObservationRecord(
                area_code=kolada_area_code(str(area)),
                indicator_code=str(item["kpi"]),
                period=str(item["period"]),
                value=value,
                numerator=None,
                denominator=None,
                source=KOLADA_SOURCE,
                location=location,
                status=status if value is not None or status else "missing",
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
        """Each page of a response, following `next_page` until it is null."""
        next_url: str | None = url
        seen = 0
        while next_url:
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
            seen += 1
            following = payload.get("next_page") if isinstance(payload, Mapping) else None
            if following == next_url or seen >= self.max_pages:
                break  # a server that points at the same page again must not loop us forever
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
