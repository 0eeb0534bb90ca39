"""Members' profiles in the review queue: a reported profile's own words can be cleared."""

from django.db import transaction

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.moderation import targets
from lanting.moderation.services import log_action
from lanting.pagecache.tags import touch


def _describe(member: User) -> targets.Described:
    words = " · ".join(part for part in (member.display_name, member.signature, member.bio) if part)
    return targets.Described(
        title=member.username,
        excerpt=words[:500],
        url=member.get_absolute_url(),
        author=member,
        board_id=None,
    )


@transaction.atomic
def clear_profile(member: User, moderator: User, reason: str) -> None:
    """Remove what a member wrote about themself (display name, signature, about me)."""
    User.objects.filter(pk=member.pk).update(display_name="", signature="", bio="")
    log_action(
        actor=moderator,
        action="clear_profile",
        member=member,
        target=member.username,
        detail=reason,
    )
    touch(f"member:{member.pk}")


def register_targets() -> None:
    targets.register(
        User,
        targets.TargetKind(
            describe=_describe,
            approve=None,
            remove=clear_profile,
            visible_to=lambda member, viewer: member.is_active,
            moderated_by=lambda member, moderator: permissions.is_moderator(moderator),
        ),
    )
