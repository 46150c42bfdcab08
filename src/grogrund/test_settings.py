"""Settings for the test suite: production settings with HTTPS redirects and hashing eased."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECURE", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

from grogrund.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Previewed uploads wait in a folder of the test run's own, not the project's var/.
IMPORT_UPLOAD_DIR = Path(tempfile.mkdtemp(prefix="grogrund-test-imports-"))
# Stored files (reports, evidence, previewed uploads kept for another process) likewise.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="grogrund-test-media-"))
