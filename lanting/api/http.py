"""What every API request goes through, around the endpoint itself.

In order: the requester's language; the rate limit (per token, else per address);
the token in ``Authorization: Bearer``, which makes its member the request's user (a
bad token is refused, never read as a guest); then the endpoint; then an ``ETag`` on
every successful read, and ``304 Not Modified`` when the client already has it.
"""

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.api.errors import ApiError, error_response
from lanting.api.services import token_for
from lanting.core.ratelimit import client_ip, hit

WINDOW_SECONDS = 60


def _known(code: str) -> str | None:
    code = code.lower()
    if code.startswith("zh"):
        return "zh-hans"
    if code.startswith("en"):
        return "en"
    return None


def requested_language(request: HttpRequest, member: Any = None) -> str:
    """``?lang=``, else the member's own setting, else Accept-Language, else the site's
    language switch (its cookie), else the site's language (简体中文 by default)."""
    known = dict(settings.LANGUAGES)
    asked = request.GET.get("lang", "")
    if asked in known:
        return asked
    language = getattr(member, "language", "") if isinstance(member, User) else ""
    if language in known:
        return str(language)
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if found := _known(code):
            return found
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in known else str(settings.LANGUAGE_CODE)


def retry_after(key: str, limit: int) -> int | None:
    """Count one request in this minute's window; the seconds until the next, when over."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    if hit(f"api:{key}:{window}", limit=limit, window_seconds=WINDOW_SECONDS):
        return None
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))


def too_many(seconds: int) -> ApiError:
    message = _("Too many requests just now. Try again in %(seconds)d seconds.")
    return ApiError(429, message % {"seconds": seconds}, headers={"Retry-After": str(seconds)})


def _limited(seconds: int) -> HttpResponse:
    return error_response(too_many(seconds))


def _check_limits(request: HttpRequest, header: str) -> int | None:
    if header:
        key = hashlib.sha256(header.encode()).hexdigest()[:24]
        return retry_after(f"token:{key}", settings.LANTING_API_TOKEN_PER_MINUTE)
    return retry_after(f"ip:{client_ip(request)}", settings.LANTING_API_IP_PER_MINUTE)


def _authenticate(request: HttpRequest, header: str) -> HttpResponse | None:
    scheme, _sep, value = header.partition(" ")
    token = token_for(value.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        # A wrong token also counts against its address: guessing costs like anything else.
        address = f"ip:{client_ip(request)}"
        if (seconds := retry_after(address, settings.LANTING_API_IP_PER_MINUTE)) is not None:
            return _limited(seconds)
        message = _("This token is not valid, or was revoked.")
        return error_response(ApiError(401, message, code="invalid_token"))
    request.api_token = token  # type: ignore[attr-defined]
    request.user = token.member
    refusal = permissions.visit_refusal(token.member)
    if refusal:
        return error_response(ApiError(403, refusal, code="banned"))
    return None


def _etag(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if request.method not in {"GET", "HEAD"} or response.status_code != 200:
        return response
    if not isinstance(response, HttpResponse):
        return response
    digest = hashlib.sha256(response.content)
    digest.update(translation.get_language().encode())
    tag = f'"{digest.hexdigest()[:32]}"'
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    asked = {
        part.strip().removeprefix("W/")
        for part in request.headers.get("If-None-Match", "").split(",")
    }
    if tag in asked or "*" in asked:
        not_modified = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
            if name in response:
                not_modified[name] = response[name]
        return not_modified
    return response


def api_request(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        header = request.headers.get("Authorization", "").strip()
        with translation.override(requested_language(request, request.user)):
            if (seconds := _check_limits(request, header)) is not None:
                response: HttpResponseBase = _limited(seconds)
            elif header and (refused := _authenticate(request, header)) is not None:
                response = refused
            else:
                with translation.override(requested_language(request, request.user)):
                    response = view(request, *args, **kwargs)
                    if response.status_code == 405 and "Allow" in response:
                        allowed = response["Allow"]
                        response = error_response(ApiError(405))
                        response["Allow"] = allowed
                    response["Content-Language"] = translation.get_language()
                    response = _etag(request, response)
            patch_vary_headers(response, ("Accept-Language", "Authorization", "Cookie"))
            return response

    return wrapped
