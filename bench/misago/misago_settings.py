"""Minimal production settings for Misago 0.39, the benchmark's peer.

The wheel ships Misago's apps but no project: this is one, after the
``devproject`` in Misago's repository, with DEBUG off, no debug toolbar, the
benchmark's PostgreSQL database ``misago_bench`` and Redis as the cache (Misago
advises against the local-memory cache in production).
"""

import os
from pathlib import Path

from misago.settings import *  # noqa: F403  (Misago's apps, context processors)
from misago.settings import INSTALLED_APPS as MISAGO_APPS

WORK = Path(os.environ.get("MISAGO_BENCH_WORK", "/tmp/misago-bench"))  # noqa: S108  (default only)

SECRET_KEY = os.environ.get("SECRET_KEY", "misago-bench-" + "x" * 40)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("MISAGO_DB", "misago_bench"),
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": 5432,
        "CONN_MAX_AGE": 600,  # as Lanting's production settings
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("MISAGO_REDIS_URL", "redis://127.0.0.1:6379/4"),
    }
}

AUTH_PASSWORD_VALIDATORS: list[dict[str, object]] = []
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = str(WORK / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = str(WORK / "media")
STATICFILES_DIRS: list[str] = []

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Forums <noreply@localhost>"

AUTH_USER_MODEL = "misago_users.User"
AUTHENTICATION_BACKENDS = ["misago.users.authbackends.MisagoBackend"]
CSRF_FAILURE_VIEW = "misago.core.errorpages.csrf_failure"
INSTALLED_PLUGINS: list[str] = []
INSTALLED_APPS = [app for app in MISAGO_APPS if app != "debug_toolbar"]
LOGIN_REDIRECT_URL = "misago:index"
LOGIN_URL = "misago:login"
LOGOUT_URL = "misago:logout"

MIDDLEWARE = [
    "misago.users.middleware.RealIPMiddleware",
    "misago.core.middleware.FrontendContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "misago.cache.middleware.cache_versions_middleware",
    "misago.conf.middleware.dynamic_settings_middleware",
    "misago.socialauth.middleware.socialauth_providers_middleware",
    "misago.users.middleware.UserMiddleware",
    "misago.acl.middleware.user_acl_middleware",
    "misago.core.middleware.ExceptionHandlerMiddleware",
    "misago.users.middleware.OnlineTrackerMiddleware",
    "misago.admin.middleware.AdminAuthMiddleware",
    "misago.threads.middleware.UnreadThreadsCountMiddleware",
]

ROOT_URLCONF = "misago_urls"
WSGI_APPLICATION = "misago_wsgi.application"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SOCIAL_AUTH_STRATEGY = "misago.socialauth.strategy.MisagoStrategy"
SOCIAL_AUTH_JSONFIELD_ENABLED = True

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": TEMPLATE_CONTEXT_PROCESSORS},  # noqa: F405
    }
]

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["misago.core.rest_permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "misago.core.exceptionhandler.handle_api_exception",
    "UNAUTHENTICATED_USER": "misago.users.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
}

CELERY_BROKER_URL = "redis://127.0.0.1:6379/5"
CELERY_TASK_ALWAYS_EAGER = True  # no worker in the benchmark; nothing is queued while reading
MISAGO_SEARCH_CONFIG = "simple"
MISAGO_AVATARS_SIZES = [400, 200, 100]
MISAGO_USER_DATA_DOWNLOADS_WORKING_DIR = str(WORK / "userdata")
MISAGO_AVATAR_GALLERY = str(WORK / "avatargallery")
MISAGO_PROFILE_FIELDS: list[dict[str, object]] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
