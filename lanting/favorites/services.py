from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from lanting.accounts.models import User
from lanting.favorites.models import Favorite
from lanting.forum import permissions as forum_permissions
from lanting.forum.models import Board, Thread
from lanting.pagecache.tags import touch
from lanting.portal.models import Article

Kind = Favorite.Kind


class Refused(Exception):  # noqa: N818  (a refusal the member reads, not an error)
    def __init__(self, message: str, *, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # for scripts (the API): "refused", "already", "missing"


def _touch(item: Thread | Article | Board) -> None:
    """The pages that show the item's count are stale."""
    tag = f"{_kind_of(item)}:{item.pk}"  # thread:1, board:2, article:3: what shows the count
    touch(tag)
    transaction.on_commit(lambda: touch(tag))


def favorite_refusal(member: User, item: Thread | Article | Board) -> str | None:
    if isinstance(item, Thread):
        if item.is_deleted or not forum_permissions.can_view_board(member, item.board):
            return _("This thread is not there, or you may not see it.")
    elif isinstance(item, Board):
        if not forum_permissions.can_view_board(member, item):
            return _("You may not see this board.")
    elif not item.is_published:
        return _("This article is not published.")
    return None


def _kind_of(item: Thread | Article | Board) -> str:
    if isinstance(item, Thread):
        return Kind.THREAD
    return Kind.BOARD if isinstance(item, Board) else Kind.ARTICLE


@transaction.atomic
def add_favorite(*, member: User, item: Thread | Article | Board) -> Favorite:
    """收藏: keep the item in the member's favourites, once; its count moves with it."""
    refusal = favorite_refusal(member, item)
    if refusal:
        raise Refused(refusal)
    kind = _kind_of(item)
    try:
        # Two tabs at once: the unique constraint keeps one, the other is told.
        with transaction.atomic():
            favorite = Favorite.objects.create(member=member, kind=kind, **{kind: item})
    except IntegrityError:
        raise Refused(_("This is already in your favourites."), code="already") from None
    type(item).objects.filter(pk=item.pk).update(favorite_count=F("favorite_count") + 1)
    _touch(item)
    return favorite


@transaction.atomic
def remove_favorite(*, member: User, favorite_id: int) -> Favorite:
    favorite = (
        Favorite.objects.select_related("thread", "article", "board")
        .filter(pk=favorite_id, member=member)
        .first()
    )
    # Only the request whose delete took the row moves the count.
    if favorite is None or Favorite.objects.filter(pk=favorite.pk).delete()[0] == 0:
        raise Refused(_("This is not in your favourites (any more)."), code="missing")
    item = favorite.thread or favorite.article or favorite.board
    if item is not None:
        type(item).objects.filter(pk=item.pk).update(
            favorite_count=Greatest(F("favorite_count") - 1, 0)
        )
        _touch(item)
    return favorite


def remove_favorite_of(*, member: User, item: Thread | Article | Board) -> Favorite:
    kind = _kind_of(item)
    favorite = Favorite.objects.filter(member=member, **{kind: item}).first()
    if favorite is None:
        raise Refused(_("This is not in your favourites (any more)."), code="missing")
    return remove_favorite(member=member, favorite_id=favorite.pk)
