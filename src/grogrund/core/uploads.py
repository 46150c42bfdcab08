"""Uploaded files written to disk under the name the user gave them, so that the readers'
messages name the user's own file ("figures.csv, row 3, column C")."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


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
