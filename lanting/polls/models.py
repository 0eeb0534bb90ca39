"""Polls (投票) on threads, and ratings (评分) of posts.

A poll belongs to the thread it opens. One ballot per member and poll is held by a
UNIQUE constraint, so two tabs voting at once count once; each chosen option is a
``Vote`` row under the ballot, itself unique per member and option. The counts on
the poll and its options move in the same transaction as the votes.

Ratings come over from Discuz! (``pre_forum_ratelog``): who gave how much of which
credit to a post, and why. They live here rather than in the forum app so the
forum's tables stay as they are; the credits themselves are already in the
members' totals (Discuz! added them when the rating was given).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OPTIONS_MIN = 2
OPTIONS_MAX = 20
OPTION_MAX_LENGTH = 100


class Poll(models.Model):
    class Results(models.TextChoices):
        ALWAYS = "always", _("Always")
        AFTER_VOTE = "after_vote", _("Only after voting")
        AFTER_END = "after_end", _("Only once voting is over")

    thread = models.OneToOneField(
        "forum.Thread", verbose_name=_("thread"), on_delete=models.CASCADE, related_name="poll"
    )
    multiple = models.BooleanField(_("multiple choice"), default=False)
    max_choices = models.PositiveSmallIntegerField(
        _("choices allowed"), default=1, help_text=_("How many options a voter may pick.")
    )
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty: never.")
    )
    results = models.CharField(
        _("results shown"), max_length=12, choices=Results.choices, default=Results.ALWAYS
    )
    voters_public = models.BooleanField(_("voters shown"), default=False)
    allow_change = models.BooleanField(_("votes may be changed"), default=False)
    is_closed = models.BooleanField(_("closed"), default=False)
    voter_count = models.PositiveIntegerField(_("voters"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set once the end time has passed and the pages showing the poll were renewed.
    end_announced = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["end_announced", "ends_at"], name="polls_poll_end_idx")]

    def __str__(self) -> str:
        return str(self.thread)

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"thread_id": self.thread_id}) + "#poll"

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return self.ends_at is not None and self.ends_at <= (now or timezone.now())

    def is_over(self, now: dt.datetime | None = None) -> bool:
        """Voting is over: the poll was closed or its end time has passed."""
        return self.is_closed or self.has_ended(now)


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="options"
    )
    text = models.CharField(_("option"), max_length=OPTION_MAX_LENGTH)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    votes = models.PositiveIntegerField(_("votes"), default=0)

    class Meta:
        verbose_name = _("poll option")
        verbose_name_plural = _("poll options")
        ordering = ["poll", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "order"], name="polls_option_order_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Ballot(models.Model):
    """A member's vote in one poll: one per member, whatever the race."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="ballots"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("voted at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["poll", "member"], name="polls_ballot_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.poll_id}"


class Vote(models.Model):
    """One option chosen on a ballot."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(
        PollOption, verbose_name=_("option"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # Also the index the thread page reads a reader's choices through.
            models.UniqueConstraint(
                fields=["poll", "member", "option"], name="polls_vote_once_per_option"
            )
        ]
        indexes = [models.Index(fields=["option", "-id"], name="polls_vote_option_idx")]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.poll_id}: {self.option_id}"


class PostRating(models.Model):
    """评分: credits a member gave a post, and why (carried over from Discuz!)."""

    post = models.ForeignKey(
        "forum.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="ratings"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rater_name = models.CharField(_("rated by (name)"), max_length=40)
    credit = models.CharField(_("credit"), max_length=40, help_text=_("e.g. 威望, 金钱, 贡献"))
    score = models.IntegerField(_("score"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("post rating")
        verbose_name_plural = _("post ratings")
        ordering = ["post", "created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"], name="polls_rating_post_idx")]

    def __str__(self) -> str:
        return f"{self.rater_name} → {self.post_id}: {self.credit} {self.score:+d}"
