"""Turning text into index terms, the same way for documents and for queries.

Chinese has no spaces between words, so runs of Han characters are cut into
words by jieba in search-engine mode (``cut_for_search``: the word and the
shorter dictionary words inside it, so 租房子 is found by 租房 too). Other
runs of letters and digits are words as they are, lower-cased, stripped of
accents and, for English, stemmed (flats → flat). Both backends index the
terms joined by spaces, so SQLite FTS5 and PostgreSQL see exactly the same
words and no user text ever reaches their query parsers.
"""

import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TypeVar

import jieba  # type: ignore[import-untyped]  # no type information shipped
import snowballstemmer  # type: ignore[import-untyped]  # no type information shipped
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lanting.search import dictionary

T = TypeVar("T")

jieba.setLogLevel(logging.WARNING)  # it announces every dictionary load on stderr

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 20
MAX_TERM_CHARS = 64  # longer runs are hashes or base64, never searched for
MAX_INDEXED_CHARS = 100_000  # PostgreSQL keeps positions up to 16,383 anyway

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A run of Han characters, or a run of other letters/digits (no underscore).
_RUNS = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<other>(?:(?![{_HAN}])[^\W_])+)")
# Letters and digits are separate words: "zone2" is found by "zone 2" and back.
_HAN_START = re.compile(f"[{_HAN}]")
_LETTERS_OR_DIGITS = re.compile(r"\d+|[^\W\d_]+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u300c": '"', "\u300d": '"'})


@dataclass(frozen=True)
class Token:
    term: str
    start: int  # offsets into the text as given, not as normalized
    end: int


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


class _EachCharacterNFKC(dict[int, str]):
    """For ``str.translate``: each character as NFKC makes it, worked out once."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = unicodedata.normalize("NFKC", chr(code))
        return folded


_NFKC_EACH = _EachCharacterNFKC()


def _normalize(text: str) -> tuple[str, list[int]]:
    """NFKC (full-width letters and digits become ASCII), with each character's source offset."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, []
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char)
        out.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(out), offsets


@lru_cache(maxsize=65536)  # stemming is the costly part of indexing a post; words repeat
def fold(word: str) -> str:
    """One word as it is indexed: lower case, no accents, English stems."""
    word = word.lower()
    if not word.isascii():
        stripped = "".join(
            c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
        )
        if stripped.isascii():
            word = stripped  # café → cafe; leaves kana, Cyrillic and others alone
    if word.isascii() and word.isalpha():
        word = str(_stemmer().stemWord(word))
    return word


class _RunCache:
    """Han runs already cut, with their words: forum text repeats short runs a lot.

    A run's words depend on the run alone (and the site words: emptied when they
    change). Long runs rarely repeat and are not kept; when full, it starts over.
    """

    MAX_RUNS = 50_000  # of each kind: about 10 MB
    MAX_RUN_CHARS = 40

    def __init__(self) -> None:
        self.words: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self.terms: dict[str, str] = {}  # the run's terms joined by spaces
        self.generation = -1

    def check(self) -> None:
        """Have the current site words in jieba; forget what was cut with others."""
        dictionary.ensure_loaded()
        generation = dictionary.generation()
        if generation != self.generation:
            self.words.clear()
            self.terms.clear()
            self.generation = generation

    def cut(self, run: str) -> tuple[tuple[str, int, int], ...]:
        """The run's terms, with their spans within it (longer ones left out)."""
        return self._kept(self.words, run, lambda words: tuple(words))

    def joined(self, run: str) -> str:
        """The run's terms joined by spaces (for the index: kept apart, without spans)."""
        return self._kept(self.terms, run, lambda words: " ".join(w for w, _s, _e in words))

    def _kept(
        self,
        table: dict[str, T],
        run: str,
        shape: Callable[[Iterator[tuple[str, int, int]]], T],
    ) -> T:
        found = table.get(run)
        if found is None:
            found = shape(
                (str(word), int(start), int(end))
                for word, start, end in jieba.tokenize(run, mode="search")
                if end - start <= MAX_TERM_CHARS
            )
            if len(run) <= self.MAX_RUN_CHARS:
                if len(table) >= self.MAX_RUNS:
                    table.clear()
                table[run] = found
        return found


_runs = _RunCache()


def _cut(run: str) -> tuple[tuple[str, int, int], ...]:
    _runs.check()
    return _runs.cut(run)


