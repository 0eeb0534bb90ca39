import hashlib
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lanting.accounts.models import User

register = template.Library()

SIZES = {"large": 200, "medium": 96, "small": 48}


@register.simple_tag
def avatar(member: User, size: str = "medium") -> SafeString:
    """The member's picture, or a generated one: their first character on a colour of their own."""
    pixels = SIZES.get(size, 96)
    field = getattr(member, f"avatar_{size}", None)
    if field:
        return format_html(
            '<img class="avatar" src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
            field.url,
            pixels,
            pixels,
            member.shown_name,
        )
    digest = hashlib.sha256(member.username.encode()).digest()
    hue = int.from_bytes(digest[:2], "big") % 360
    initial = (member.shown_name or "?")[0].upper()
    return format_html(
        '<svg class="avatar" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 40 40">'
        '<rect width="40" height="40" rx="6" fill="hsl({}, 45%, 42%)"/>'
        '<text x="20" y="27" text-anchor="middle" font-size="20" fill="#fff">{}</text></svg>',
        member.shown_name,
        pixels,
        pixels,
        hue,
        initial,
    )


@register.simple_tag
def try_again_at() -> SafeString | str:
    """When a login locked out now may be tried again (the lockout's cool-off from now)."""
    from django.conf import settings
    from django.utils import timezone

    from lanting.core.templatetags.dates import when

    return when(timezone.now() + settings.AXES_COOLOFF_TIME)


@register.filter
def title_group(member: User) -> Any:
    """The group a member is labelled with (staff: 管理员, whatever their rank)."""
    from lanting.accounts.services import title_group as group_of

    return group_of(member)


@register.filter
def is_staff_group(group: Any) -> bool:
    """管理员, 超级版主, 版主: the badge that says this person looks after the site."""
    return bool(
        (group and group.kind == "system" and group.is_moderator)
        or (group and group.code == "moderator")
    )


@register.simple_tag
def captcha_words(purpose: str = "register") -> str:
    """The captcha widget's words in the reader's language (captcha.js hands them to it)."""
    import json

    from django.utils.translation import gettext as _

    return json.dumps(
        {
            "label": _("I am a person"),
            "verify": _("Check"),
            "verifying": _("Checking…"),
            "verified": (
                _("Checked: you may post") if purpose == "post" else _("Checked: you may register")
            ),
            "waitAlert": _("Checking… one moment."),
            "verificationRequired": _("Please wait until the check is done."),
            "error": _("The check failed. Try again a little later."),
            "expired": _("The check expired. Tick the box again."),
            "loading": _("Loading…"),
            "reload": _("Again"),
            "cancel": _("Cancel"),
            "footer": _("A puzzle your browser solves; nothing is sent elsewhere."),
            "ariaLinkLabel": "ALTCHA",
        },
        ensure_ascii=False,
    )
