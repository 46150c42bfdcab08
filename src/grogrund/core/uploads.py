"""Uploaded files: checked for kind and size before they are read, and written to disk under
the name the user gave them, so that the readers' messages name the user's own file
("figures.csv, row 3, column C")."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grogrund.core.server_errors import error_response

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


#: Room for the form's other fields and the multipart headers beside the file itself.
FORM_OVERHEAD_BYTES = 1024 * 1024


def body_limit() -> int:
    return int(settings.IMPORT_MAX_UPLOAD_BYTES) + FORM_OVERHEAD_BYTES


class UploadLimitMiddleware:
    """Refuse a request whose declared body is larger than the upload limit with 413, before a
    byte of it is read, so a 5 GB upload costs neither memory, disk nor time. (Django reads no
    body without a Content-Length, so a body cannot slip past by leaving it out.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared <= body_limit():
            return self.get_response(request)
        megabytes = settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)
        message = gettext(
            "The file is larger than the %(limit)s MB Grogrund accepts in one upload. Split it "
            "into smaller files, or ask your administrator to import it from the command line."
        ) % {"limit": megabytes}
        response = error_response(request, 413, gettext("The file is too large"), message)
        # The unread body must not be taken for the next request on a kept-alive connection.
        # Django's development server (wsgiref) refuses hop-by-hop headers from the
        # application and answers 500 instead, so there it is left out; gunicorn takes it.
        if not request.META.get("SERVER_SOFTWARE", "").startswith("WSGIServer"):
            response["Connection"] = "close"
        return response
