"""Django settings, read from environment variables.

Every setting that differs between a laptop and a deployment comes from the environment:
DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS (and a few optional ones below).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


DEBUG = env_bool("DEBUG", False)
# The public development key signs sessions only with DEBUG on (`make demo`). Without DEBUG a
# missing SECRET_KEY stops the server: anyone could forge sessions signed with a public key.
_DEV_SECRET = "django-insecure-development-key-set-SECRET_KEY-in-production"
SECRET_KEY = env_str("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the environment variable SECRET_KEY to a long random "
            "value (for example the output of: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or DEBUG=1 on a development machine."
        )
    SECRET_KEY = _DEV_SECRET
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Production hardening: on unless DEBUG, so `manage.py check --deploy` is clean in production.
SECURE = not DEBUG and env_bool("SECURE", True)
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = SECURE and env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Load balancers and container health checks ask over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
X_FRAME_OPTIONS = "DENY"
# Security headers, sessions, login lockout, API tokens and e-mail: see docs/security.md.
SECURE_REFERRER_POLICY = "same-origin"
# Features no page of Grogrund uses, switched off for every page and anything it embeds
# (sent by grogrund.accounts.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = env_str(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
)
# No inline script or style anywhere (htmx's indicator styles are off, see base.html), so an
# injected <script> or style attribute does nothing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Django's database sessions, read with one plain statement (grogrund.accounts.sessions).
SESSION_ENGINE = "grogrund.accounts.sessions"
# A signed-in session lasts a working day (seconds), and optionally only until the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES; the site and the admin
# alike. Every attempt, good or bad, is kept (axes' access log and failure log).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "grogrund.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "grogrund.accounts.security.client_ip"
# Behind a reverse proxy (BEHIND_PROXY=1) the visitor's address is the one the nearest
# TRUSTED_PROXY_COUNT proxies appended to X-Forwarded-For; anything further left the visitor
# could have written. Without a proxy, the connection's own address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
AUTHENTICATION_BACKENDS = [
    "grogrund.accounts.security.LockoutBackend",
    # Django's ModelBackend, keeping the signed-in user per process under the accounts scope's
    # generation (one query less per request).
    "grogrund.accounts.backends.ModelBackend",
]

# API tokens (grogrund.accounts.tokens) expire after this many days unless the user picks
# another date.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

# Password reset mails: SMTP from the environment; printed on the console with DEBUG.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "grogrund@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)

INSTALLED_APPS = [
    # Django's admin, for superusers only and with every edit kept in the history.
    "grogrund.accounts.apps.GrogrundAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The public pages' sitemap.xml (grogrund.network.sitemaps).
    "django.contrib.sitemaps",
    "rest_framework",
    "axes",
    "csp",
    "drf_spectacular",
    "django_htmx",
    "grogrund.core",
    "grogrund.accounts",
    "grogrund.areas",
    "grogrund.programmes",
    "grogrund.initiatives",
    "grogrund.valuations",
    "grogrund.partnerships",
    "grogrund.procurement",
    "grogrund.methods",
    "grogrund.outcome_contracts",
    "grogrund.network",
    "grogrund.reports",
    "grogrund.api",
    # Background jobs: Django's Tasks API (django-tasks) with a database queue.
    "django_tasks",
    "django_tasks_db",
    "grogrund.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "grogrund.accounts.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Each request reads a data generation once (pages and their cached sections share it).
    "grogrund.core.generation.GenerationMemoMiddleware",
    # Which channel (site, API, admin) the request's changes are recorded with in the history.
    "grogrund.accounts.channel.ChannelMiddleware",
    "grogrund.accounts.middleware.UserLanguageMiddleware",
    # Refuses a request body over the upload limit from its Content-Length, before reading it.
    "grogrund.core.uploads.UploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Background jobs are queued in the database (SQLite or PostgreSQL alike) and run by
# `grogrund worker`; a job survives a restart of the server and of the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

ROOT_URLCONF = "grogrund.urls"
WSGI_APPLICATION = "grogrund.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "grogrund.core.context_processors.navigation",
            ],
        },
    },
]

_DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'grogrund.sqlite3'}")
# PostgreSQL connections are kept for a minute and reused by the requests of each worker
# thread (a new connection per request served a third of the requests per second); checked
# before reuse, so a restarted database costs one failed request at most, not a minute of them.
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 0 if _DATABASE_URL.startswith("sqlite") else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout make the embedded database usable by a web server and a CLI at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Stored files (Django's default storage): a local folder, or an S3-compatible bucket shared by
# every machine when AWS_STORAGE_BUCKET_NAME is set (django-storages; credentials from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, other providers through AWS_S3_ENDPOINT_URL).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "var" / "media")))
MEDIA_URL = "media/"
_DEFAULT_STORAGE: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if env_str("AWS_STORAGE_BUCKET_NAME", ""):
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "location": env_str("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads are read in memory or a temp file and never stored: imports keep only aggregates.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 100 * 1024 * 1024)
# A boundary file larger than this is imported by a worker (grogrund.areas.boundary_jobs), kept
# in the default storage until its job has run; a smaller one at once.
BOUNDARY_BACKGROUND_BYTES = env_int("BOUNDARY_BACKGROUND_BYTES", 2 * 1024 * 1024)
# Where a previewed upload waits for the user's "Importera" (any app process may take the
# confirmation, so a folder all processes share); removed once imported.
IMPORT_UPLOAD_DIR = Path(env_str("IMPORT_UPLOAD_DIR", str(PROJECT_DIR / "var" / "imports")))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "grogrund.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "grogrund.api.params.BoundedPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Grogrund API",
    "DESCRIPTION": "Areas, indicators and observations. Token authentication: "
    "`Authorization: Token <key>`. Each organisation sees its own data and what "
    "others shared with it.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for each choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "ReportingPeriodEnum": "grogrund.procurement.models.ReportingPeriod",
        "TargetGroupEnum": "grogrund.procurement.models.TargetGroup",
        "ClauseKindEnum": "grogrund.procurement.models.ClauseKind",
        "ReportStatusEnum": "grogrund.reports.models.ReportStatus",
        "OutcomeReportStatusEnum": "grogrund.outcome_contracts.models.ReportStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Caches. "profiles" holds rendered area-profile figures (grogrund.areas.profile_page); its
# keys carry the database version stamps of the data shown, so each process's own memory
# cache is correct however many processes serve the site. An entry is a few hundred kB.
# "pages" holds whole pages per visitor (grogrund.core.page_cache), keyed with the data
# generation, so it too is correct in each process's own memory; PAGE_CACHE_ENTRIES bounds
# it (an area profile is about 450 kB, so the default holds at most some 70 MB).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "profiles": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "grogrund-profiles",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "grogrund-pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 150)},
    },
}
