"""What an import would store, before anything is written: the first rows as they will be
stored (area and indicator matched, value in the indicator's unit) and the first error of the
whole file, with its file, row and column. Reads only."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from grogrund.accounts.access import area_visible_q
from grogrund.areas import import_checks
from grogrund.areas.models import Area, Indicator
from grogrund.areas.readers import ReadRequest, open_records
from grogrund.core.errors import user_message
from grogrund.core.numbers import format_number
from grogrund.sources.errors import SourceError
from grogrund.sources.records import ObservationRecord

PREVIEW_ROWS = 20


@dataclass
class PreviewRow:
    record: ObservationRecord
    area_name: str
    indicator_name: str
    unit: str
    value: float | None

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "–"
        return format_number(self.value, 0 if float(self.value).is_integer() else 4)


@dataclass
class Preview:
    rows: list[PreviewRow] = field(default_factory=list)
    total: int = 0
    error: str | None = None


def preview_import(*, request: ReadRequest, user: Any, limit: int = PREVIEW_ROWS) -> Preview:
    """Read the whole file as the import would (nothing is stored) and describe it."""
    preview = Preview()
    areas = dict(Area.objects.filter(area_visible_q(user)).values_list("code", "name"))
    indicators = {i.code: i for i in Indicator.objects.all()}
    checked: set[tuple[str, str]] = set()
    try:
        for record in open_records(request).records:
            preview.total += 1
            key = (record.area_code, record.indicator_code)
            if key not in checked:
                checked.add(key)
                _check_known(record, areas, indicators)
            if len(preview.rows) < limit:
                indicator = indicators[record.indicator_code]
                value = record.value
                if value is not None and record.scale != "unit":
                    value *= import_checks.scale_factor(record, indicator.kind)
                preview.rows.append(
                    PreviewRow(
                        record=record,
                        area_name=areas[record.area_code],
                        indicator_name=indicator.name,
                        unit=indicator.unit,
                        value=value,
                    )
                )
    except SourceError as err:
        preview.error = user_message(err)
    return preview


def _check_known(
    record: ObservationRecord, areas: dict[str, str], indicators: dict[str, Indicator]
) -> None:
    """The import's own messages for an area or indicator it would not know."""
    if record.area_code not in areas:
        raise import_checks.unknown_area(record)
    if record.indicator_code not in indicators:
        raise import_checks.unknown_indicator(record)


# ---------------------------------------------------------------------------------------
# Uploaded files waiting for "Importera": on disk (any process may confirm), keyed by a token
# kept in the user's session.


def pending_root() -> Path:
    root = getattr(settings, "IMPORT_UPLOAD_DIR", None)
    return Path(root) if root else Path(tempfile.gettempdir()) / "grogrund-imports"


def new_pending_folder() -> tuple[str, Path]:
    token = secrets.token_urlsafe(16)
    folder = pending_root() / token
    folder.mkdir(parents=True, exist_ok=False)
    return token, folder


def pending_folder(token: str) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    folder = pending_root() / token
    return folder if folder.is_dir() else None


def drop_pending(token: str) -> None:
    folder = pending_folder(token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
