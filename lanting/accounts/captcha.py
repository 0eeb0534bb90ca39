"""The captcha: a proof-of-work puzzle the browser solves (ALTCHA).

The site hands out a signed challenge; the widget (``accounts/altcha.min.js``,
ALTCHA's own, MIT) finds the number that solves it in a web worker and puts the
proof in the form; the form checks the proof with the ``altcha`` library and
spends it, so one proof registers one member (or sends one post). Nothing leaves
the site: no third-party service, no pictures to read. Owners switch it on in the
site settings: for registering, and for members with fewer posts than a number
when they post (Discuz!'s seccode ``minposts``; ``required_to_post``).
"""

import datetime as dt
import json

import altcha
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lanting.accounts.models import User
from lanting.accounts.permissions import is_moderator
from lanting.core.selectors import site_chrome, site_settings


class ProofNeededError(ValidationError):
    """A post refused until the member proves they are a person (code ``captcha``).

    The page shows the widget with the message; the API, which has no widget, says
    ``api_message`` instead.
    """

    def __init__(self, message: str, *, api_message: str) -> None:
        super().__init__(message, code="captcha")
        self.api_message = api_message


ALGORITHM = "PBKDF2/SHA-256"
COST = 1_000  # iterations a try; about 256 tries: well under a second on a phone
LIFETIME = dt.timedelta(minutes=20)
SPENT_KEY = "accounts:captcha:spent:{signature}"


def enabled() -> bool:
    return bool(site_settings().registration_captcha)


def posting_threshold() -> int:
    """Members with fewer posts than this solve the captcha when they post (0: nobody)."""
    value = site_chrome().get("posting_captcha_posts")
    return value if isinstance(value, int) else 0


def required_to_post(member: User) -> bool:
    """Whether this member must prove they are a person to post; staff and moderators never."""
    threshold = posting_threshold()
    if not threshold or member.post_count >= threshold:
        return False
    return not is_moderator(member)


def serves_challenges() -> bool:
    return enabled() or bool(posting_threshold())


def _secret() -> str:
    return salted_hmac("lanting.accounts.captcha", "challenge").hexdigest()


def new_challenge() -> dict[str, object]:
    challenge = altcha.create_challenge(
        ALGORITHM, COST, expires_at=timezone.now() + LIFETIME, hmac_secret=_secret()
    )
    return challenge.to_dict()


def check(payload: str) -> bool:
    """Whether the proof is right, fresh and not used before (it is used now)."""
    return spend(payload)


def is_valid(payload: str) -> bool:
    """Whether the proof is right, fresh and not used yet (it is not used by asking)."""
    signature = _verified_signature(payload)
    return bool(signature) and cache.get(SPENT_KEY.format(signature=signature)) is None


def spend(payload: str) -> bool:
    """Use a proof ``is_valid`` passed; False when another request used it first."""
    signature = _verified_signature(payload)
    if not signature:
        return False
    return bool(cache.add(SPENT_KEY.format(signature=signature), 1, LIFETIME.total_seconds()))


def _verified_signature(payload: str) -> str:
    if not payload or len(payload) > 4000:
        return ""
    try:
        result = altcha.verify_solution(payload, _secret())
        signature = altcha.Payload.from_base64(payload).challenge.signature
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return ""
    return str(signature or "") if result.verified else ""


def shown_to(member: object, refusal: Exception | None = None) -> bool:
    """Whether a posting form shows the widget: to members who must solve it, and after a
    refusal that solving it would lift (a new member's link). Nobody else loads its script."""
    if isinstance(refusal, ProofNeededError):
        return True
    return isinstance(member, User) and member.is_authenticated and required_to_post(member)
