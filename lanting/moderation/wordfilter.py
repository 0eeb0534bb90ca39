"""The word filter, with Discuz!'s semantics (``pre_common_word``), in one pass over the text.

Plain words (thousands of them on an old site) go into one Aho-Corasick automaton
(pyahocorasick): a text is read once, whatever the number of words. Discuz!'s two
pattern forms, ``/regex/`` and a word with ``{n}`` in it (up to n characters of
anything), are compiled with RE2, whose matching time is linear in the text: no
pattern can make a post hang the site. Patterns that RE2 cannot run, that match the
empty text, or that nest repeats (the ReDoS shape in other engines) are refused in
the admin; a time budget still bounds the patterns' loop, and a text that outruns it
waits for review rather than passing unchecked.

The compiled filter is kept per process and rebuilt when the words change: saving a
word bumps a version number in the shared cache, which every app node reads.

Other apps call ``check(text)``; it returns a ``Verdict``.
"""

import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick
import re2
from django.core.cache import cache
from django.utils.translation import gettext as _

VERSION_KEY = "moderation:words:version"
TEXT_MAX = 200_000  # longer texts are not read through: they wait for review
PATTERN_BUDGET_SECONDS = 0.25
DEFAULT_REPLACEMENT = "**"
_WILDCARD = re.compile(r"\{(\d{1,3})\}")
# A group holding a repeat, itself repeated: (a+)+, (\w*)*, (x{2,})+ ...
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,?\d*\})\)(?:[+*]|\{\d*,?\d*\})")


@dataclass(frozen=True)
class Verdict:
    """What the filter says of a text.

    ``banned``: the {BANNED} words found (refuse the text); ``needs_review``: a {MOD}
    word was found (or the text was too long to check); ``text``: the text with the
    replacement words put in.
    """

    banned: list[str] = field(default_factory=list)
    needs_review: bool = False
    text: str = ""
    review_words: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.banned)

    def refusal(self) -> str:
        return _("Your text contains banned words: %(words)s") % {"words": "、".join(self.banned)}


def _options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = 8 << 20  # a pattern that needs more is refused, not run
    return options


def _compile(pattern: str) -> Any:
    return re2.compile(pattern, options=_options())


def is_regex(find: str) -> bool:
    return len(find) > 2 and find.startswith("/") and find.endswith("/")


def _as_pattern(find: str) -> str | None:
    """The RE2 pattern of a Discuz! word, or None for a plain word (for the automaton)."""
    if is_regex(find):
        return find[1:-1]
    if _WILDCARD.search(find):
        parts = _WILDCARD.split(find)
        return "".join(
            re.escape(part) if index % 2 == 0 else f".{{0,{int(part)}}}"
            for index, part in enumerate(parts)
        )
    return None


def pattern_problem(find: str) -> str | None:
    """Why ``find`` cannot be a filter word, in words for the admin; None if it can."""
    find = find.strip()
    if not find:
        return _("Enter a word or a pattern.")
    pattern = _as_pattern(find)
    if pattern is None:
        return None
    if is_regex(find) and _NESTED_REPEAT.search(pattern):
        return _(
            "This pattern repeats a repeat, such as (a+)+: such patterns can take very "
            "long to match. Write it without the nested repeat."
        )
    try:
        compiled = _compile(pattern)
    except re2.error as error:
        detail = error.args[0] if error.args else ""
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        return _(
            "This is not a pattern the filter can use (%(detail)s). Back-references and "
            "look-arounds are not allowed: they can make matching very slow."
        ) % {"detail": detail or "?"}
    if compiled.search("") is not None:
        return _("This pattern matches an empty text, so it would match every post.")
    return None


@dataclass
class _Compiled:
    version: Any
    automaton: Any  # ahocorasick.Automaton, or None when there are no plain words
    patterns: list[tuple[Any, str, str, str]]  # (compiled, action, replacement, find)


