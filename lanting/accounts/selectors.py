from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lanting.accounts.models import CreditEntry, User
from lanting.accounts.services import title_group


def member_by_username(username: str) -> User:
    return get_object_or_404(
        User.objects.select_related("group", "rank"), username=username, is_active=True
    )


def profile_facts(member: User) -> dict[str, Any]:
    return {
        "current_group": title_group(member),
        "credit_entries": list(CreditEntry.objects.filter(member=member)[:5]),
    }


def member_of(request: HttpRequest) -> User:
    """The logged-in member making the request (views behind login_required)."""
    if not isinstance(request.user, User) or not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


MEMBER_COUNT_SECONDS = 600  # a count of every member is a scan: the home page shows one kept


def member_count() -> int:
    counted: int | None = cache.get("accounts:member-count")
    if counted is None:
        counted = User.objects.filter(is_active=True).count()
        cache.set("accounts:member-count", counted, MEMBER_COUNT_SECONDS)
    return counted
