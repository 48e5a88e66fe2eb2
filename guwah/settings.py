"""Django settings for Guwah, read from environment variables (see ``guwah.conf``)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from guwah.conf import (
    ConfigurationError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_optional_path,
    env_path,
    env_str,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent

DATA_DIR = env_path("GUWAH_DATA_DIR", Path.cwd() / "data")
DEBUG = env_bool("GUWAH_DEBUG", False)

# Everything the process creates (the SQLite database and its journal, keys, tree heads,
# uploads, exports) is readable by its own account only: a record of witnesses must not be
# one `cat` away for every other account on the machine.
os.umask(0o077)
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
if DATA_DIR.stat().st_uid == os.getuid():
    DATA_DIR.chmod(0o700)  # a directory made before this rule, or by hand

# The development key is published in the source: anyone holding it can forge a session. It
# is used only with DEBUG on, or when a developer asks for it by name; a deployment without
# DEBUG that brings no key of its own refuses to start.
SECRET_KEY = secret_key(
    "GUWAH_SECRET_KEY",
    "GUWAH_SECRET_KEY_FILE",
    development_key=(
        "guwah-insecure-development-key-do-not-use-in-production"
        if DEBUG or env_bool("GUWAH_ALLOW_INSECURE_KEY", False)
        else None
    ),
)

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
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guwah.registry",
    "guwah.evidence",
    "guwah.linkage",
    "guwah.positions",
    "guwah.demo",
    "guwah.un",
    "guwah.imports",
    "guwah.public",
    "guwah.accounts",
    "guwah.family",
    "guwah.safekeeping",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages kept for visitors who are not signed in, served before the rest of the stack.
    "guwah.public.page_cache.KeptPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sign-in sessions end after GUWAH_SESSION_IDLE_MINUTES without a request.
    "guwah.middleware.IdleSessionMiddleware",
    # Pages for signed-in users and every page that is not public are never cached.
    "guwah.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the messages: staff without a second factor are sent to enrol one, from any page.
    "guwah.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so the refusal page has a user and the security headers; before any view or the
    # CSRF check reads the request's body.
    "guwah.evidence.uploads.UploadLimitMiddleware",
    # A family-only account's home is her family's tree, not the registry's dashboard.
    "guwah.family.middleware.FamilyLandsOnHerFamilyMiddleware",
    # After the authentication middleware: refuses a locked-out sign-in with its own page.
    "axes.middleware.AxesMiddleware",
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

# Argon2 first: memory-hard, so a stolen table of hashes is slow to guess even on graphics
# cards. The others remain to read older hashes, which are rewritten at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# django-axes counts failed sign-ins in the database (visible to administrators in the admin,
# with every failure in its log) and refuses further tries for the same account, even with
# the right password, until the cool-off has passed: guessing becomes a matter of years.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env_int("GUWAH_SIGN_IN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GUWAH_SIGN_IN_COOLOFF_MINUTES", 30, minimum=1))
# By account, not by address: behind a proxy every visitor shares one address, and one
# stranger's guesses must not lock the whole organisation out.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that User-Agents or cookies can be rotated; they are not what is counted here.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# allauth's sign-in form keeps the field name "username" (guwah.accounts.signin); this reads
# it, or allauth's own "login", so that every attempt is counted against the right account.
AXES_USERNAME_CALLABLE = "guwah.accounts.signin.attempted_username"

# Signing in (django-allauth): by username, with a second factor (an authenticator app, a
# security key or passkey, and recovery codes for when both are lost). Accounts are opened by
# invitation only (guwah.accounts); no e-mail is needed or sent.
ACCOUNT_ADAPTER = "guwah.accounts.signin.AccountAdapter"
ACCOUNT_FORMS = {"login": "guwah.accounts.signin.SignInForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# The session lasts while the browser is open and ends after the idle timeout anyway.
ACCOUNT_SESSION_REMEMBER = False
# django-axes counts failed passwords per account and logs them; allauth still limits
# sign-ins per address (30 a minute), which axes does not.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("GUWAH_SITE_NAME", "Guwah")
MFA_RECOVERY_CODE_COUNT = 10
# A code typed just as its 30-second step ends is still taken (RFC 6238, section 5.2, allows one
# step of delay); a code is still refused once used.
MFA_TOTP_TOLERANCE = 1
# WebAuthn needs a secure context: HTTPS, or localhost while developing.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Every role above family member must sign in with a second factor (guwah.accounts.middleware).
GUWAH_SECOND_FACTOR_REQUIRED = env_bool("GUWAH_SECOND_FACTOR_REQUIRED", True)
# How long an invitation link to open an account stays valid.
GUWAH_INVITATION_DAYS = env_int("GUWAH_INVITATION_DAYS", 7, minimum=1)

LOGIN_URL = "login"
# Home sends each account where it starts: the family to its tree, the staff to the dashboard.
LOGIN_REDIRECT_URL = "home"
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
# Stored files are served only by the guarded view at this address (guwah.evidence.files),
# never straight from MEDIA_ROOT: no web server may serve that directory.
MEDIA_URL = "/files/"
MEDIA_ROOT = DATA_DIR / "media"
# Django sets these modes itself, whatever the umask: stored files are the application's alone.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Uploads larger than this are refused with a message on the form rather than half-stored.
GUWAH_MAX_UPLOAD_BYTES = env_int("GUWAH_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Where the signing key of the transparency log lives; outside the database by design.
GUWAH_LOG_KEY_PATH = env_path("GUWAH_LOG_KEY_PATH", DATA_DIR / "keys" / "log-ed25519.pem")

# Encryption at rest (docs/security.md): the master key wraps the data keys of the keyring and
# must live outside the database and the data directory, so that a copy of both reveals no
# witness. Read from a file (GUWAH_MASTER_KEY_FILE) or the variable GUWAH_MASTER_KEY; with
# neither, only a development installation runs, on a published development key.
GUWAH_MASTER_KEY_FILE = env_optional_path("GUWAH_MASTER_KEY_FILE")
GUWAH_MASTER_KEY = env_str("GUWAH_MASTER_KEY", "")
GUWAH_ALLOW_DEVELOPMENT_MASTER_KEY = DEBUG or env_bool("GUWAH_ALLOW_INSECURE_KEY", False)
if (
    not DEBUG
    and GUWAH_MASTER_KEY_FILE is not None
    and GUWAH_MASTER_KEY_FILE.is_relative_to(DATA_DIR)
):
    raise ConfigurationError(
        f"GUWAH_MASTER_KEY_FILE ({GUWAH_MASTER_KEY_FILE}) lies inside GUWAH_DATA_DIR "
        f"({DATA_DIR}): a copy of the data directory would carry its own key. Keep the "
        "master key elsewhere."
    )
GUWAH_KEYRING_PATH = env_path("GUWAH_KEYRING_PATH", DATA_DIR / "keys" / "keyring.json")
# How long the sealed file of an import left unfinished is kept before it is deleted; a finished
# import's file is deleted at once.
GUWAH_IMPORT_FILE_DAYS = env_int("GUWAH_IMPORT_FILE_DAYS", 7, minimum=1)
# Every signed tree head is also appended to a file here, so that a database writer who deletes
# or rewrites heads is found; and, when set, to a directory that others copy (a Git working tree,
# a folder a witness syncs).
GUWAH_LOG_HEADS_DIR = env_path("GUWAH_LOG_HEADS_DIR", DATA_DIR / "heads")
GUWAH_LOG_PUBLISH_DIR = env_optional_path("GUWAH_LOG_PUBLISH_DIR")

# Shared reference files (the names development set) are read from here when present; the places
# gazetteer ships in the package (guwah/registry/data).
GUWAH_SHARED_DATA_DIR = env_path("GUWAH_SHARED_DATA_DIR", PROJECT_DIR.parent / "shared" / "data")

# Compartments (docs/security.md): a case no team holds and whose creator is in no team (a
# family's submission waiting to be assigned) is read by all staff while this is on; off, only
# by reviewers and administrators, who assign it.
GUWAH_INTAKE_OPEN_TO_STAFF = env_bool("GUWAH_INTAKE_OPEN_TO_STAFF", True)
# One account reading more distinct restricted cases than this within the window is flagged
# on the read audit page and in the log.
GUWAH_READ_ALERT_CASES = env_int("GUWAH_READ_ALERT_CASES", 50, minimum=1)
GUWAH_READ_ALERT_HOURS = env_int("GUWAH_READ_ALERT_HOURS", 24, minimum=1)
# An approved export of restricted data can be downloaded once, within this many hours.
GUWAH_EXPORT_APPROVAL_HOURS = env_int("GUWAH_EXPORT_APPROVAL_HOURS", 24, minimum=1)

# A session ends after this long without a request (each request moves the end forward), so
# a laptop left open in a café does not stay signed in to the registry.
GUWAH_SESSION_IDLE_MINUTES = env_int("GUWAH_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = GUWAH_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Served over HTTPS (directly or behind a proxy that sets X-Forwarded-Proto): cookies travel
# only encrypted, plain HTTP is redirected, and browsers are told to never try plain HTTP again.
GUWAH_HTTPS = env_bool("GUWAH_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = GUWAH_HTTPS
SECURE_SSL_REDIRECT = GUWAH_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer's probe may speak plain HTTP
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if GUWAH_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GUWAH_HTTPS
SECURE_HSTS_PRELOAD = GUWAH_HTTPS
if env_bool("GUWAH_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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

# The memorial's statistics are cached in files under the data directory, shared by every
# worker process, so that a change bumps one generation every worker reads (see
# ``guwah.public.reading.statistics``); everything else keeps Django's per-process cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "memorial": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache" / "memorial",
    },
    # Rendered public pages for anonymous visitors, in each worker's memory, filed under the
    # generation kept in the shared ``memorial`` cache (see ``guwah.public.page_cache``).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "memorial-pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": env_int("GUWAH_PAGE_CACHE_ENTRIES", 5000, minimum=1)},
    },
}
GUWAH_STATISTICS_CACHE_SECONDS = env_int("GUWAH_STATISTICS_CACHE_SECONDS", 3600, minimum=1)
# For this long after a change, counts are not cached (a change's transaction may still be
# committing while another worker counts).
GUWAH_STATISTICS_UNSETTLED_SECONDS = env_int("GUWAH_STATISTICS_UNSETTLED_SECONDS", 10, minimum=0)
# How many requests one address may make of the memorial's open API (``count/s|m|h|d``).
GUWAH_API_RATE = env_str("GUWAH_API_RATE", "120/m")
