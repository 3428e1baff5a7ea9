"""Mentorat settings: everything comes from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from mentorat.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-only-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES", False)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "axes",
    "mentorat",
    "accounts",
    "programs",
    "matching",
    "meetings",
    "forms_workflow",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mentorat.middleware.NoStoreForPersonalPagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mentorat.middleware.IdleSignOutMiddleware",  # after messages: it leaves a word
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused sign-in into the lockout page
]

ROOT_URLCONF = "mentorat.urls"
CSRF_FAILURE_VIEW = "mentorat.views.csrf_failure"
WSGI_APPLICATION = "mentorat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "programs.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account or address
    "programs.auth.Backend",  # Django's model backend, with the person's roles in one query
]

# Failed sign-ins (django-axes): after 10 failures in 15 minutes, an account's sign-in pauses for
# 15 minutes. Counted per account, not per network address: a school's computers share one
# address, and one student's typos must not lock the whole school out. A success, a password
# reset or a coordinator's unlock clears the count. Many accounts tried from one address are
# held back by a rate limit instead (accounts.security.SIGN_INS_PER_CLIENT).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns when the address is not a lockout parameter (its worry: user agents or cookies
# rotated to dodge a lock); ours is per account on purpose, and addresses are rate-limited.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
SIGN_INS_PER_CLIENT = env_str("SIGN_INS_PER_CLIENT", "300/h")
AXES_USERNAME_CALLABLE = "accounts.security.sign_in_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in: only failures count
AXES_ENABLE_ADMIN = False  # unlocking is a coordinator's action on the person
AXES_SENSITIVE_PARAMETERS = ["password"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# Internationalization: French first, English one click away.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["mentorat.formats"]  # French times as "15 h 30"
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True, console:, file:///path, memory:).
_email_default = "console:" if DEBUG else "smtp://localhost:25"
vars().update(dj_email_url.parse(env_secret("EMAIL_URL") or _email_default))
if (EMAIL_FILE_PATH := vars().get("EMAIL_FILE_PATH")) and not EMAIL_FILE_PATH.startswith("/"):
    EMAIL_FILE_PATH = f"/{EMAIL_FILE_PATH}"  # file:///var/mail/x means the absolute path
# A stalled mail server must not hold a worker (or a request) forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentorat <no-reply@mentorat.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Redis and Celery: without REDIS_URL tasks run eagerly in the web process.
REDIS_URL = env_str("REDIS_URL")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# No task runs for ever: a soft limit raises inside the task, the hard one ends its process.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# With the broker down, publishing fails at once (the beat task picks up what is due).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    "send-notifications": {"task": "accounts.tasks.send_due_notifications", "schedule": 60},
    "expire-proposals": {"task": "matching.tasks.expire_proposals", "schedule": 15 * 60},
    "send-reminders": {"task": "meetings.tasks.send_due_reminders", "schedule": 5 * 60},
    "refresh-pair-health": {"task": "meetings.tasks.refresh_pair_health", "schedule": 60 * 60},
    "monthly-digests": {"task": "meetings.tasks.send_monthly_digests", "schedule": 24 * 60 * 60},
    "monthly-pulses": {"task": "meetings.tasks.send_monthly_pulses", "schedule": 24 * 60 * 60},
    "complete-ended-cohorts": {
        "task": "matching.tasks.complete_ended_cohorts",
        "schedule": 24 * 60 * 60,
    },
    "background-checks": {
        "task": "matching.tasks.check_background_checks",
        "schedule": 24 * 60 * 60,
    },
    "sync-forms": {"task": "forms_workflow.tasks.sync_forms", "schedule": 24 * 60 * 60},
    "form-reminders": {
        "task": "forms_workflow.tasks.send_form_reminders",
        "schedule": 6 * 60 * 60,
    },
    "resume-reports": {"task": "reports.tasks.resume_stalled_reports", "schedule": 2 * 60},
    "survey-invitations": {
        "task": "reports.tasks.send_survey_invitations",
        "schedule": 10 * 60,
    },
    "remove-expired-reports": {
        "task": "reports.tasks.remove_expired_reports",
        "schedule": 24 * 60 * 60,
    },
}
# Reports: files kept this many days; a job silent this many seconds is resumed by the beat.
REPORT_RETENTION_DAYS = env_int("REPORT_RETENTION_DAYS", 14)
REPORT_STALE_SECONDS = env_int("REPORT_STALE_SECONDS", 180)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A publication tries the broker once and gives up within a second: a person's action never
    # waits for a broker that is down (the beat tasks read what is due from the database).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        "max_retries": 0,
        "socket_connect_timeout": 1,
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security: safe by default; make run turns DJANGO_DEBUG on for local use.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
# Idle sign-out (mentorat.middleware): coordinators, who see every family's data, after 30
# minutes without a page opened; mentors, mentees and parents after 2 hours.
IDLE_SIGN_OUT_COORDINATOR_MINUTES = env_int("IDLE_SIGN_OUT_COORDINATOR_MINUTES", 30)
IDLE_SIGN_OUT_MINUTES = env_int("IDLE_SIGN_OUT_MINUTES", 120)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates each step of a PDF at INFO; its warnings (a refused URL) stay
        "weasyprint.progress": {"level": "WARNING"},
        # fontTools lists every glyph it subsets at INFO (charts embed fonts too)
        "fontTools": {"level": "WARNING"},
    },
}
