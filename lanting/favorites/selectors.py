from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from lanting.accounts.models import User
from lanting.favorites.models import Favorite
from lanting.forum.permissions import hidden_board_ids
from lanting.portal.models import Article

PER_PAGE = 20


def favorites_of(member: User, kind: str | None) -> QuerySet[Favorite]:
    """What the member kept and may still see: a thread since deleted or moved to a board
    hidden from them, or an article taken back to draft, is not listed (nor named)."""
    hidden = hidden_board_ids(member)
    favorites = (
        Favorite.objects.filter(member=member)
        .exclude(thread__is_deleted=True)
        .exclude(thread__board_id__in=hidden)
        .exclude(board_id__in=hidden)
        .exclude(
            Q(kind=Favorite.Kind.ARTICLE)
            & ~Q(
                article__status=Article.Status.PUBLISHED,
                article__published_at__lte=timezone.now(),
            )
        )
        .select_related("thread", "thread__board", "article", "board")
    )
    if kind in Favorite.Kind.values:
        favorites = favorites.filter(kind=kind)
    return favorites.order_by("-created_at", "-pk")


def favorites_page(member: User, kind: str | None, number: str | None) -> Page[Favorite]:
    return Paginator(favorites_of(member, kind), PER_PAGE).get_page(number)
