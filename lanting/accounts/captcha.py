"""The registration captcha: a proof-of-work puzzle the browser solves (ALTCHA).

The site hands out a signed challenge; the widget (``accounts/altcha.min.js``,
ALTCHA's own, MIT) finds the number that solves it in a web worker and puts the
proof in the form; the form checks the proof with the ``altcha`` library and
spends it, so one proof registers one member. Nothing leaves the site: no
third-party service, no pictures to read. Owners switch it on in the site
settings.
"""

import datetime as dt
import json

import altcha
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lanting.core.selectors import site_settings

ALGORITHM = "PBKDF2/SHA-256"
COST = 1_000  # iterations a try; about 256 tries: well under a second on a phone
LIFETIME = dt.timedelta(minutes=20)
SPENT_KEY = "accounts:captcha:spent:{signature}"


def enabled() -> bool:
    return bool(site_settings().registration_captcha)


def _secret() -> str:
    return salted_hmac("lanting.accounts.captcha", "challenge").hexdigest()


def new_challenge() -> dict[str, object]:
    challenge = altcha.create_challenge(
        ALGORITHM, COST, expires_at=timezone.now() + LIFETIME, hmac_secret=_secret()
    )
    return challenge.to_dict()


def check(payload: str) -> bool:
    """Whether the proof is right, fresh and not used before (it is used now)."""
    if not payload or len(payload) > 4000:
        return False
    try:
        result = altcha.verify_solution(payload, _secret())
        signature = altcha.Payload.from_base64(payload).challenge.signature
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return False
    if not result.verified or not signature:
        return False
    return bool(cache.add(SPENT_KEY.format(signature=signature), 1, LIFETIME.total_seconds()))
