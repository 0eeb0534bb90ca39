"""Cache invalidation, and the files of attachment rows that are deleted."""

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lanting.forum.models import Attachment, Board, BoardPermission, Section, Thread
from lanting.forum.permissions import forget_rules
from lanting.forum.services.attachments import remove_stored_files
from lanting.pagecache.tags import touch


@receiver([post_save, post_delete], sender=BoardPermission)
@receiver(m2m_changed, sender=Board.moderators.through)
def forget_rules_on_change(**kwargs: Any) -> None:
    forget_rules()


@receiver([post_save, post_delete], sender=Board)
@receiver([post_save, post_delete], sender=Section)
def forget_boards_on_change(instance: Board | Section, **kwargs: Any) -> None:
    forget_rules()
    if isinstance(instance, Board):
        touch("forum", f"board:{instance.pk}")  # its name, rules and place, on every page
    else:
        boards = Board.objects.filter(section_id=instance.pk).values_list("pk", flat=True)
        touch("forum", *(f"board:{pk}" for pk in boards))


@receiver([post_save, post_delete], sender=Thread)
def forget_thread_on_change(instance: Thread, **kwargs: Any) -> None:
    """A thread saved whole (the admin, say): pages and rows that show it are stale."""
    touch(f"thread:{instance.pk}", f"board:{instance.board_id}")


@receiver(post_delete, sender=Attachment)
def remove_files_of_deleted_attachment(instance: Attachment, **kwargs: Any) -> None:
    """Rows go in a cascade (a post or member deleted in the admin) that no service sees:
    the files (on disk or in the bucket) follow once the deletion commits."""
    transaction.on_commit(lambda: remove_stored_files(instance))
