"""Cache invalidation only."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lanting.forum.models import Board, BoardPermission, Section
from lanting.forum.permissions import forget_rules


@receiver([post_save, post_delete], sender=BoardPermission)
@receiver(m2m_changed, sender=Board.moderators.through)
def forget_rules_on_change(**kwargs: Any) -> None:
    forget_rules()


@receiver([post_save, post_delete], sender=Board)
@receiver([post_save, post_delete], sender=Section)
def forget_boards_on_change(**kwargs: Any) -> None:
    forget_rules()
