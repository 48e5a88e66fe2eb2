"""Django settings for Guwah, read from environment variables (see ``guwah.conf``)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from guwah.conf import (
    ConfigurationError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent

DATA_DIR = env_path("GUWAH_DATA_DIR", Path.cwd() / "data")
DEBUG = env_bool("GUWAH_DEBUG", False)

# A development key is acceptable only while DEBUG is on or under test; a production
# deployment must bring its own, and refusing to start is kinder than signing sessions with a
# key that is published in the source.
SECRET_KEY = env_str("GUWAH_SECRET_KEY", "")
if not SECRET_KEY:
    if env_bool("GUWAH_ALLOW_INSECURE_KEY", True):
        SECRET_KEY = "guwah-insecure-development-key-do-not-use-in-production"
    else:
        raise ConfigurationError("GUWAH_SECRET_KEY must be set")

ALLOWED_HOSTS = env_list("GUWAH_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "guwah.registry",
    "guwah.names",
    "guwah.evidence",
    "guwah.linkage",
    "guwah.positions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "guwah.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guwah.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "guwah.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "guwah.sqlite3",
            "ATOMIC_REQUESTS": True,
            "OPTIONS": {
                # WAL lets readers carry on while one writer commits; IMMEDIATE takes the
                # write lock at BEGIN so two writers queue instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
            "TEST": {"NAME": None},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "registry:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ug", _("Uyghur")),
    ("zh-hans", _("Simplified Chinese")),
    ("tr", _("Turkish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-wide assets (app.css, vendored npm packages) live outside any app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# WhiteNoise serves collected files in production; with finders on it also serves them straight
# from the apps, so a fresh checkout works before `collectstatic` has ever run.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

# Uploads larger than this are refused with a message on the form rather than half-stored.
GUWAH_MAX_UPLOAD_BYTES = env_int("GUWAH_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Where the signing key of the transparency log lives; outside the database by design.
GUWAH_LOG_KEY_PATH = env_path("GUWAH_LOG_KEY_PATH", DATA_DIR / "keys" / "log-ed25519.pem")

# Shared reference files (places gazetteer, names development set) are read from here when present.
GUWAH_SHARED_DATA_DIR = env_path("GUWAH_SHARED_DATA_DIR", PROJECT_DIR.parent / "shared" / "data")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("GUWAH_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Leaflet and htmx set element styles from script; no inline <style> blocks are used.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GUWAH_LOG_LEVEL", "WARNING")},
}
