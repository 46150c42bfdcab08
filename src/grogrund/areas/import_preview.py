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
# Uploaded files waiting for "Importera", keyed by a token kept in the user's session. The
# request reads the upload in a local work folder (IMPORT_UPLOAD_DIR/<token>); a previewed file
# is also kept in Django's default storage (`imports/pending/<token>/`: the media folder, or the
# S3 bucket several machines share), so the confirmation may reach any process on any machine.
# Previews nobody confirms are removed after PENDING_HOURS, when the next upload is kept.

PENDING_PREFIX = "imports/pending"
PENDING_HOURS = 24


def pending_root() -> Path:
    root = getattr(settings, "IMPORT_UPLOAD_DIR", None)
    return Path(root) if root else Path(tempfile.gettempdir()) / "grogrund-imports"


def _valid(token: str) -> bool:
    return bool(token) and token.replace("-", "").replace("_", "").isalnum()


def new_pending_folder() -> tuple[str, Path]:
    token = secrets.token_urlsafe(16)
    folder = pending_root() / token
    folder.mkdir(parents=True, exist_ok=False)
    return token, folder


def keep_pending(token: str, folder: Path) -> None:
    """Keep the files of a previewed upload in the shared storage until it is confirmed."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    drop_stale_pending()
    for path in sorted(folder.iterdir()):
        with path.open("rb") as f:
            default_storage.save(f"{PENDING_PREFIX}/{token}/{path.name}", File(f, name=path.name))


def pending_folder(token: str) -> Path | None:
    """The local folder of a kept upload, fetched from the shared storage when this process
    has not seen it (another process or machine made the preview)."""
    from django.core.files.storage import default_storage

    if not _valid(token):
        return None
    folder = pending_root() / token
    if folder.is_dir():
        return folder
    stored = f"{PENDING_PREFIX}/{token}"
    try:
        _dirs, names = default_storage.listdir(stored)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not names:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        with (
            default_storage.open(f"{stored}/{name}", "rb") as src,
            (folder / name).open("wb") as dst,
        ):
            shutil.copyfileobj(src, dst)
    return folder


def drop_pending(token: str) -> None:
    """Remove a kept upload everywhere: the local work folder and the shared storage."""
    from django.core.files.storage import default_storage

    if not _valid(token):
        return
    shutil.rmtree(pending_root() / token, ignore_errors=True)
    stored = f"{PENDING_PREFIX}/{token}"
    try:
        _dirs, names = default_storage.listdir(stored)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in names:
        default_storage.delete(f"{stored}/{name}")
    _remove_empty_folder(stored)


def drop_stale_pending(*, older_than_hours: float = PENDING_HOURS) -> int:
    """Remove previews nobody confirmed within `older_than_hours`; the number removed."""
    import datetime as dt

    from django.core.files.storage import default_storage
    from django.utils import timezone

    cutoff = timezone.now() - dt.timedelta(hours=older_than_hours)
    try:
        tokens, _files = default_storage.listdir(PENDING_PREFIX)
    except (FileNotFoundError, NotADirectoryError):
        tokens = []
    removed = 0
    for token in tokens:
        stored = f"{PENDING_PREFIX}/{token}"
        try:
            _dirs, names = default_storage.listdir(stored)
        except (FileNotFoundError, NotADirectoryError):
            continue
        times = [default_storage.get_modified_time(f"{stored}/{n}") for n in names]
        if not times or max(times) < cutoff:
            drop_pending(token)
            removed += 1
    # Local work folders of previews confirmed elsewhere, or of a process that stopped.
    root = pending_root()
    if root.is_dir():
        for folder in root.iterdir():
            modified = dt.datetime.fromtimestamp(folder.stat().st_mtime, tz=dt.UTC)
            if folder.is_dir() and modified < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
    return removed


def _remove_empty_folder(stored: str) -> None:
    """FileSystemStorage leaves the empty folder behind (object stores have none)."""
    from django.core.files.storage import FileSystemStorage, default_storage

    if isinstance(default_storage, FileSystemStorage):
        try:
            Path(default_storage.path(stored)).rmdir()
        except OSError:
            pass
