"""Who may do what in which board: the member's group rules, then the board's own."""

from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.forum.models import Board, BoardPermission, Post, Thread
from lanting.pagecache.requestmemo import forget, read_with_each_request, remembered

RULES_CACHE_KEY = "forum:board-rules:v1"
read_with_each_request(RULES_CACHE_KEY)
GUESTS = 0


def _rules() -> dict[str, Any]:
    """Every board's group rows and moderators, read once and cached until edited."""
    return remembered(RULES_CACHE_KEY, _read_rules)


def _read_rules() -> dict[str, Any]:
    rules: dict[str, Any] | None = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rows: dict[int, dict[int, tuple[bool, bool, bool, bool]]] = {}
        for row in BoardPermission.objects.all():
            rows.setdefault(row.board_id, {})[row.group_id or GUESTS] = (
                row.can_view, row.can_post, row.can_reply, row.can_upload
            )  # fmt: skip
        moderators: dict[int, set[int]] = {}
        for board_id, user_id in Board.moderators.through.objects.values_list("board", "user"):
            moderators.setdefault(board_id, set()).add(user_id)
        rules = {"rows": rows, "moderators": moderators}
        cache.set(RULES_CACHE_KEY, rules, None)
    return rules


def forget_rules() -> None:
    cache.delete(RULES_CACHE_KEY)
    forget(RULES_CACHE_KEY)


def _board_row(user: Any, board: Board) -> tuple[bool, bool, bool, bool] | None:
    rows: dict[int, tuple[bool, bool, bool, bool]] = _rules()["rows"].get(board.pk, {})
    if not rows:
        return None
    if not getattr(user, "is_authenticated", False):
        return rows.get(GUESTS)
    group = user.current_group
    return rows.get(group.pk) if group else None


def is_board_moderator(user: Any, board: Board) -> bool:
    if permissions.is_moderator(user):
        return True
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if permissions.visit_refusal(user) or permissions.post_refusal(user):
        return False  # a banned moderator moderates nothing
    return user.pk in _rules()["moderators"].get(board.pk, set()) or (
        board.parent_id is not None
        and user.pk in _rules()["moderators"].get(board.parent_id, set())
    )


def can_view_board(user: Any, board: Board) -> bool:
    if permissions.is_moderator(user):
        return True
    row = _board_row(user, board)
    return row[0] if row else True


def hidden_board_ids(user: Any) -> set[int]:
    """Boards this reader may not view, from the cached rules (no query once warm)."""
    if permissions.is_moderator(user):
        return set()
    if getattr(user, "is_authenticated", False):
        group = user.current_group
        key = group.pk if group else None
    else:
        key = GUESTS
    hidden = set()
    for board_id, rows in _rules()["rows"].items():
        row = rows.get(key) if key is not None else None
        if row is not None and not row[0]:
            hidden.add(board_id)
    return hidden


def post_refusal(user: Any, board: Board) -> str | None:
    refusal = permissions.post_refusal(user)
    if refusal:
        return refusal
    row = _board_row(user, board)
    if not can_view_board(user, board) or (row and not row[1]):
        return _("You may not start threads in this board.")
    return None


def reply_refusal(user: Any, thread: Thread) -> str | None:
    refusal = permissions.reply_refusal(user)
    if refusal:
        return refusal
    board = thread.board
    if thread.is_closed and not is_board_moderator(user, board):
        return _("This thread is closed: no more replies.")
    row = _board_row(user, board)
    if not can_view_board(user, board) or (row and not row[2]):
        return _("You may not reply in this board.")
    return None


def upload_refusal(user: Any, board: Board) -> str | None:
    refusal = permissions.upload_refusal(user)
    if refusal:
        return refusal
    row = _board_row(user, board)
    if row and not row[3]:
        return _("You may not upload files in this board.")
    return None


def can_edit_post(user: Any, post: Post) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if is_board_moderator(user, post.thread.board):
        return True
    return post.author_id == user.pk and permissions.reply_refusal(user) is None


def can_see_hidden_content(user: Any, thread: Thread, *, has_replied: bool) -> bool:
    """[hide] content: for the thread's author, those who replied, and moderators."""
    if not getattr(user, "is_authenticated", False):
        return False
    return has_replied or thread.author_id == user.pk or is_board_moderator(user, thread.board)
