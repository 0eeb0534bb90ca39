"""Cache invalidation only."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lanting.moderation.models import Ban, CensorWord
from lanting.moderation.selectors import forget_ip_bans
from lanting.moderation.wordfilter import words_changed


@receiver([post_save, post_delete], sender=Ban)
def forget_ip_bans_on_change(**kwargs: Any) -> None:
    forget_ip_bans()


@receiver([post_save, post_delete], sender=CensorWord)
def rebuild_word_filter(**kwargs: Any) -> None:
    words_changed()
