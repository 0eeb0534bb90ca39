"""Lanting settings. Defaults run as they are; production changes environment variables.

See README.md, "Configuration", for every variable.
"""

import datetime as dt
from pathlib import Path
from typing import Any

import django_stubs_ext

from lanting.conf import (
    cache_from_url,
    content_security_policy,
    db_from_url,
    env,
    env_bool,
    env_int,
    env_list,
    s3_storages,
    secret_key,
    time_zone,
)

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env("LANTING_VAR_DIR", str(BASE_DIR.parent / "var"))).resolve()

SECRET_KEY = secret_key(VAR_DIR)
DEBUG = env_bool("LANTING_DEBUG", default=False)
ALLOWED_HOSTS = env_list("LANTING_ALLOWED_HOSTS", default="127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("LANTING_CSRF_TRUSTED_ORIGINS", default="")

INSTALLED_APPS = [
    "lanting.pagecache",
    "lanting.markup",
    "lanting.core",
    "lanting.accounts",
    "lanting.moderation",
    "lanting.portal",
    "lanting.forum",
    "lanting.polls",
    "lanting.search",
    "lanting.archiver",
    "lanting.api",
    "ninja",  # the API docs page's own Swagger UI files, served with ours (no CDN)
    "lanting.importers.discuz",
    "lanting.demo",
    "django_rq",  # the Redis backend's queues (django-tasks-rq needs it installed)
    "lanting.jobs",
    "lanting.notifications",
    "lanting.operations",
    "lanting.reactions",
    "lanting.favorites",
    "lanting.messages",
    "django_tasks",
    "lanting.jobs.apps.TasksDatabaseConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "lanting.accounts.apps.AxesConfig",  # django-axes, its name translated
]

MIDDLEWARE = [
    "lanting.pagecache.guests.GuestPageMiddleware",  # first: a guest's cached page skips the rest
    "lanting.core.middleware.RejectHostileRequestMiddleware",  # NUL bytes: 400, not 500
    "django.middleware.security.SecurityMiddleware",
    "lanting.core.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, made once
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lanting.core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lanting.accounts.middleware.MemberPreferencesMiddleware",
    "lanting.moderation.middleware.BanMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lanting.urls"
WSGI_APPLICATION = "lanting.wsgi.application"

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
                "lanting.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": db_from_url(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lanting.sqlite3'}"),
        var=VAR_DIR,
        prepared=env_bool("LANTING_DB_PREPARED", default=True),
    )
}
# Reads that may be a moment stale (public pages, lists, search) go to a replica when one
# is given; writes, a browser that has just written, and who-may-do-what read the primary
# (lanting.operations.replicas). In tests the replica is a mirror of the test database.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
LANTING_REPLICA_PIN_SECONDS = env_int("LANTING_REPLICA_PIN_SECONDS", default=10)
# How far behind the replica may be: a page made within that long of a change to what it
# shows is not kept (it may have read the replica before the change reached it).
LANTING_REPLICA_LAG_SECONDS = (
    env_int("LANTING_REPLICA_LAG_SECONDS", default=5) if DATABASE_REPLICA_URL else 0
)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **db_from_url(
            DATABASE_REPLICA_URL,
            var=VAR_DIR,
            prepared=env_bool("LANTING_DB_PREPARED", default=True),
            name="DATABASE_REPLICA_URL",
        ),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["lanting.operations.replicas.ReplicaRouter"]
    # After the guests' page cache (a hit needs no database), before anything that reads.
    MIDDLEWARE.insert(1, "lanting.operations.replicas.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
CACHES = {"default": cache_from_url(REDIS_URL or "locmem://")}
# Without Redis: how one worker's changes reach the others (lanting.pagecache.changes).
LANTING_CHANGES_FILE = Path(env("LANTING_CHANGES_FILE", str(VAR_DIR / "cache" / "changes.log")))
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out accounts and addresses first
    "lanting.accounts.backends.UsernameOrEmailBackend",
]
# Login protection (django-axes): 5 failures for one account from one address within 15
# minutes lock that pair out for 15 minutes, so one person behind a shared network (a
# student hall, an office) locks out only themselves. One address failing for many accounts
# is stopped at a much higher ceiling (accounts.services.login_address_refusal).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LANTING_LOGIN_FAILURES_PER_ADDRESS = env_int("LANTING_LOGIN_FAILURES_PER_ADDRESS", default=50)
# Flood control (each group's seconds between posts); tests switch it on where they test it.
LANTING_FLOOD_CONTROL = env_bool("LANTING_FLOOD_CONTROL", default=True)
AXES_USERNAME_CALLABLE = "lanting.accounts.backends.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "lanting.core.ratelimit.client_ip"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "lanting.accounts.hashers.DiscuzPasswordHasher",  # imported members; upgraded at login
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANTING_LANGUAGE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    from lanting.conf import ConfigError

    raise ConfigError(f"LANTING_LANGUAGE={LANGUAGE_CODE!r} is not one of zh-hans, en.")
LOCALE_PATHS: list[str] = []  # each app keeps its catalogue in <app>/locale/
TIME_ZONE = time_zone("LANTING_TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("LANTING_MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads: files under MEDIA_ROOT by default; "attachments" (forum attachments, served only
# after the forum's permission check) is the same folder. With LANTING_S3_BUCKET both go
# to S3-compatible object storage (conf.s3_storages).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    **(s3_storages() or {}),
}
# A page rendered before collectstatic (tests, a fresh checkout) falls back to
# the plain file name instead of failing.
WHITENOISE_MANIFEST_STRICT = False
# Uploaded files are served by Lanting itself in the embedded setup; in
# production a web server or object storage serves MEDIA_URL instead.
LANTING_SERVE_MEDIA = env_bool("LANTING_SERVE_MEDIA", default=True)

# An address; mail goes out as "<site name> <address>" (core.selectors.site_sender).
DEFAULT_FROM_EMAIL = env("LANTING_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("LANTING_SMTP_HOST"):
    LANTING_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("LANTING_SMTP_HOST")
    EMAIL_PORT = env_int("LANTING_SMTP_PORT", default=587)
    EMAIL_HOST_USER = env("LANTING_SMTP_USER")
    EMAIL_HOST_PASSWORD = env("LANTING_SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("LANTING_SMTP_TLS", default=True)
elif env("LANTING_EMAIL_DIR"):
    LANTING_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("LANTING_EMAIL_DIR")
else:
    LANTING_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Mail is handed to the background worker (lanting.jobs.mail), which sends it as above.
EMAIL_BACKEND = "lanting.jobs.mail.QueuedEmailBackend"
# Links in mail sent by jobs (no request to ask): "https://example.org"; empty, the first host.
LANTING_SITE_URL = env("LANTING_SITE_URL", "").rstrip("/")
# The daily digest of notices goes to members who have not visited for this many days.
LANTING_DIGEST_AWAY_DAYS = env_int("LANTING_DIGEST_AWAY_DAYS", default=2)

# Background jobs (lanting.jobs): in the database by default, run by `lanting worker`;
# on Redis (RQ) when REDIS_URL is set; LANTING_JOBS=immediate runs them in the request.
LANTING_JOBS = env("LANTING_JOBS", "redis" if REDIS_URL else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "redis": "lanting.jobs.backends.FallbackRQBackend",  # runs jobs inline if Redis is down
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[LANTING_JOBS],
        "QUEUES": ["default"],
    }
}
_RQ_URL = REDIS_URL or "redis://127.0.0.1:6379/0"
# A dead Redis is noticed in half a second (no read timeout: the worker blocks on it).
_RQ_URL += ("&" if "?" in _RQ_URL else "?") + "socket_connect_timeout=0.5"
RQ_QUEUES = {"default": {"URL": _RQ_URL, "DEFAULT_TIMEOUT": 600}}
# Jobs are short (a mail, a counter flush): run them in the worker's own process rather
# than a fork per job, which also keeps the worker's database connection its own.
RQ = {"WORKER_CLASS": "rq.worker.SimpleWorker"}

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("LANTING_BEHIND_PROXY", default=False) else None
)
LANTING_HTTPS = env_bool("LANTING_HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANTING_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Browsers come back only over HTTPS for this long (sent on HTTPS answers only; 0: not sent).
SECURE_HSTS_SECONDS = env_int("LANTING_HSTS_SECONDS", default=31_536_000) if LANTING_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LANTING_HSTS_SUBDOMAINS", default=False)
# Content-Security-Policy on every answer, kept guest pages included (pagecache.headers):
# no inline script anywhere, so one constant policy fits every page and no nonce is needed.
LANTING_CSP_REPORT_ONLY = env_bool("LANTING_CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY: dict[str, Any] | None = content_security_policy(https=LANTING_HTTPS)
if LANTING_CSP_REPORT_ONLY:  # the browser reports what it would block, and blocks nothing
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None
# Compressed pages (gzip) from the app itself; 0 behind a web server that compresses them.
LANTING_COMPRESS = env_bool("LANTING_COMPRESS", default=True)

# Views are counted in the cache and written to the database in batches: at
# the latest after this many seconds, or when this many views are pending.
LANTING_VIEW_FLUSH_SECONDS = env_int("LANTING_VIEW_FLUSH_SECONDS", default=60)
LANTING_VIEW_FLUSH_PENDING = env_int("LANTING_VIEW_FLUSH_PENDING", default=100)
# Guests' pages come whole from the cache until what they show changes.
LANTING_GUEST_PAGE_CACHE = env_bool("LANTING_GUEST_PAGE_CACHE", default=True)
# ...and a shared cache in front of the app (nginx's micro-cache) may keep them this long
# (Cache-Control s-maxage); 0 lets it keep none, so every guest request reaches the app.
LANTING_PROXY_CACHE_SECONDS = env_int("LANTING_PROXY_CACHE_SECONDS", default=1)
# The JSON API (lanting.api): requests a minute per address (guests) and per token.
LANTING_API_IP_PER_MINUTE = env_int("LANTING_API_IP_PER_MINUTE", default=240)
LANTING_API_TOKEN_PER_MINUTE = env_int("LANTING_API_TOKEN_PER_MINUTE", default=240)
# With Redis, each worker also keeps up to this many MB of those pages itself,
# dropped as soon as Redis says they changed (0: every hit asks Redis).
LANTING_NEAR_PAGES_MB = env_int("LANTING_NEAR_PAGES_MB", default=16)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "quiet": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env("LANTING_LOG_LEVEL", "WARNING")},
    # A request for a host we do not serve is a scanner's, answered 400: not an error of ours.
    "loggers": {"django.security.DisallowedHost": {"handlers": ["quiet"], "propagate": False}},
}

# /healthz and /metrics answer these networks only (others get 404); behind a proxy the
# client's own address counts (LANTING_BEHIND_PROXY). Metrics can be switched off.
LANTING_OPS_NETWORKS = env("LANTING_OPS_NETWORKS", "127.0.0.0/8,::1/128")
LANTING_METRICS = env_bool("LANTING_METRICS", default=True)
