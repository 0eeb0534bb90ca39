"""The Content-Security-Policy a guest's kept page is served with, made once per worker.

The policy is the same for every page (no page needs a nonce: none has inline script), so
a hit adds one constant header instead of running django-csp's middleware. It is added at
each hit, not kept with the page, so a page kept before the policy changed goes out under
the new one.
"""

from functools import cache
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.core.signals import setting_changed
from django.dispatch import receiver

# What django-csp adds to a rendered page: left out of what is kept with it.
POLICY_HEADERS = frozenset({HEADER.lower(), HEADER_REPORT_ONLY.lower()})


@cache
def policy_headers() -> tuple[tuple[str, str], ...]:
    """(name, value) of the policy headers the settings ask for: enforced, report-only, both."""
    found = []
    if enforced := build_policy():
        found.append((HEADER, enforced))
    if reported := build_policy(report_only=True):
        found.append((HEADER_REPORT_ONLY, reported))
    return tuple(found)


@receiver(setting_changed)
def _policy_changed(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        policy_headers.cache_clear()
