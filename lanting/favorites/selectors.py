from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from lanting.accounts.models import User
from lanting.favorites.models import Favorite

PER_PAGE = 20


def favorites_of(member: User, kind: str | None) -> QuerySet[Favorite]:
    favorites = Favorite.objects.filter(member=member).select_related(
        "thread", "thread__board", "article", "board"
    )
    if kind in Favorite.Kind.values:
        favorites = favorites.filter(kind=kind)
    return favorites.order_by("-created_at", "-pk")


def favorites_page(member: User, kind: str | None, number: str | None) -> Page[Favorite]:
    return Paginator(favorites_of(member, kind), PER_PAGE).get_page(number)
