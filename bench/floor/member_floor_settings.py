"""Lanting's settings with only the session, authentication and CSRF middleware."""

from lanting.settings import *  # noqa: F403

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "member_floor_app"
LANTING_METRICS = False
