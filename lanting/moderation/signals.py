"""Cache invalidation only."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lanting.moderation.models import Ban
from lanting.moderation.selectors import forget_ip_bans


@receiver([post_save, post_delete], sender=Ban)
def forget_ip_bans_on_change(**kwargs: Any) -> None:
    forget_ip_bans()
