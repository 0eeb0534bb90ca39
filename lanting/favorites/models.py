from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Favorite(models.Model):
    """收藏: a thread, an article or a board a member keeps; once each, held by the database."""

    class Kind(models.TextChoices):
        THREAD = "thread", pgettext_lazy("favourite kind", "Threads")
        ARTICLE = "article", pgettext_lazy("favourite kind", "Articles")
        BOARD = "board", pgettext_lazy("favourite kind", "Boards")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="favorites",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    thread = models.ForeignKey(
        "forum.Thread",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    article = models.ForeignKey(
        "portal.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    board = models.ForeignKey(
        "forum.Board",
        verbose_name=_("board"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("kept at"), default=timezone.now)

    class Meta:
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="favorites_thread_once"),
            models.UniqueConstraint(fields=["member", "article"], name="favorites_article_once"),
            models.UniqueConstraint(fields=["member", "board"], name="favorites_board_once"),
            models.CheckConstraint(
                condition=(
                    Q(kind="thread", thread__isnull=False, article=None, board=None)
                    | Q(kind="article", article__isnull=False, thread=None, board=None)
                    | Q(kind="board", board__isnull=False, thread=None, article=None)
                ),
                name="favorites_one_item",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "kind", "-created_at"], name="favorites_member_idx")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.item}"

    @property
    def item(self) -> models.Model | None:
        return self.thread or self.article or self.board
