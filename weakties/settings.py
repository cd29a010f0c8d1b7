"""Django settings for weakties, read from the environment.

One file for the local single-user app and the multi-user server:

- ``WEAKTIES_HOME``: the data folder (default: the user's data dir, via platformdirs).
- ``DATABASE_URL``: a database URL; default is SQLite ``weakties.sqlite3`` in ``WEAKTIES_HOME``.
- ``SECRET_KEY``: for a server; locally one is generated once and kept in ``WEAKTIES_HOME``.
- ``WEAKTIES_DEBUG``: ``1`` for Django's debug pages.
- ``WEAKTIES_MODE``: ``local`` (default: one user, signed in automatically on loopback)
  or ``server`` (accounts, no automatic sign-in).
- ``WEAKTIES_ALLOWED_HOSTS``: comma-separated host names for server mode.
- ``WEAKTIES_BEHIND_TLS_PROXY``: ``1`` where a proxy terminates TLS and sets X-Forwarded-Proto.
- ``WEAKTIES_TIME_ZONE``: the time zone whose calendar decides what "today" is
  (default: the machine's, else UTC).
"""

from __future__ import annotations

import os
import secrets
import zoneinfo
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _is_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return True


def _local_time_zone() -> str:
    """WEAKTIES_TIME_ZONE (refused when it names no zone), else the machine's: TZ when it names
    a zone (not a POSIX rule such as "UTC0" or "CET-1CEST"), else /etc/localtime, else UTC."""
    chosen = os.environ.get("WEAKTIES_TIME_ZONE")
    if chosen:
        if not _is_zone(chosen):
            raise ImproperlyConfigured(
                f"WEAKTIES_TIME_ZONE={chosen!r} is not a time zone; use a name such as "
                "Europe/Paris or America/New_York."
            )
        return chosen
    machine = os.environ.get("TZ", "").removeprefix(":")
    if machine and _is_zone(machine):
        return machine
    try:
        link = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    zone = link.split(marker, 1)[1] if marker in link else "UTC"
    return zone if _is_zone(zone) else "UTC"


def _secret_key(home: Path) -> str:
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = home / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        home.mkdir(parents=True, exist_ok=True)
        # Written with owner-only permissions: it signs the session cookies.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key
    except FileExistsError:  # pragma: no cover - lost a race with another process
        return key_file.read_text().strip()


BASE_DIR = Path(__file__).resolve().parent
WEAKTIES_HOME = Path(
    os.environ.get("WEAKTIES_HOME") or platformdirs.user_data_dir("weakties", appauthor=False)
).expanduser()
WEAKTIES_HOME.mkdir(parents=True, exist_ok=True)
WEAKTIES_MODE = os.environ.get("WEAKTIES_MODE", "local")
if WEAKTIES_MODE not in {"local", "server"}:
    raise ImproperlyConfigured(f"WEAKTIES_MODE={WEAKTIES_MODE!r}: use 'local' or 'server'.")

SECRET_KEY = _secret_key(WEAKTIES_HOME)
DEBUG = envbool("WEAKTIES_DEBUG")
ALLOWED_HOSTS = envlist("WEAKTIES_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "weakties.accounts",
    "weakties.network",
    "weakties.plan",
    "weakties.interop",
    "weakties.leads",
    "weakties.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "weakties.accounts.middleware.LocalUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "weakties.urls"
WSGI_APPLICATION = "weakties.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "weakties.accounts.context_processors.mode",
            ],
        },
    },
]

DEFAULT_SQLITE = WEAKTIES_HOME / "weakties.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}",
        conn_max_age=envint("WEAKTIES_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web UI read while the CLI writes; IMMEDIATE takes the write lock at the
    # start of a transaction so two writers queue on busy_timeout instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA synchronous=NORMAL;"
        ),
    }
    # Tests use a real file (not an in-memory database), so WAL, locking and a second process
    # (the browser tests' server) behave as they do for a user.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("WEAKTIES_TEST_SQLITE") or str(WEAKTIES_HOME / "test.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:sign_in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign_in"

LANGUAGE_CODE = "en-us"
TIME_ZONE = _local_time_zone()
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Static files are served by WhiteNoise straight from the installed packages: no collectstatic
# step, no CDN.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# A server behind a TLS-terminating proxy (docs/operating.md): trust the proxy's word that the
# request came over https, so links it builds (the calendar address) are https:// and cookies
# never travel in clear. Only where the proxy sets (and overwrites) X-Forwarded-Proto.
if envbool("WEAKTIES_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

# A page that fails shows "Server Error (500)"; its traceback goes to the server's standard
# error, where whoever runs ``weakties serve`` (or reads the server's log) sees it. Django's
# default sends it only to the site's admins by email, which no one has set up.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}

LOCAL_USERNAME = os.environ.get("WEAKTIES_LOCAL_USER", "me")