_local = threading.local()
_built: dict[str, _Compiled] = {}
_lock = threading.Lock()


def _current_version() -> Any:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def words_changed() -> None:
    """Every node rebuilds its filter before its next check."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def _build(version: Any) -> _Compiled:
    from lanting.moderation.models import CensorWord

    return compile_words(
        version, CensorWord.objects.values_list("find", "action", "replacement").iterator()
    )


def compile_words(version: Any, rows: Iterable[tuple[str, str, str]]) -> _Compiled:
    """The filter of these (find, action, replacement) rows."""
    automaton = ahocorasick.Automaton()
    patterns: list[tuple[Any, str, str, str]] = []
    for find, action, replacement in rows:
        replacement = replacement or DEFAULT_REPLACEMENT
        pattern = _as_pattern(find)
        if pattern is None:
            key = find.lower()
            if key:
                automaton.add_word(key, (len(key), action, replacement, find))
            continue
        if pattern_problem(find) is None:  # a row written around the admin is skipped
            patterns.append((_compile(pattern), action, replacement, find))
    if len(automaton):
        automaton.make_automaton()
        return _Compiled(version, automaton, patterns)
    return _Compiled(version, None, patterns)


def _filter() -> _Compiled:
    version = _current_version()
    compiled = _built.get("current")
    if compiled is None or compiled.version != version:
        with _lock:
            compiled = _built.get("current")
            if compiled is None or compiled.version != version:
                compiled = _built["current"] = _build(version)
    return compiled


def _lowered(text: str) -> str:
    """The text in lower case, character for character (so offsets stay the same)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def check(text: str) -> Verdict:
    """Read ``text`` once through the filter; see ``Verdict``."""
    if not text:
        return Verdict(text=text)
    if len(text) > TEXT_MAX:
        return Verdict(needs_review=True, text=text)
    return check_with(_filter(), text)


def check_with(compiled: _Compiled, text: str) -> Verdict:
    lowered = _lowered(text)
    banned: list[str] = []
    review: list[str] = []
    replacements: list[tuple[int, int, str]] = []  # start, end, replacement

    def found(action: str, start: int, end: int, replacement: str, find: str) -> None:
        if action == "banned":
            if find not in banned:
                banned.append(find)
        elif action == "mod":
            if find not in review:
                review.append(find)
        else:
            replacements.append((start, end, replacement))

    if compiled.automaton is not None:
        for end_index, (length, action, replacement, find) in compiled.automaton.iter(lowered):
            found(action, end_index - length + 1, end_index + 1, replacement, find)
    over_budget = False
    deadline = time.monotonic() + PATTERN_BUDGET_SECONDS
    for pattern, action, replacement, find in compiled.patterns:
        if time.monotonic() > deadline:
            over_budget = True
            break
        if action == "replace":
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    found(action, match.start(), match.end(), replacement, find)
        elif pattern.search(text) is not None:
            found(action, 0, 0, replacement, find)
    return Verdict(
        banned=banned,
        needs_review=bool(review) or over_budget,
        text=_replace(text, replacements),
        review_words=review,
    )


def _replace(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """Put replacements in, leftmost first and the longest at each place; overlaps skipped."""
    if not replacements:
        return text
    replacements.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[str] = []
    position = 0
    for start, end, replacement in replacements:
        if start < position:
            continue
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


def check_all(*texts: str) -> tuple[Verdict, list[str]]:
    """Several fields of one submission (a title and a body): one verdict, each text replaced."""
    verdicts = [check(text) for text in texts]
    banned: list[str] = []
    review: list[str] = []
    for verdict in verdicts:
        banned.extend(word for word in verdict.banned if word not in banned)
        review.extend(word for word in verdict.review_words if word not in review)
    merged = Verdict(
        banned=banned,
        needs_review=any(v.needs_review for v in verdicts),
        text="",
        review_words=review,
    )
    return merged, [verdict.text for verdict in verdicts]
