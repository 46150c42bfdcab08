"""A previewed upload waits in Django's default storage (the media folder, or the S3 bucket
several machines share), so "Importera" works in whichever process or machine receives it;
the upload is removed once imported, and previews nobody confirms are removed after a day."""

import datetime as dt
import os
import shutil

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from test_import_preview import _post, halland  # noqa: F401  (the fixture)

from builders import make_user
from grogrund.areas.import_preview import (
    PENDING_PREFIX,
    drop_stale_pending,
    pending_root,
)
from grogrund.areas.models import Observation


def _stored(token: str) -> list[str]:
    try:
        return default_storage.listdir(f"{PENDING_PREFIX}/{token}")[1]
    except FileNotFoundError:
        return []


def test_a_preview_confirmed_on_another_machine_imports_the_file(halland, client) -> None:  # noqa: F811
    client.force_login(make_user(halland))
    token = _post(client, halland, "preview").context["token"]
    assert _stored(token), "the previewed file is kept in the shared storage"
    # Another machine: its own work folder has never seen the file.
    shutil.rmtree(pending_root() / token)
    response = client.post("/omraden/import/bekrafta/", {"token": token})
    assert response.context["result"].created == 24
    assert Observation.objects.count() == 24
    # Imported: kept nowhere any more.
    assert not _stored(token)
    assert not (pending_root() / token).exists()


def _kept_tokens() -> set[str]:
    try:
        return set(default_storage.listdir(PENDING_PREFIX)[0])
    except FileNotFoundError:
        return set()


def test_a_preview_with_an_error_is_not_kept(halland, client) -> None:  # noqa: F811
    client.force_login(make_user(halland))
    before = _kept_tokens()  # other tests' previews in this process may wait there
    response = _post(client, halland, "preview", filters="Region = Stockholm")
    assert response.context["preview"].error
    assert response.context["token"] == ""
    assert _kept_tokens() == before


def test_previews_nobody_confirms_are_removed_after_a_day(db) -> None:
    old = default_storage.save(f"{PENDING_PREFIX}/oldtoken/upload.csv", ContentFile(b"a;b\n"))
    new = default_storage.save(f"{PENDING_PREFIX}/newtoken/upload.csv", ContentFile(b"a;b\n"))
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(os.path.join(settings.MEDIA_ROOT, old), (two_days_ago, two_days_ago))
    local = pending_root() / "oldlocal"
    local.mkdir(parents=True)
    os.utime(local, (two_days_ago, two_days_ago))

    assert drop_stale_pending() == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(new)
    assert not local.exists()
    default_storage.delete(new)
