"""Uploaded files: checked for kind and size before they are read, and written to disk under
the name the user gave them, so that the readers' messages name the user's own file
("figures.csv, row 3, column C")."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

NOT_A_TABLE = _(
    "%(name)s is neither a CSV nor an XLSX file. Save the sheet as CSV (UTF-8) or Excel "
    "workbook (.xlsx) and try again."
)


def checked_upload(
    upload: Any, suffixes: tuple[str, ...], *, wrong_kind: Any, too_large: Any
) -> Any:
    """An uploaded file whose name ends in one of `suffixes` and that is small enough for a web
    upload; the messages (`wrong_kind` naming %(name)s) say what to do instead."""
    if not upload.name.lower().endswith(suffixes):
        raise forms.ValidationError(wrong_kind, params={"name": upload.name})
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(too_large)
    return upload


def save_upload(upload: Any, folder: Path, default_name: str) -> Path:
    """Write `upload` (a Django UploadedFile) into `folder` under its own name."""
    path = folder / (Path(upload.name).name or default_name)
    with path.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return path


@contextmanager
def upload_on_disk(upload: Any, default_name: str) -> Iterator[Path]:
    """The upload in a private temporary folder, removed when the block ends."""
    with tempfile.TemporaryDirectory() as tmp:
        yield save_upload(upload, Path(tmp), default_name)
