from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt

from lanting.api import views
from lanting.api.api import api
from lanting.api.errors import ApiError, error_response
from lanting.api.http import api_request


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = api_request(pattern.callback)
    return patterns


@csrf_exempt  # as ninja's own views: the API checks CSRF only where a session writes
@api_request
def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    return error_response(ApiError(404))


# One namespace, "api": the token pages and ninja's operations (api:openapi-json, …).
app_name = "api"
ninja_patterns, _app, _namespace = api.urls
urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/settings/tokens/", views.tokens, name="tokens"),
    path("accounts/settings/tokens/<int:token_id>/revoke/", views.revoke, name="token-revoke"),
    path("api/", (_wrapped(list(ninja_patterns)), None, None)),
    re_path(r"^api/(?P<rest>[\s\S]*)\Z", not_found),  # any /api/ address: a JSON 404
]
