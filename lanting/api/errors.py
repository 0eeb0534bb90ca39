"""One error shape for every refusal: ``{"error": {"code", "message", "fields"}}``.

The message is in the requester's language (``lanting.api.http`` activates it), and
``fields`` names each input that was refused, with why.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from lanting.accounts.captcha import ProofNeededError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "rate_limited",
}


def default_message(status: int) -> str:
    messages = {
        400: _("The request could not be understood."),
        401: _("Log in, or send a valid token: Authorization: Bearer <token>."),
        403: _("You may not do this."),
        404: _("There is nothing here, or it is not yours to see."),
        405: _("This address does not take that method."),
        409: _("This was changed by someone else at the same moment. Try again."),
        429: _("Too many requests just now. Wait a little, please."),
    }
    return messages.get(status, _("The request could not be understood."))


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message or default_message(status)
        self.fields = fields or {}
        self.headers = headers or {}


def error_response(error: ApiError) -> JsonResponse:
    body = {"error": {"code": error.code, "message": error.message, "fields": error.fields}}
    response = JsonResponse(body, status=error.status, json_dumps_params={"ensure_ascii": False})
    for name, value in error.headers.items():
        response[name] = value
    return response


# ValidationError codes that mean "not now" rather than "not this": answered 429, with
# Retry-After when the refusal gives its ``wait`` in seconds (params={"wait": n}).
TOO_SOON = {"flood", "posting_limit"}


def _from_django_validation(error: DjangoValidationError) -> ApiError:
    if isinstance(error, ProofNeededError):
        # A member who must prove they are a person to post (few posts, or a new member's
        # link): a token cannot solve the puzzle, and exempting tokens would hand every
        # spammer who registered once a way round it. Refused, saying where to post.
        return ApiError(403, error.api_message, code="captcha_required")
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        first = next((m[0] for m in fields.values() if m), None)
        if "__all__" in fields:
            fields.pop("__all__")
        return ApiError(400, first or _("Check the fields marked."), fields=fields)
    messages = [str(m) for m in error.messages]
    flood = next((e for e in error.error_list if e.code in TOO_SOON), None)
    if flood is not None:  # posting too fast: a rate limit of the services' own
        wait = (flood.params or {}).get("wait")
        headers = {"Retry-After": str(int(wait))} if isinstance(wait, int | float) else {}
        return ApiError(429, " ".join(messages) or None, headers=headers)
    return ApiError(400, " ".join(messages) or None)


SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
ARGUMENTS = {"payload", "filters", "paging", "params"}  # the endpoints' names for their inputs


def _from_request_validation(error: NinjaValidationError) -> ApiError:
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ())]
        if location and location[0] in SOURCES:
            location = location[1:]
        if len(location) > 1 and location[0] in ARGUMENTS:
            location = location[1:]
        name = ".".join(location) or "__all__"
        if item.get("type") == "missing":
            message = _("This field is required.")
        else:
            message = _("This value is not valid.")
        fields.setdefault(name, []).append(message)
    return ApiError(400, _("Check the fields marked."), code="invalid", fields=fields)


def as_api_error(error: Exception) -> ApiError | None:
    """The API error an exception stands for; None for a bug (left to Django's 500)."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, NinjaValidationError):
        return _from_request_validation(error)
    if isinstance(error, AuthenticationError):
        return ApiError(401)
    if isinstance(error, Http404):
        return ApiError(404)
    if isinstance(error, PermissionDenied):
        return ApiError(403, str(error) or None)
    if isinstance(error, DjangoValidationError):
        return _from_django_validation(error)
    if isinstance(error, IntegrityError):
        return ApiError(409)
    if isinstance(error, HttpError):
        status = error.status_code if error.status_code in CODES else 400
        return ApiError(status)
    return None


def handle(request: HttpRequest, error: Any) -> HttpResponse:
    found = as_api_error(error) if isinstance(error, Exception) else None
    if found is None:
        raise error
    return error_response(found)


HANDLED: tuple[type[Exception], ...] = (
    ApiError,
    NinjaValidationError,
    AuthenticationError,
    Http404,
    PermissionDenied,
    DjangoValidationError,
    IntegrityError,
    HttpError,
)
ERROR_STATUSES = (400, 401, 403, 404, 409, 429)


def error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "fields"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    }
