"""Who may do what in which board: the member's group rules, then the board's own."""

from typing import Any

from django.utils.translation import gettext as _

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.forum.models import Board, BoardPermission, Post, Thread
from lanting.pagecache.requestmemo import forget, read_with_each_request, remembered
from lanting.pagecache.shared import shared_cache

RULES_CACHE_KEY = "forum:board-rules:v1"
read_with_each_request(RULES_CACHE_KEY)
GUESTS = 0


def _rules() -> dict[str, Any]:
    """Every board's group rows and moderators, read once and cached until edited."""
    return remembered(RULES_CACHE_KEY, _read_rules)


def _read_rules() -> dict[str, Any]:
    rules: dict[str, Any] | None = shared_cache().get(RULES_CACHE_KEY)
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
        shared_cache().set(RULES_CACHE_KEY, rules, None)
    return rules


def forget_rules() -> None:
    shared_cache().delete(RULES_CACHE_KEY)
    forget(RULES_CACHE_KEY)


Row = tuple[bool, bool, bool, bool]  # may view, start threads, reply, upload
NOTHING: Row = (False, False, False, False)


def _group_keys(user: Any) -> list[int]:
    """The rows that may speak for this reader, in order: guests'; else the member's group,
    then their rank (a ban or a moderator's group says nothing of a board: the rank does)."""
    if not getattr(user, "is_authenticated", False):
        return [GUESTS]
    group = user.current_group
    keys = [group.pk] if group else []
    if user.rank_id and user.rank_id not in keys:
        keys.append(user.rank_id)
    return keys


def _board_row(user: Any, board: Board) -> Row | None:
    """The board's own answer for this reader; None when the board has no rows at all.

    A board that hides itself from anyone (a row that may not view) lets in only those
    a row admits: a reader without one (a rank-less member, a group nobody listed) is
    kept out. Deny by default, so no ban or group change can widen what someone reads.
    """
    rows: dict[int, Row] = _rules()["rows"].get(board.pk, {})
    if not rows or permissions.is_moderator(user) or _moderates(user, board.pk):
        return None  # the board says nothing, or to those who moderate it
    keys = _group_keys(user)
    row = next((rows[key] for key in keys if key in rows), None)
    if row is not None:
        return row
    if _restricted(rows, guest=keys == [GUESTS]):
        return NOTHING  # the board is restricted and no row admits this reader
    return None  # rows only for others, and nothing hidden: the groups' own rules apply


def _restricted(rows: dict[int, Row], *, guest: bool) -> bool:
    """Does the board hide itself from readers like this one? A row hiding it from guests
    alone ("members only") says nothing of members; one hiding it from any member group
    makes it a board for the groups listed, and hides it from guests too."""
    return any(not row[0] for key, row in rows.items() if guest or key != GUESTS)


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


def moderated_board_ids(user: Any) -> set[int] | None:
    """The boards the member moderates (their sub-boards too); None: every board."""
    if permissions.is_moderator(user):
        return None
    if not isinstance(user, User) or not user.is_authenticated:
        return set()
    if permissions.visit_refusal(user) or permissions.post_refusal(user):
        return set()
    own = {board for board, people in _rules()["moderators"].items() if user.pk in people}
    if not own:
        return set()
    children = Board.objects.filter(parent_id__in=own).values_list("pk", flat=True)
    return own | set(children)


def _moderates(user: Any, board_id: int) -> bool:
    return bool(getattr(user, "pk", None)) and user.pk in _rules()["moderators"].get(board_id, ())


def can_view_board(user: Any, board: Board) -> bool:
    if permissions.is_moderator(user) or _moderates(user, board.pk):
        return True
    row = _board_row(user, board)
    return row[0] if row else True


def hidden_board_ids(user: Any) -> set[int]:
    """Boards this reader may not view, from the cached rules (no query once warm)."""
    if permissions.is_moderator(user):
        return set()
    keys = _group_keys(user)
    hidden = set()
    for board_id, rows in _rules()["rows"].items():
        row = next((rows[key] for key in keys if key in rows), None)
        if row is None:
            row = NOTHING if _restricted(rows, guest=keys == [GUESTS]) else None
        if row is not None and not row[0] and not _moderates(user, board_id):
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
