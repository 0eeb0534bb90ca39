import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Ban(models.Model):
    """A ban of a member (from posting or visiting) or of an IP range, as in Discuz!'s 小黑屋."""

    class Kind(models.TextChoices):
        POST = "post", _("Banned from posting")
        VISIT = "visit", _("Banned from visiting")
        IP = "ip", _("IP range banned")

    kind = models.CharField(_("ban type"), max_length=10, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bans",
    )
    ip_range = models.CharField(
        _("IP range"),
        max_length=50,
        blank=True,
        help_text=_("An address or a network such as 203.0.113.0/24."),
    )
    reason = models.CharField(_("reason"), max_length=255)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="bans_given",
    )
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: permanent.")
    )
    previous_group = models.ForeignKey(
        "accounts.MemberGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_("The group the member goes back to when the ban ends."),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["lifted_at", "ends_at"], name="moderation_ban_current_idx"),
            models.Index(fields=["member", "lifted_at"], name="moderation_ban_member_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="ip") & ~Q(ip_range=""))
                | (~Q(kind="ip") & Q(member__isnull=False)),
                name="moderation_ban_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member or self.ip_range}"

    def clean(self) -> None:
        if self.kind == self.Kind.IP:
            try:
                ipaddress.ip_network(self.ip_range.strip(), strict=False)
            except ValueError:
                raise ValidationError({"ip_range": _("Enter an address or a network.")}) from None
        elif self.member_id is None:
            raise ValidationError({"member": _("Choose the member to ban.")})

    @property
    def is_current(self) -> bool:
        return self.lifted_at is None and (self.ends_at is None or self.ends_at > timezone.now())


class ModerationLog(models.Model):
    """Every moderator action, for the admin: who did what to whom, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40)
    target_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor}: {self.action} {self.target}"
