"""A large boundary file uploaded on the web is imported in the background (grogrund.jobs):
all of Sweden's DeSO take longer to simplify than a web request may last.

The upload is put in the default storage (shared by every app process and worker) under
`imports/boundaries/`, and a job carries its name and the form's choices. The job reads and
imports the file as the person who uploaded it (their right to manage boundaries checked
again when it runs), reports progress while reading and while simplifying, and removes the
file when it has finished, whether the import succeeded or the file was refused. A file left
behind by a job that was interrupted and never run again is removed by `remove_stale_uploads`,
which every worker runs at start.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from grogrund.accounts.access import can_manage_boundaries, member_org_ids, org_ids_with_role
from grogrund.accounts.models import Organisation, OrganisationKind, Role
from grogrund.areas.boundaries import import_boundaries
from grogrund.jobs.models import PENDING, Job, JobKind
from grogrund.sources.boundaries import read_boundaries
from grogrund.sources.errors import SourceError, gettext_noop

JOB_KIND = JobKind.BOUNDARIES.value
FOLDER = "imports/boundaries"

#: An upload in the folder that no queued or running job names, and older than this, was left
#: by a job that stopped for good (a young one may belong to a job being queued now).
STALE_AFTER_SECONDS = 24 * 3600.0

NOT_ALLOWED_ANY_MORE = gettext_noop(
    "The boundaries were not imported: the person who uploaded %(file)s may no longer import "
    "boundaries (job %(job)s). Nothing was stored; an administrator of the national network "
    "can upload the file again."
)
FILE_GONE = gettext_noop(
    "The uploaded file %(file)s is no longer there (job %(job)s). Nothing was stored; upload "
    "the file again."
)


def in_background(upload: Any) -> bool:
    """Whether an upload is large enough to be imported by a worker rather than at once."""
    return int(upload.size) > int(settings.BOUNDARY_BACKGROUND_BYTES)


def job_owner(user: Any) -> Organisation | None:
    """The organisation a boundary job is listed under: the network organisation the user
    administers, else any organisation the user belongs to (a superuser may belong to none,
    and the import then runs at once)."""
    admin_of = org_ids_with_role(user, Role.ADMIN)
    network = Organisation.objects.filter(id__in=admin_of, kind=OrganisationKind.NETWORK)
    return network.order_by("pk").first() or (
        Organisation.objects.filter(id__in=member_org_ids(user)).order_by("pk").first()
    )


def enqueue_boundary_import(
    *,
    user: Any,
    owner: Organisation,
    upload: Any,
    level: str | None,
    layer: str | None,
    source: str,
    retrieved_on: dt.date,
    edition: str,
) -> Job:
    """Store the upload and queue its import; the job to follow."""
    from grogrund.jobs import services as jobs

    name = Path(upload.name).name or "boundaries.gpkg"
    stored = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}/{name}", upload)
    parameters = {
        "stored": stored,
        "file": name,
        "level": level or "",
        "layer": layer or "",
        "source": source,
        "retrieved": retrieved_on.isoformat(),
        "edition": edition,
    }
    try:
        return jobs.enqueue(
            owner=owner, user=user, kind=JOB_KIND, parameters=parameters, key=f"boundaries:{stored}"
        )
    except BaseException:
        default_storage.delete(stored)
        raise


def run_boundary_job(*, job: Job, progress: Any) -> dict[str, Any]:
    """The job handler: read and import the stored upload as the person who uploaded it."""
    p = job.parameters
    stored, name = p["stored"], p["file"]
    user = job.created_by
    try:
        if user is None or not user.is_active or not can_manage_boundaries(user):
            raise SourceError(NOT_ALLOWED_ANY_MORE, {"file": name, "job": job.pk})
        if not default_storage.exists(stored):
            raise SourceError(FILE_GONE, {"file": name, "job": job.pk})
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            with default_storage.open(stored, "rb") as src, path.open("wb") as dst:
                for chunk in iter(lambda: src.read(1024 * 1024), b""):
                    dst.write(chunk)
            read = _Counter(progress, total=0, text=gettext_noop("reading"))
            boundaries = read_boundaries(
                path,
                level=p["level"] or None,
                layer=p["layer"] or None,
                file_name=name,
                on_progress=read,
            )
            total = len(boundaries.features)
            simplified = _Counter(progress, total=total, text=gettext_noop("simplifying"))
            result = import_boundaries(
                boundaries=boundaries,
                source=p["source"],
                retrieved_on=dt.date.fromisoformat(p["retrieved"]),
                user=user,
                edition=p["edition"],
                on_progress=simplified,
            )
    except Exception:
        # A refused file or an unexpected error ends the job, and the upload goes with it; an
        # interruption (a worker told to stop) keeps it for the job's next run.
        _delete(stored)
        raise
    _delete(stored)
    return {
        "file": result.file,
        "level": result.level,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "converted_from": result.converted_from,
        "boundaries_url": reverse("areas:boundaries"),
    }


def _delete(stored: str) -> None:
    """Remove an upload and, in a storage on this machine's disk, its emptied folder."""
    default_storage.delete(stored)
    try:
        Path(default_storage.path(stored)).parent.rmdir()
    except (NotImplementedError, OSError):
        pass


class _Counter:
    """Turns the readers' "n more done" reports into the job's "done of total"."""

    def __init__(self, progress: Any, *, total: int, text: str) -> None:
        self.progress, self.total, self.text, self.done = progress, total, text, 0

    def __call__(self, n: int) -> None:
        from django.utils.translation import gettext

        self.done += n
        self.progress(self.done, self.total, gettext(self.text))


def remove_stale_uploads(*, older_than_seconds: float = STALE_AFTER_SECONDS) -> list[str]:
    """Remove the uploads under `imports/boundaries/` that no queued or running job names and
    that are older than `older_than_seconds`; the names removed."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    pending = {
        str(params.get("stored"))
        for params in Job.objects.filter(kind=JOB_KIND, status__in=PENDING).values_list(
            "parameters", flat=True
        )
    }
    removed: list[str] = []
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return removed
    for folder in folders:
        _sub, files = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in files:
            path = f"{FOLDER}/{folder}/{name}"
            if path not in pending and default_storage.get_modified_time(path) < cutoff:
                _delete(path)
                removed.append(path)
    return removed
