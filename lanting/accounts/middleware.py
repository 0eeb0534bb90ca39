import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from lanting.accounts.models import User
from lanting.accounts.services import touch_last_visit

LAST_VISIT_EVERY = 300  # seconds: a member's "last visit" is written at most this often


class MemberPreferencesMiddleware:
    """A logged-in member's own time zone and language, and their last visit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        member = request.user
        if isinstance(member, User) and member.is_authenticated:
            if member.time_zone:
                timezone.activate(member.time_zone)
            if member.language and "django_language" not in request.COOKIES:
                translation.activate(member.language)
                request.LANGUAGE_CODE = member.language
            now = int(time.time())
            if now - int(request.session.get("lanting_seen", 0)) > LAST_VISIT_EVERY:
                request.session["lanting_seen"] = now
                touch_last_visit(member)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
