import zoneinfo
from collections.abc import Callable
from functools import cache, cached_property, lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.cache import cache as shared_cache
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

USERNAME_MAX_LENGTH = 15


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class MemberGroup(models.Model):
    """A Discuz!-style user group: a system group, a special group, or a rank by credits."""

    class Kind(models.TextChoices):
        SYSTEM = "system", _("System")
        SPECIAL = "special", _("Special")
        RANK = "rank", _("Rank by credits")

    class Code(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        SUPER_MODERATOR = "super_moderator", _("Super moderator")
        MODERATOR = "moderator", _("Moderator")
        BANNED_POST = "banned_post", _("Banned from posting")
        BANNED_VISIT = "banned_visit", _("Banned from visiting")
        NEW_MEMBER = "new_member", _("New member")
        MEMBER = "member", _("Member")

    name = models.CharField(_("name"), max_length=40)
    name_en = models.CharField(_("English name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SPECIAL)
    code = models.CharField(
        _("system code"), max_length=20, choices=Code.choices, blank=True, default=""
    )
    min_credits = models.IntegerField(
        _("credits from"), default=0, help_text=_("Rank groups: members reach it at this total.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    can_visit = models.BooleanField(_("may visit"), default=True)
    can_post = models.BooleanField(_("may start threads"), default=True)
    can_reply = models.BooleanField(_("may reply"), default=True)
    can_comment = models.BooleanField(_("may comment on articles"), default=True)
    can_upload = models.BooleanField(_("may upload files"), default=True)
    upload_max_kb = models.PositiveIntegerField(_("largest upload (KB)"), default=2048)
    is_moderator = models.BooleanField(
        _("moderates every board"), default=False, help_text=_("Administrators, super moderators.")
    )
    can_message = models.BooleanField(
        _("may start private conversations"),
        default=True,
        help_text=_("Replying in a conversation one was invited to is always allowed."),
    )
    conversations_per_day = models.PositiveSmallIntegerField(
        _("new conversations a day"),
        default=0,
        help_text=_("At most this many new private conversations in 24 hours; 0: no limit."),
    )
    # Anti-spam, as Discuz!'s floodctrl, newbiespan and the groups' review settings.
    # Staff and moderators are never held by them.
    flood_seconds = models.PositiveIntegerField(
        _("seconds between posts"), default=15, help_text=_("0: no wait (Discuz!: floodctrl).")
    )
    threads_per_hour = models.PositiveIntegerField(
        _("new threads per hour"), default=0, help_text=_("0: no cap.")
    )
    review_first_posts = models.PositiveSmallIntegerField(
        _("first posts reviewed"),
        default=0,
        help_text=_("A member's first N posts wait in the review queue. 0: none."),
    )
    newcomer_posts = models.PositiveSmallIntegerField(
        _("new member until posts"),
        default=0,
        help_text=_("A member is new until they have this many posts (0: not counted)."),
    )
    newcomer_days = models.PositiveSmallIntegerField(
        _("new member until days"),
        default=0,
        help_text=_("… or until this many days after registering (0: not counted)."),
    )
    newcomer_links_reviewed = models.BooleanField(
        _("new members' posts with links are reviewed"), default=False
    )
    newcomer_no_links = models.BooleanField(_("new members may not post links"), default=False)
    newcomer_no_images = models.BooleanField(_("new members may not post images"), default=False)
    newcomer_no_signature = models.BooleanField(
        _("new members may not have a signature"), default=False
    )
    newcomer_posts_per_day = models.PositiveSmallIntegerField(
        _("new members' posts per day"), default=0, help_text=_("0: no cap.")
    )

    class Meta:
        verbose_name = _("member group")
        verbose_name_plural = _("member groups")
        ordering = ["kind", "min_credits", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="accounts_group_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


@lru_cache(maxsize=4096)
def _profile_url(prefix: str, username: str) -> str:
    """A member's page: in every member's account box, so worked out once per name."""
    return reverse("accounts:profile", kwargs={"username": username})


@receiver(setting_changed)
def _urls_changed(setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _profile_url.cache_clear()


class User(AbstractUser):
    """A member. Custom from the start so the model can grow freely."""

    username = models.CharField(
        _("username"),
        max_length=USERNAME_MAX_LENGTH,
        unique=True,
        help_text=_("3 to 15 characters: letters (Chinese too), digits and @/./+/-/_."),
        validators=[UnicodeUsernameValidator()],
        error_messages={"unique": _("This username is already taken.")},
    )
    display_name = models.CharField(_("display name"), max_length=40, blank=True)
    email_verified = models.BooleanField(_("email verified"), default=True)
    is_approved = models.BooleanField(
        _("approved"), default=True, help_text=_("Registrations awaiting approval are not.")
    )
    avatar_large = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    avatar_medium = models.ImageField(upload_to="avatars/", blank=True, editable=False)
    avatar_small = models.ImageField(upload_to="avatars/", blank=True, editable=False)
    signature = models.TextField(_("signature"), max_length=500, blank=True)
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    location = models.CharField(_("location"), max_length=60, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, blank=True, help_text=_("Empty: the site's time zone.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    last_visit = models.DateTimeField(_("last visit"), null=True, blank=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    credits = models.IntegerField(_("credits"), default=0)
    group = models.ForeignKey(
        MemberGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A system or special group; empty: the rank group by credits."),
    )
    group_expires_at = models.DateTimeField(
        _("group expires at"), null=True, blank=True, help_text=_("Empty: never.")
    )
    group_reason = models.CharField(_("reason for the group"), max_length=255, blank=True)
    rank = models.ForeignKey(
        MemberGroup,
        verbose_name=_("rank"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="accounts_user_email_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return _profile_url(get_script_prefix(), self.username)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    @cached_property
    def account_counts(self) -> dict[str, int]:
        """The numbers in the account box, unread notices and conversations: one cache read."""
        from lanting.messages import selectors as messages
        from lanting.notifications import selectors as notices
        from lanting.pagecache import requestmemo

        counted: dict[str, tuple[str, Callable[[int], int]]] = {
            "notifications": (notices.unread_key(self.pk), notices.count_unread),
            "messages": (messages.unread_key(self.pk), messages.count_unread),
        }
        found = requestmemo.cached_many([key for key, _count in counted.values()])
        counts: dict[str, int] = {}
        for name, (key, count) in counted.items():
            if key in found:
                counts[name] = int(found[key])
            else:
                counts[name] = count(self.pk)
                shared_cache.set(key, counts[name], 3600)
        return counts

    def account_count_keys(self) -> list[str]:
        """The cache keys ``account_counts`` reads: a page may fetch them with others."""
        from lanting.messages import selectors as messages
        from lanting.notifications import selectors as notices

        return [notices.unread_key(self.pk), messages.unread_key(self.pk)]

    @property
    def unread_notifications(self) -> int:
        """The number on the bell in the account box."""
        return self.account_counts["notifications"]

    @property
    def unread_messages(self) -> int:
        """The number beside the inbox link: conversations with something unread."""
        return self.account_counts["messages"]

    @property
    def current_group(self) -> MemberGroup | None:
        """The group that decides what the member may do now.

        A system or special group holds until it expires (a ban "lifts itself"
        at its end time without any job running); then the rank group counts.
        """
        if self.group_id is not None and (
            self.group_expires_at is None or self.group_expires_at > timezone.now()
        ):
            return self.group
        return self.rank


class CreditEntry(models.Model):
    """One line of the credit ledger: the totals are always the sum of these."""

    class Reason(models.TextChoices):
        THREAD = "thread", _("Started a thread")
        REPLY = "reply", _("Replied")
        COMMENT = "comment", _("Commented")
        LIKED = "liked", _("Was liked")
        ADJUSTMENT = "adjustment", _("Adjusted by staff")
        IMPORT = "import", _("Imported")

    member = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="credit_entries"
    )
    amount = models.IntegerField(_("amount"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    reference = models.CharField(_("for"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("credit entry")
        verbose_name_plural = _("credit ledger")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["member", "-created_at"], name="accounts_credit_member_idx")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.amount:+d} ({self.reason})"
