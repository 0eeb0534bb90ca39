from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PostVote(models.Model):
    """One member's 支持 or 反对 on one post: at most one, held by the database."""

    class Attitude(models.IntegerChoices):
        SUPPORT = 1, pgettext_lazy("post vote", "Support")
        AGAINST = -1, pgettext_lazy("post vote", "Against")

    post = models.ForeignKey(
        "forum.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="post_votes",
    )
    attitude = models.SmallIntegerField(_("vote"), choices=Attitude.choices)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("post vote")
        verbose_name_plural = _("post votes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="reactions_postvote_once"),
            models.CheckConstraint(
                condition=Q(attitude__in=[1, -1]), name="reactions_postvote_attitude"
            ),
        ]
        indexes = [models.Index(fields=["member", "-created_at"], name="reactions_vote_member_idx")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.get_attitude_display()} {self.post_id}"


class ArticleMood(models.Model):
    """One member's mood (表态) on one article: one per member and article, as in Discuz!."""

    # Discuz!'s article clicks (pre_home_click, idtype 'aid') in their default order;
    # the number is which clickN counter of the article it moves.
    class Mood(models.IntegerChoices):
        PASSING_BY = 1, pgettext_lazy("article mood", "Passing by")  # 路过
        SHOCKING = 2, pgettext_lazy("article mood", "Shocking")  # 雷人
        HANDSHAKE = 3, pgettext_lazy("article mood", "Handshake")  # 握手
        FLOWERS = 4, pgettext_lazy("article mood", "Flowers")  # 鲜花
        EGGS = 5, pgettext_lazy("article mood", "Eggs")  # 鸡蛋

    article = models.ForeignKey(
        "portal.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="moods"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="article_moods",
    )
    mood = models.PositiveSmallIntegerField(_("mood"), choices=Mood.choices)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("article mood")
        verbose_name_plural = _("article moods")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="reactions_mood_once"),
            models.CheckConstraint(
                condition=Q(mood__gte=1, mood__lte=5), name="reactions_mood_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.get_mood_display()} {self.article_id}"


MOOD_ICONS = {
    ArticleMood.Mood.PASSING_BY: "🚶",
    ArticleMood.Mood.SHOCKING: "⚡",
    ArticleMood.Mood.HANDSHAKE: "🤝",
    ArticleMood.Mood.FLOWERS: "💐",
    ArticleMood.Mood.EGGS: "🥚",
}
