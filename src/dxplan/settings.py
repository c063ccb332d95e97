"""The one settings module. Everything that differs between machines comes from the environment.

DXPLAN_DEBUG            "1"/"true" turns debug on (off by default)
DXPLAN_SECRET_KEY       secret key (or DXPLAN_SECRET_KEY_FILE); else the data dir's (`dxplan init`)
DXPLAN_ALLOWED_HOSTS    comma-separated host names (default: localhost,127.0.0.1)
DXPLAN_DATA_DIR         the SQLite database and the key (default ./var), made by `dxplan init`
DXPLAN_HTTPS            "1" behind a TLS proxy setting X-Forwarded-Proto: secure cookies, https
DATABASE_URL            e.g. postgres://user:pass@host/db (default: SQLite in the data dir)
DXPLAN_EMAIL_HOST       SMTP server for the round's reminders (default: none, to the console);
                        DXPLAN_EMAIL_PORT (587), _USER, _PASSWORD (or _PASSWORD_FILE), _TLS (1),
                        DXPLAN_EMAIL_FROM (the sender)
DXPLAN_SITE_URL         the site's address, for links in e-mails (http://127.0.0.1:8000)

Importing this module writes nothing: `dxplan init` creates the data folder and the key, and the
system checks (dxplan/checks.py) say what is missing.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (for secrets)."""
    if file_name := os.environ.get(f"{name}_FILE"):
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = env_bool("DXPLAN_DEBUG")
DATA_DIR = Path(env("DXPLAN_DATA_DIR") or Path.cwd() / "var").resolve()


SECRET_KEY_FILE = DATA_DIR / "secret_key"


def _secret_key() -> str:
    if key := env("DXPLAN_SECRET_KEY"):
        return key
    if SECRET_KEY_FILE.exists():
        return SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    return ""


# Without a key of its own (before `dxplan init`), a process gets one for itself: enough to load
# plans or run the tests, never to serve (`dxplan serve` and the WSGI application refuse).
SECRET_KEY_MISSING = not _secret_key()
SECRET_KEY = _secret_key() or secrets.token_urlsafe(50)
ALLOWED_HOSTS = [h.strip() for h in env("DXPLAN_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")]
ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from our own static files, not from a CDN
    "dxplan.accounts",
    "dxplan.audit",
    "dxplan.plans",
    "dxplan.indicators",
    "dxplan.surveys",
    "dxplan.rounds",  # the yearly reporting round: due dates, reminders, punctuality
    "dxplan.tokens",  # a department's keys to the write API, and `dxplan token`
    "dxplan.io",  # file adapters and their commands: load, dump, actuals
    "dxplan.presentation",  # template helpers both faces use
    "dxplan.portal",
    "dxplan.office",  # /staff/: entering yearly actuals, uploading workbooks
    "dxplan.api",
]

MIDDLEWARE = [
    "dxplan.reads.browsers_revalidate",
    "django.middleware.cache.UpdateCacheMiddleware",  # cached until a change (freshness.py)
    "django.middleware.security.SecurityMiddleware",
    "dxplan.middleware.reject_nul_bytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: compressed ahead of time
    # pages and API answers: gzip (50–78 % smaller), stored compressed by the page cache above
    # under Vary: Accept-Encoding; Django pads each response against BREACH
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dxplan.api.middleware.open_data_cors",
    "django.middleware.cache.FetchFromCacheMiddleware",
    "dxplan.reads.consistent_reads",
]

ROOT_URLCONF = "dxplan.urls"
WSGI_APPLICATION = "dxplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'dxplan.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Readers never wait for an import (write-ahead log); an import's commit is safe and quick.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# E-mail (the reporting round's reminders): through an SMTP server where DXPLAN_EMAIL_HOST is
# set, else written to the console (the demo); the tests keep them in memory.
EMAIL_HOST = env("DXPLAN_EMAIL_HOST", "")
EMAIL_PORT = int(env("DXPLAN_EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("DXPLAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env("DXPLAN_EMAIL_PASSWORD")  # or DXPLAN_EMAIL_PASSWORD_FILE
EMAIL_USE_TLS = env_bool("DXPLAN_EMAIL_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DXPLAN_EMAIL_FROM", "dxplan@localhost")
# The site's own address, for links in e-mails (no request to read it from).
DXPLAN_SITE_URL = env("DXPLAN_SITE_URL", "http://127.0.0.1:8000")

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # made by `dxplan init`; whitenoise also finds app files
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Public pages and API answers are kept in each server process until the plans change: the key
# carries the token that every committed write renews (freshness.py). Staff pages are never
# cached (they say so themselves), nor anything that sets or varies on a session.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": "dxplan.freshness.cache_key",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
CACHE_MIDDLEWARE_SECONDS = 24 * 60 * 60
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"

LOGIN_URL = "office:login"  # the staff area's login (dxplan.office); the admin has its own

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DXPLAN_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A bad request (a wrong Host header, too many parameters) is one line, not a traceback.
    "filters": {"suspicious_on_one_line": {"()": "dxplan.logs.SuspiciousOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["suspicious_on_one_line"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
