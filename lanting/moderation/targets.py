"""What the review queue can hold: each app says how to show, approve and remove its content.

Moderation builds on accounts and knows no forum or portal; the apps above register
their models here when they start (``register``), with plain functions. The queue
keeps a generic target (content type + id), so a later app (private messages) only
registers its model to be reportable.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Described:
    title: str
    excerpt: str
    url: str
    author: Any  # a User, or None
    board_id: int | None  # whose moderators see it (None: staff only)


@dataclass(frozen=True)
class TargetKind:
    describe: Callable[[Any], Described]
    # (object, moderator) -> None; publishes content that waited for review
    approve: Callable[[Any, Any], None] | None
    # (object, moderator, reason) -> None; removes it (recycle bin), telling its author
    remove: Callable[[Any, Any, str], None] | None
    # (object, viewer) -> bool; may this member see it (and so report it)?
    visible_to: Callable[[Any, Any], bool]
    # (object, member) -> bool; may this member act on it in the queue?
    moderated_by: Callable[[Any, Any], bool]


_kinds: dict[str, TargetKind] = {}


def register(model: type[models.Model], kind: TargetKind) -> None:
    _kinds[model._meta.label_lower] = kind


def kind_of(obj: models.Model) -> TargetKind | None:
    return _kinds.get(obj._meta.label_lower)


def kind_for_label(label: str) -> TargetKind | None:
    return _kinds.get(label)


def labels() -> list[str]:
    return list(_kinds)


# member -> ids of the boards they moderate (the forum sets it); staff see everything.
_board_scope: list[Callable[[Any], set[int]]] = []


def set_board_scope(scope: Callable[[Any], set[int]]) -> None:
    _board_scope[:] = [scope]


def boards_moderated_by(member: Any) -> set[int]:
    return _board_scope[0](member) if _board_scope else set()


@dataclass(frozen=True)
class Purger:
    """How an app takes all of a member's content out of sight, and puts it back.

    ``preview(member)``: (label, count, a few titles); ``hide(member, moderator, reason)``:
    the ids hidden; ``restore(ids, moderator)``; ``addresses(member)``: IPs they posted from.
    All run inside the purge's one transaction.
    """

    preview: Callable[[Any], tuple[str, int, list[str]]]
    hide: Callable[[Any, Any, str], list[int]]
    restore: Callable[[list[int], Any], None]
    addresses: Callable[[Any], list[str]]


_purgers: dict[str, Purger] = {}


def preview_lines(bodies: Iterable[str], *, length: int = 60) -> list[str]:
    """Texts as a purge's preview lists them: one line each, runs of space folded, cut short."""
    return [" ".join(body.split())[:length] for body in bodies]


def register_purger(label: str, purger: Purger) -> None:
    _purgers[label] = purger


def purgers() -> dict[str, Purger]:
    return dict(_purgers)
