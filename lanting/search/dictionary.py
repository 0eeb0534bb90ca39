"""The site's own words (代购, 包邮, 押一付三, place and shop names) in jieba's dictionary.

jieba's dictionary is global to the process, and every process (each app node,
each worker) must cut text the same way. The words are loaded lazily; a
version number in the shared cache tells the other processes, within a few
seconds, that an admin changed them, and each then reloads from the database.
"""

import hashlib
import threading
import time
import uuid

import jieba  # type: ignore[import-untyped]  # no type information shipped
from django.core.cache import cache

from lanting.search import compactdict
from lanting.search.models import DictionaryWord

VERSION_KEY = "search:dictionary-version"
CHECK_SECONDS = 2.0  # how stale another process's change may be seen


class _State:
    def __init__(self) -> None:
        self.version: str | None = None
        self.checked_at = 0.0
        # Each word we added, with the frequency jieba had for it before (0: none),
        # so that removing a site word never removes one of jieba's own.
        self.words: dict[str, int] = {}
        self.signature = ""
        self.frozen = False
        self.generation = 0  # how many times the words were loaded


_state = _State()
_lock = threading.RLock()


def ensure_loaded() -> None:
    """Have the current site words in jieba (a cache look-up every few seconds at most)."""
    if _state.frozen:
        return
    if _state.version is not None and time.monotonic() - _state.checked_at < CHECK_SECONDS:
        return
    with _lock:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY) or "unknown"
        if version != _state.version:
            _load(list(DictionaryWord.objects.values_list("word", flat=True)))
            _state.version = version
        _state.checked_at = time.monotonic()


def signature() -> str:
    """Changes whenever the site words change: part of each document's fingerprint."""
    ensure_loaded()
    return _state.signature


def generation() -> int:
    """Changes whenever the words in jieba change (what was cut before may cut otherwise)."""
    return _state.generation


def freeze() -> None:
    """Keep the words loaded now and never look at the cache or the database again.

    For a process forked only to cut text (the importer's segmenters), from a
    parent that has just called ``ensure_loaded``: the connections it inherited
    belong to its parent and must not be used.
    """
    _state.frozen = True


def words_changed() -> None:
    """Call after adding or removing site words: this process reloads now, others soon."""
    with _lock:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
        _load(list(DictionaryWord.objects.values_list("word", flat=True)))
        _state.version = version
        _state.checked_at = time.monotonic()


def forget() -> None:
    """Take every site word out of jieba again (tests start from jieba's own dictionary)."""
    with _lock:
        _load([])
        _state.version = None
        _state.checked_at = 0.0


def _load(words: list[str]) -> None:
    compactdict.install()
    _state.generation += 1
    wanted = set(words)
    for word in list(_state.words):
        if word not in wanted:
            original = _state.words.pop(word)
            if original:
                jieba.add_word(word, freq=original)
            else:
                jieba.del_word(word)
    for word in sorted(wanted - set(_state.words)):
        _state.words[word] = int(jieba.dt.FREQ.get(word) or 0)
        jieba.add_word(word)
    joined = "\n".join(sorted(wanted))
    _state.signature = (
        hashlib.sha1(joined.encode(), usedforsecurity=False).hexdigest()[:12] if wanted else ""
    )
