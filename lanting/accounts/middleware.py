import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.functional import LazyObject

from lanting.accounts.models import User
from lanting.accounts.services import touch_last_visit

LAST_VISIT_EVERY = 300  # seconds: a member's "last visit" is written at most this often
NEW_VISIT_AFTER = 3600  # seconds away after which coming back is a new visit


def visit_since(request: HttpRequest) -> dt.datetime | None:
    """When the member's previous visit was: what came after is new to them."""
    stamp = request.session.get("lanting_since") if request.user.is_authenticated else None
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC) if stamp else None


def _loaded(user: Any) -> Any:
    """The user behind Django's lazy ``request.user``, loaded now (or ``user`` itself)."""
    if isinstance(user, LazyObject):
        lazy: Any = user
        lazy.is_authenticated  # noqa: B018  (loads it)
        return lazy._wrapped
    return user


class MemberPreferencesMiddleware:
    """A logged-in member's own time zone and language, and their last visit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The member itself, not Django's lazy stand-in: every page asks it dozens of
        # questions, and each through the stand-in costs a caught exception.
        member = request.user = _loaded(request.user)
        if isinstance(member, User) and member.is_authenticated:
            if member.time_zone:
                timezone.activate(member.time_zone)
            if member.language and "django_language" not in request.COOKIES:
                translation.activate(member.language)
                request.LANGUAGE_CODE = member.language
            now = int(time.time())
            seen = int(request.session.get("lanting_seen", 0))
            if now - seen > LAST_VISIT_EVERY:
                if now - seen > NEW_VISIT_AFTER or "lanting_since" not in request.session:
                    # What is new to them is what came after their previous visit.
                    previous = member.last_visit or member.date_joined
                    request.session["lanting_since"] = int(previous.timestamp())
                request.session["lanting_seen"] = now
                touch_last_visit(member)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
