from collections.abc import Callable

from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from lanting.pagecache.headers import policy_headers
from lanting.pagecache.language import LANGUAGE_PARAM, choose_language

__all__ = [
    "LANGUAGE_PARAM",
    "ContentSecurityPolicyMiddleware",
    "RejectHostileRequestMiddleware",
    "SiteLanguageMiddleware",
]


class SiteLanguageMiddleware:
    """The language a visitor chose with the switch, else the site's own.

    A ?lang= parameter overrides the cookie for that one request.
    Unlike Django's LocaleMiddleware it ignores Accept-Language: a Chinese
    community site opens in Chinese unless the reader asks otherwise, and every
    page then has exactly two cacheable versions.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # ?lang=en shows one page in a language without changing the reader's
        # choice: the address search engines list as the page's other language.
        language = choose_language(
            request.GET.get(LANGUAGE_PARAM, ""),
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RejectHostileRequestMiddleware:
    """A NUL byte in the path or query is refused with the site's 400 page.

    No address of ours holds one, and PostgreSQL refuses it in a query parameter
    (``ValueError``), which would answer 500 from whichever view looked it up.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or "%00" in request.META.get("QUERY_STRING", "")
            or any("\x00" in value for values in request.GET.lists() for value in values[1])
        ):
            from django.views.defaults import bad_request

            if request.path.startswith("/api/"):
                message = gettext("The request could not be understood.")
                # The API's one error shape (lanting.api.errors).
                error = {"code": "bad_request", "message": message, "fields": {}}
                return JsonResponse({"error": error}, status=400)
            return bad_request(request, SuspiciousOperation("NUL byte in the request"))
        return self.get_response(request)


# Set on a response by django-csp's decorators: that response's policy is its own.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's one policy made once per worker.

    django-csp builds the header afresh for every response (about 40 µs here); every page of
    ours has the same policy and asks for no nonce, so it goes out as the constant a kept
    guest page gets (``pagecache.headers``). A view with a policy of its own (django-csp's
    decorators) or a template that asked for a nonce takes django-csp's own way.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY)
            or (settings.DEBUG and response.status_code in {404, 500})
        ):
            return super().process_response(request, response)
        for name, value in policy_headers():
            response.headers.setdefault(name, value)
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
