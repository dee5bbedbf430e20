"""Django settings: every value comes from `kuza.config` (the environment) with safe defaults."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from kuza import config

BASE_DIR = Path(__file__).resolve().parent
KUZA_HOME = config.kuza_home()
KUZA_HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = str(config.get("KUZA_SECRET_KEY"))
    if given:
        return given
    key_file = KUZA_HOME / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = bool(config.get("KUZA_DEBUG"))
ALLOWED_HOSTS = list(config.get("KUZA_ALLOWED_HOSTS"))  # type: ignore[call-overload]
CSRF_TRUSTED_ORIGINS = list(config.get("KUZA_CSRF_TRUSTED_ORIGINS"))  # type: ignore[call-overload]
SITE_URL = config.site_url()
REDIS_URL = str(config.get("REDIS_URL"))

INSTALLED_APPS = [
    "kuza.core",
    "kuza.accounts",
    "kuza.people",
    "kuza.skills",
    "kuza.translation",
    "kuza.safety",
    "kuza.audience",
    "kuza.mentorship",
    "kuza.learning",
    "kuza.campaigns",
    # After learning, mentorship and campaigns: its demo applies rules to their achievements.
    "kuza.credentials",
    "kuza.events",
    "kuza.surveys",
    "kuza.library",
    "kuza.programs",
    "kuza.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.mediawiki",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Catalogs rewritten by a translator's upload are read before the language is activated.
    "kuza.translation.interface_corrections.InterfaceCorrectionsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the session or a form: a NUL character answers 400 in the
    # visitor's language.
    "kuza.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kuza.safety.middleware.SuspendedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "kuza.urls"
WSGI_APPLICATION = "kuza.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "kuza.core.context_processors.site",
                "kuza.safety.context_processors.safety",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_database_url = str(config.get("DATABASE_URL"))
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": KUZA_HOME / "kuza.sqlite3",
            # WAL lets the web server read while the task worker writes; IMMEDIATE
            # transactions avoid "database is locked" on upgrade from read to write.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background tasks ---------------------------------------------------------------
# Every task goes to one of these queues; `kuza worker --queues` picks among them.
TASK_QUEUES = ["default"]
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis going away must not take pages down with it: see kuza/core/cache.py.
            "BACKEND": "kuza.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    RQ_QUEUES = {name: {"URL": REDIS_URL} for name in TASK_QUEUES}
    # Work enqueued while Redis is unreachable waits in the database (kuza/core/taskqueue.py).
    TASKS = {
        "default": {"BACKEND": "kuza.core.taskqueue.ResilientRQBackend", "QUEUES": TASK_QUEUES}
    }
else:
    # A file cache is shared by every gunicorn worker, which rate limits need.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": KUZA_HOME / "cache",
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

# --- Authentication -------------------------------------------------------------------------
# Django's and allauth's backends, which load the session's user with the facts every page
# shows about the member in the same query (kuza/core/viewers.py).
AUTHENTICATION_BACKENDS = [
    "kuza.accounts.backends.ModelBackend",
    "kuza.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
# A new member answers three short questions first (people/views/welcome.py).
ACCOUNT_SIGNUP_REDIRECT_URL = "people:welcome"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_SIGNUP_FORM_CLASS = "kuza.accounts.forms.ConductSignupForm"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "5/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_ADAPTER = "kuza.accounts.adapters.KuzaAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
MEDIAWIKI_URL = str(config.get("KUZA_MEDIAWIKI_URL")).rstrip("/")
_mediawiki_client_id = str(config.get("KUZA_MEDIAWIKI_CLIENT_ID"))
SOCIALACCOUNT_PROVIDERS = {
    "mediawiki": {
        "REST_API": f"{MEDIAWIKI_URL}/w/rest.php",
        "USERPAGE_TEMPLATE": f"{MEDIAWIKI_URL}/wiki/User:{{username}}",
        "USER_AGENT": f"Kuza/0.1 ({SITE_URL})",
        "APPS": (
            [
                {
                    "client_id": _mediawiki_client_id,
                    "secret": str(config.get("KUZA_MEDIAWIKI_CLIENT_SECRET")),
                }
            ]
            if _mediawiki_client_id
            else []
        ),
    }
}

# --- Email ----------------------------------------------------------------------------------
_email_host = str(config.get("KUZA_EMAIL_HOST"))
if _email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email_host
    EMAIL_PORT = config.get("KUZA_EMAIL_PORT")
    EMAIL_HOST_USER = str(config.get("KUZA_EMAIL_USER"))
    EMAIL_HOST_PASSWORD = str(config.get("KUZA_EMAIL_PASSWORD"))
    EMAIL_USE_TLS = bool(config.get("KUZA_EMAIL_USE_TLS"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = str(config.get("KUZA_DEFAULT_FROM_EMAIL"))

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("sw", _("Swahili")),
    ("pt", _("Portuguese")),
    ("ha", _("Hausa")),
    ("yo", _("Yoruba")),
    ("ig", _("Igbo")),
    ("am", _("Amharic")),
]
# Django knows Igbo and Portuguese but not Hausa, Yoruba or Amharic; without these entries
# {% get_language_info %} fails for them.
LANG_INFO.update(
    {
        "ha": {"bidi": False, "code": "ha", "name": "Hausa", "name_local": "Hausa"},
        "yo": {"bidi": False, "code": "yo", "name": "Yoruba", "name_local": "Èdè Yorùbá"},
        "am": {"bidi": False, "code": "am", "name": "Amharic", "name_local": "አማርኛ"},
    }
)
# Corrections translators upload on the site (stored in the database, written here by each
# machine: kuza/translation/interface_corrections.py) win over every shipped catalog; then
# Kuza's translations of third-party strings (allauth has no Swahili, Hausa, Yoruba, Igbo,
# Amharic or plain Portuguese; Django none in Hausa, Yoruba or Amharic); app catalogs come after.
KUZA_INTERFACE_CORRECTIONS_DIR = KUZA_HOME / "locale-corrections"
LOCALE_PATHS = [KUZA_INTERFACE_CORRECTIONS_DIR, BASE_DIR / "locale"]
USE_I18N = True
# One unambiguous date format per language, 24-hour times, the language's number separators.
FORMAT_MODULE_PATH = ["kuza.core.formats"]
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(str(config.get("KUZA_STATIC_ROOT")) or KUZA_HOME / "static")
STATIC_ROOT = STATIC_ROOT.expanduser().resolve()
MEDIA_URL = "/media/"
MEDIA_ROOT = KUZA_HOME / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names allow far-future caching; WhiteNoise serves the gzip/brotli copies
    # collectstatic made, so phones on 2G download each stylesheet once, compressed.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = int(config.get("KUZA_HSTS_SECONDS"))  # type: ignore[call-overload]
SESSION_COOKIE_SECURE = bool(config.get("KUZA_SECURE_COOKIES"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
if config.get("KUZA_BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    USE_X_FORWARDED_HOST = True

_wiki_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIAWIKI_URL))
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
        "frame-ancestors": ["'none'"],
        # The Wikimedia login form posts here and is redirected to the wiki.
        "form-action": ["'self'", _wiki_origin],
    }
}

KUZA_CERTIFICATE_FONT_DIR = str(config.get("KUZA_CERTIFICATE_FONT_DIR"))
# Local test wikis over http (kuza.campaigns.services._check_public_address); off in production.
KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS = bool(config.get("KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS"))
# Limits on Open edX export archives (kuza.learning.olx.archive), in megabytes and files.
KUZA_OLX_MAX_ARCHIVE_MB = int(config.get("KUZA_OLX_MAX_ARCHIVE_MB"))  # type: ignore[call-overload]
KUZA_OLX_MAX_UNPACKED_MB = int(config.get("KUZA_OLX_MAX_UNPACKED_MB"))  # type: ignore[call-overload]
KUZA_OLX_MAX_FILE_MB = int(config.get("KUZA_OLX_MAX_FILE_MB"))  # type: ignore[call-overload]
KUZA_OLX_MAX_FILES = int(config.get("KUZA_OLX_MAX_FILES"))  # type: ignore[call-overload]
KUZA_OLX_MAX_DATA_IMAGE_MB = int(config.get("KUZA_OLX_MAX_DATA_IMAGE_MB"))  # type: ignore[call-overload]

# --- API ------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "kuza.api.pagination.BoundedLimitOffsetPagination"
# Raised for the fuzzing stage of CI, which sends thousands of requests from one address.
KUZA_API_RATE = {
    "anonymous": str(config.get("KUZA_API_RATE_ANONYMOUS")),
    "token": str(config.get("KUZA_API_RATE_TOKEN")),
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": str(config.get("KUZA_LOG_LEVEL")).upper()},
    # fontTools logs dozens of lines per certificate PDF at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
