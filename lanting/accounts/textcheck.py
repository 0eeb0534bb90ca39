"""The check of words members choose for themselves (names, signatures).

The word filter lives in the moderation app, which builds on accounts; it plugs its
check in here when it starts (``set_checker``), so accounts needs no import of it.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

# text -> (refused words, words that need review, the text with replacements)
Checker = Callable[[str], tuple[list[str], list[str], str]]
_checker: list[Checker] = []


def set_checker(checker: Checker) -> None:
    _checker[:] = [checker]


def name_refusal(name: str) -> str | None:
    """A member name may hold no filtered word at all: it cannot wait for review."""
    if not _checker or not name:
        return None
    banned, review, replaced = _checker[0](name)
    words = [*banned, *review]
    if not words:
        return None if replaced == name else _("This name contains a word that is not allowed.")
    return _("This name contains a word that is not allowed: %(words)s") % {
        "words": "、".join(words)
    }


def checked_text(text: str) -> tuple[str | None, str]:
    """(a refusal or None, the text with the filter's replacements) for a signature."""
    if not _checker or not text:
        return None, text
    banned, review, replaced = _checker[0](text)
    words = [*banned, *review]
    if words:
        return _("Your text contains banned words: %(words)s") % {"words": "、".join(words)}, text
    return None, replaced
