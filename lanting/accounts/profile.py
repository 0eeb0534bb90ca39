"""Sections that apps above ``accounts`` add to a member's profile page.

``accounts`` cannot import portal or forum (dependencies point downward), yet
the profile shows a member's articles, comments and threads. Each of those
apps registers a section in its ``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lanting.accounts.models import User


@dataclass(frozen=True)
class ProfileSection:
    template: str
    context: Callable[[User, Any], dict[str, Any]]  # (member shown, viewer)
    order: int = 0


_sections: list[ProfileSection] = []


def add_profile_section(section: ProfileSection) -> None:
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def sections_for(member: User, viewer: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(s.template, s.context(member, viewer)) for s in _sections]
