"""Making, checking and revoking personal API tokens."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts.models import User
from lanting.api.models import ApiToken

TOKEN_PREFIX = "lt_"  # noqa: S105  (a marker that names our tokens, not a secret)
MAX_TOKENS = 20  # live tokens per member: enough for every bot, few enough to review
LAST_USED_EVERY = 300  # seconds: "last used" is written at most this often


def _digest(token: str) -> str:
    # The secret part is 256 random bits: a fast hash is enough (nothing to guess).
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plain: str  # shown once, never stored


def create_token(*, member: User, name: str, scope: str) -> NewToken:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if len(name) > 60:
        raise ValidationError({"name": _("A name can be at most 60 characters long.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read, or read and write.")})
    if ApiToken.objects.filter(member=member, revoked_at=None).count() >= MAX_TOKENS:
        raise ValidationError(
            _("You have %(max)d tokens already: revoke one first.") % {"max": MAX_TOKENS}
        )
    for _try in range(5):
        prefix = secrets.token_hex(4)
        plain = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    member=member, name=name, scope=scope, prefix=prefix, hashed=_digest(plain)
                )
        except IntegrityError:  # the same prefix drawn twice: draw again
            continue
        return NewToken(token, plain)
    raise ValidationError(_("Could not make a token just now. Try again."))


def revoke_token(*, member: User, token_id: int) -> bool:
    """Revoke one of ``member``'s tokens; False when there was no such live token."""
    return bool(
        ApiToken.objects.filter(pk=token_id, member=member, revoked_at=None).update(
            revoked_at=timezone.now()
        )
    )


def prefix_of(plain: str) -> str | None:
    if not plain.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, rest = plain[len(TOKEN_PREFIX) :].partition("_")
    if len(prefix) != 8 or not rest or len(plain) > 200:
        return None
    return prefix


def token_for(plain: str) -> ApiToken | None:
    """The live token ``plain`` names, with its member; None for anything else."""
    prefix = prefix_of(plain)
    if prefix is None:
        return None
    token = (
        ApiToken.objects.select_related("member", "member__group", "member__rank")
        .filter(prefix=prefix, revoked_at=None)
        .first()
    )
    if token is None or not hmac.compare_digest(token.hashed, _digest(plain)):
        return None
    if not token.member.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def live_tokens_of(member: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(member=member, revoked_at=None))
