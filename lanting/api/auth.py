"""Who may write: a token with the write scope, or the site's own session with its CSRF token.

``lanting.api.http`` has already checked the bearer token and made its member the
request's user; these classes say so to ninja (and to the OpenAPI schema).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from lanting.api.errors import ApiError


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        checked = getattr(request, "api_token", None)
        if checked is None:
            return None
        if request.method not in {"GET", "HEAD", "OPTIONS"} and not checked.can_write:
            raise ApiError(
                403,
                _("This token may only read. Make a read and write token to post."),
                code="insufficient_scope",
            )
        return checked.member


class SessionWithCsrf(APIKeyCookie):
    """The member logged in to the site, for its own scripts: unsafe methods need the
    CSRF token (the ``X-CSRFToken`` header), as the site's forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if getattr(request, "api_token", None) is not None:
            return None  # a token speaks for itself
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise ApiError(
                403,
                _("The page's security token is missing or old. Reload the page and try again."),
                code="csrf_failed",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated else None


member_auth = [BearerToken(), SessionWithCsrf()]
