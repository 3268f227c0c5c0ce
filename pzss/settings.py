"""Settings of the PZSZ portal: one module, every value from the environment.

Every variable has a default that works on a fresh machine (SQLite under var/, Celery
in eager mode, console e-mail, DEBUG on). Production sets DATABASE_URL,
CELERY_BROKER_URL, SECRET_KEY and DEBUG=false. `.env.example` lists them all.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from pzss.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-for-make-run-never-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "csp",
    "pzss.core",
    "pzss.documents",
    "pzss.search",
    "pzss.events",
    "programme",
    "support",
    "training",
    "research",
    "outreach",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside all but these two, so that it compresses the finished page; it compresses
    # only public pages without a secret (BREACH): see its docstring.
    "pzss.lib.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pzss.lib.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the language, the user and messages (its 400 page is a page like the others),
    # before any view or the CSRF check reads a form.
    "pzss.lib.middleware.RefuseUnstorableInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pzss.urls"
WSGI_APPLICATION = "pzss.wsgi.application"

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
                "pzss.lib.context_processors.portal",
            ],
            "builtins": ["pzss.lib.templatetags.portal"],
            # pzss.lib is no app: its other tag libraries are named here.
            "libraries": {"discovery": "pzss.lib.templatetags.discovery"},
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pzss.sqlite3'}"),
        # Production keeps connections (60 s in serve.sh and docker-compose.yml, as the
        # sign-up benchmark ran) and checks one before reusing it, so a restarted
        # PostgreSQL costs one retry, not an error page; 0 here for a fresh machine.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests (and eager tasks) write at once under `make run`: wait, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a login attempt for a locked-out account or from a locked-out address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins lock the account (from every address) and, counted apart, five from
# one address lock that address (for every account) for an hour: counting the pair
# together let one address try a password on any number of accounts (password spraying).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
# A successful login forgives that username's failures from that address, and only those
# (pzss/lib/lockout.py says why axes' own reset forgave too much).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "pzss.lib.lockout.LockoutHandler"
AXES_VERBOSE = False
# Reverse proxies in front of gunicorn. Every guard that counts per address (the lockout
# above, the sign-up limit below) reads the address through one function; see its module.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "pzss.lib.client_address.client_address"

LOGIN_URL = "login"
# By role: an institution's login on its reporting pages, staff on the dashboard.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "outreach:home"

# Languages: Serbian Cyrillic is the default; Latin script and English are offered.
LANGUAGE_CODE = "sr"
LANGUAGES = [
    ("sr", _("Serbian (Cyrillic)")),
    ("sr-latn", _("Serbian (Latin)")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["pzss.formats"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Belgrade"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
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

# Uploads: the limit the activity log enforces, and Django's own ceiling above it.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# The library's PDFs (reports, programmes) are larger than an activity's attachments.
LIBRARY_MAX_BYTES = env_int("LIBRARY_MAX_BYTES", 40 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default, SMTP (or any backend) from the environment.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Покрајински завод за социјалну заштиту <office@pzs.gov.rs>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 150)
# Background jobs (imports, large exports) may take longer than a PDF: their own limits.
JOB_SOFT_TIME_LIMIT = env_int("JOB_SOFT_TIME_LIMIT", 540)
JOB_TIME_LIMIT = env_int("JOB_TIME_LIMIT", 570)
if JOB_SOFT_TIME_LIMIT >= JOB_TIME_LIMIT:
    raise ImproperlyConfigured("JOB_SOFT_TIME_LIMIT must be below JOB_TIME_LIMIT")
# Redis re-delivers an unacknowledged task after this long: keep it above the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 4)
}
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= max(
    CELERY_TASK_TIME_LIMIT, JOB_TIME_LIMIT
):
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be above CELERY_TASK_TIME_LIMIT and JOB_TIME_LIMIT"
    )
CELERY_TIMEZONE = TIME_ZONE
# Celery's Django fixup closes every database connection before and after each task, so
# each e-mail opened a new PostgreSQL connection (more CPU than the e-mail itself). With
# this it closes them only every this many tasks; around each task pzss.celery applies
# Django's own rule for requests instead (CONN_MAX_AGE, errors, health checks).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)
# The worker logs through LOGGING (JSON in production) instead of its own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE: dict = {
    "worker-heartbeat": {"task": "pzss.core.tasks.heartbeat", "schedule": 30.0},
    # Hourly, so a beat that was down catches up; each reminder is claimed once.
    "registration-reminders": {
        "task": "pzss.events.tasks.send_reminders",
        "schedule": 3600.0,
    },
    # News published for a later time: the public pages are refreshed when it comes.
    "news-announcement": {"task": "outreach.tasks.announce_due_news", "schedule": 60.0},
    # Nightly: names of registrations older than REGISTRATION_RETENTION_MONTHS are removed.
    "registration-anonymisation": {
        "task": "pzss.events.tasks.anonymise_old_registrations",
        "schedule": crontab(hour=3, minute=15),
    },
    # Hourly: institutions whose report for a period is due soon or late (area III);
    # each reminder is recorded once, so a repeated run sends nothing twice.
    "research-period-reminders": {
        "task": "research.tasks.send_period_reminders",
        "schedule": 3600.0,
    },
    # Daily: support requests soon due or overdue, to their advisers (area I); each
    # reminder is recorded once per request and step, so a repeated run sends nothing twice.
    "support-request-deadlines": {
        "task": "support.request_tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Daily: owners of programmes whose accreditation ends within six months (area II);
    # each warning is recorded once per end date, so a repeated run sends nothing twice.
    "training-expiry-warnings": {
        "task": "training.catalogue_tasks.send_expiry_warnings",
        "schedule": crontab(hour=7, minute=30),
    },
    # Daily: institutions reminded of their overdue visit recommendations (area I); each
    # reminder is recorded once per recommendation and deadline, so a rerun sends nothing.
    "support-recommendation-reminders": {
        "task": "support.report_services.send_recommendation_reminders",
        "schedule": crontab(hour=7, minute=45),
    },
    # Nightly: finished background jobs older than JOB_RETENTION_DAYS go, with their files.
    "job-retention": {
        "task": "pzss.documents.tasks.delete_old_jobs",
        "schedule": crontab(hour=3, minute=45),
    },
}
# Days before a period's deadline that institutions whose report is not in are reminded.
RESEARCH_REMINDER_DAYS_BEFORE = env_int("RESEARCH_REMINDER_DAYS_BEFORE", 2)
# Days a finished background job (an import's preview, an export) and its files are kept:
# they hold names and e-mails. 0 keeps them.
JOB_RETENTION_DAYS = env_int("JOB_RETENTION_DAYS", 7)
# Exports of up to this many rows are answered at once; longer ones become background jobs.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 500)
# Months after an event that its registrations keep names and e-mails; 0 keeps them.
REGISTRATION_RETENTION_MONTHS = env_int("REGISTRATION_RETENTION_MONTHS", 24)
# Sign-up POSTs per client address: "10/m", "100/h"; empty turns the limit off.
REGISTRATION_RATE_LIMIT = env_str("REGISTRATION_RATE_LIMIT", "10/m")
# django-ratelimit is used as a library (not an installed app: its checks would refuse the
# local-memory cache that `make run` uses); it reads the address as the lockout does.
RATELIMIT_IP_META_KEY = AXES_CLIENT_IP_CALLABLE

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}
        if env_str("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Content-Security-Policy: the portal's own files only; no inline script or style.
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

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Off only for plain-http trials on this machine (`make serve`); never behind the real site.
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOG_JSON = env_bool("LOG_JSON", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "pzss.jsonlog.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_JSON else "plain"}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The institute's own details, printed on documents.
INSTITUTE = {
    "name": "Покрајински завод за социјалну заштиту",
    "address": "Булевар Михајла Пупина 25, Нови Сад",
    "phone": "021 425 836, 021 425 854",
    "email": "office@pzs.gov.rs",
    "web": "www.pzs.gov.rs",
}

# Error reporting: on only when a DSN is given.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # participants' names and e-mails never leave the portal
        traces_sample_rate=0.0,
    )