def _source_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of the normalized text back to the text as given."""
    if not offsets:
        return start, end
    return offsets[start], offsets[end - 1] + 1


def tokens(text: str) -> Iterator[Token]:
    """Every term of ``text`` in order, with where it was found."""
    normalized, offsets = _normalize(text)
    for run in _RUNS.finditer(normalized):
        base = run.start()
        if run.group("han"):
            for word, start, end in _cut(run.group()):
                yield Token(word, *_source_span(offsets, base + start, base + end))
        else:
            yield from _run_words(run.group(), base, offsets)


def _run_words(run: str, base: int, offsets: list[int]) -> Iterator[Token]:
    for part in _LETTERS_OR_DIGITS.finditer(run):
        if len(part.group()) <= MAX_TERM_CHARS:
            span = _source_span(offsets, base + part.start(), base + part.end())
            yield Token(fold(part.group()), *span)


def index_terms(text: str) -> str:
    """The text as the index stores it: its terms, separated by spaces.

    The terms of ``tokens``, without their spans (a test holds them equal).
    """
    text = text[:MAX_INDEXED_CHARS]
    if not (text.isascii() or unicodedata.is_normalized("NFKC", text)):
        text = text.translate(_NFKC_EACH)  # as _normalize does, character by character
    _runs.check()
    joined = _runs.joined
    terms: list[str] = []
    for han, other in _RUNS.findall(text):
        if han:
            words = joined(han)
            if words:
                terms.append(words)
        else:
            parts = _LETTERS_OR_DIGITS.findall(other)
            terms += [fold(part) for part in parts if len(part) <= MAX_TERM_CHARS]
    return " ".join(terms)


@dataclass
class Query:
    """A member's query: loose terms (all must match) and quoted phrases."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_terms(self) -> set[str]:
        return set(self.terms).union(*self.phrases)

    @property
    def words(self) -> list[str]:
        """Loose terms and phrases as the member might search for them one by one."""
        return [*self.terms, *(" ".join(p) for p in self.phrases)]


def parse_query(raw: str) -> Query:
    """Terms and "quoted phrases" from what the member typed; never raises.

    Everything that is not a letter or a digit is dropped here, so FTS5 or
    tsquery syntax (" * : & | ( NEAR) in the input can only ever be words.
    """
    text = raw[:MAX_QUERY_CHARS].translate(_QUOTES)
    query = Query()
    seen: set[str] = set()
    budget = MAX_QUERY_TERMS
    parts = text.split('"')
    # Odd parts were inside quotes; an unclosed quote's tail counts as loose words.
    if len(parts) % 2 == 0:
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    for number, part in enumerate(parts):
        words = [token.term for token in tokens(part)]
        if number % 2 and len(words) > 1:
            phrase = words[:budget]
            if len(phrase) > 1:
                query.phrases.append(phrase)
                budget -= len(phrase)
            continue
        for word in words:
            if budget <= 0:
                break
            if word not in seen:
                seen.add(word)
                query.terms.append(word)
                budget -= 1
    return query


def highlight(text: str, terms: set[str]) -> SafeString:
    """The whole text, escaped, with the query's terms in <mark>."""
    return _marked(text, _spans(text, terms), 0, len(text))


def snippet(text: str, terms: set[str], *, length: int = 120) -> SafeString:
    """About ``length`` characters around the first match, escaped and marked."""
    spans = _spans(text, terms)
    start = 0 if not spans or len(text) <= length else max(0, spans[0][0] - length // 4)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    body = _marked(text, spans, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308  (escaped piece by piece)


def _spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    if not terms or not text:
        return []
    normalized, offsets = _normalize(text)
    han_terms = [t for t in terms if _HAN_START.match(t)]
    found = []
    for run in _RUNS.finditer(normalized):
        if run.group("other"):
            found += [
                (t.start, t.end)
                for t in _run_words(run.group(), run.start(), offsets)
                if t.term in terms
            ]
    # Chinese terms are marked wherever they occur: cheaper than cutting the
    # text again with jieba, and a reader expects to see every one of them.
    for term in han_terms:
        for match in re.finditer(re.escape(term), normalized):
            found.append(_source_span(offsets, match.start(), match.end()))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        # Touching matches, or matches apart by spaces only ("zone 2"), are one mark.
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    out: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    return mark_safe("".join(out))  # noqa: S308  (every piece of text is escaped)
