"""Django settings for localgbf, read from the environment (see README, "Configuration").

SQLite under LOCALGBF_VAR_DIR unless DATABASE_URL says otherwise. No heavy imports here.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from localgbf.web.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_secret,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("LOCALGBF_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
PRODUCTION = env_bool("LOCALGBF_PRODUCTION", False)


def _secret_key() -> str:
    key = env_secret("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when LOCALGBF_PRODUCTION is on"
        )
    # A local installation keeps a generated key beside its database, so sessions survive
    # restarts without anyone having to invent a secret.
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when LOCALGBF_PRODUCTION is on")
    if not env_list("ALLOWED_HOSTS", []):
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must name the host names the platform is served under "
            "(comma-separated) when LOCALGBF_PRODUCTION is on"
        )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "localgbf.web.core",
    "localgbf.web.governments",
    "localgbf.web.frameworks",
    "localgbf.web.jobs",
    "localgbf.web.datasets",
    "localgbf.web.species",
    "localgbf.web.computations",
    "localgbf.web.assessments",
    "localgbf.web.batches",
    "localgbf.web.plans",
    "localgbf.web.commitments",
    "localgbf.web.participation",
    "localgbf.web.portal",
    "localgbf.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "localgbf.web.core.nul.RefuseNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "localgbf.web.core.concurrency.EditConflictMiddleware",
]

ROOT_URLCONF = "localgbf.web.urls"
WSGI_APPLICATION = "localgbf.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "localgbf.web.core.context.platform",
            ],
        },
    }
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "localgbf.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Languages of the interface. The data model holds all six UN languages; the interface is
# translated into these (add a catalogue under web/locale/ and a line here for another).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Static files are served from the installed package (WhiteNoise finders); a deployment that
# prefers `collectstatic` sets LOCALGBF_STATIC_ROOT.
STATIC_ROOT = env_str("LOCALGBF_STATIC_ROOT", "") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "files"
LOCALGBF_FILE_STORE = Path(env_str("LOCALGBF_FILE_STORE", str(VAR_DIR / "store")))

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("LOCALGBF_MAX_FORM_BYTES", 10 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest uploaded file accepted (checked with a message naming the file and the limit);
# `localgbf serve` also refuses request bodies larger than this plus the form limit.
LOCALGBF_MAX_UPLOAD_BYTES = env_int("LOCALGBF_MAX_UPLOAD_BYTES", 2 * 1024**3, minimum=1024)
# Failed sign-ins allowed per user name and address within the window (see governments/login.py).
LOCALGBF_LOGIN_ATTEMPTS = env_int("LOCALGBF_LOGIN_ATTEMPTS", 5, minimum=1)
LOCALGBF_LOGIN_WINDOW_SECONDS = env_int("LOCALGBF_LOGIN_WINDOW_SECONDS", 15 * 60, minimum=1)
# Fetching records from GBIF and iNaturalist; off for installations without internet access.
LOCALGBF_CONNECTORS = env_bool("LOCALGBF_CONNECTORS", True)
# The deployment's GBIF account for GBIF downloads (never stored in the database).
GBIF_USER = env_secret("GBIF_USER")
GBIF_PWD = env_secret("GBIF_PWD")
GBIF_EMAIL = env_secret("GBIF_EMAIL")
# Maps of the public portal: an optional tile server under the drawn boundaries (e.g.
# https://tile.openstreetmap.org/{z}/{x}/{y}.png) and the credit it requires.
LOCALGBF_BASEMAP_URL = env_str("LOCALGBF_BASEMAP_URL", "")
LOCALGBF_BASEMAP_ATTRIBUTION = env_str("LOCALGBF_BASEMAP_ATTRIBUTION", "")
LOCALGBF_PORTAL_CACHE_SECONDS = env_int("LOCALGBF_PORTAL_CACHE_SECONDS", 300, minimum=0)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "localgbf@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # The platform sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
