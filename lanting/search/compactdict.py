"""jieba's dictionary in a compact trie, so that each worker holds 2 MB, not 60.

jieba keeps its 349,046 words, and every prefix of each, as a Python dict of
some 500,000 strings: about 60 MB in every process that cuts text, which is
every app-server worker (replies are indexed as they are written). Here the
words live in a MARISA trie (the ``marisa-trie`` package) in a 2 MB file,
mapped into memory and shared by all processes; the site's own words sit in a
small dict on top. The cut is the same, word for word: the trie answers the
same questions (is this a word, how frequent), and ``get_DAG`` asks it for all
the words starting at a position in one call instead of one probe per length.

The trie file is built once per jieba dictionary, in a child process (the
build reads the whole dictionary into memory, which a worker would keep), and
cached beside the site's other files.
"""

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import threading
import types
from array import array
from pathlib import Path
from typing import Any

import jieba  # type: ignore[import-untyped]  # no type information shipped
import marisa_trie  # type: ignore[import-not-found]  # no type information shipped
from django.conf import settings

log = logging.getLogger(__name__)
_lock = threading.Lock()


class CompactFrequencies:
    """The mapping jieba reads as ``Tokenizer.FREQ``: the trie, and added words over it."""

    def __init__(self, trie: Any, frequencies: "array[int]") -> None:
        self.trie = trie  # word -> id
        self.frequencies = frequencies  # id -> how often jieba's corpus has the word
        self.added: dict[str, int] = {}
        self._added_lengths: set[int] | None = None
        self._counted = 0  # how many added entries the lengths were worked out from

    @property
    def added_lengths(self) -> set[int]:
        """The lengths of the added words (not their prefixes), worked out again after a change."""
        if self._added_lengths is None or self._counted != len(self.added):
            self._added_lengths = {len(word) for word, n in self.added.items() if n}
            self._counted = len(self.added)
        return self._added_lengths

    def get(self, word: str, default: int | None = None) -> int | None:
        value = self.added.get(word)
        if value is not None:
            return value
        index = self.trie.get(word)
        return default if index is None else self.frequencies[index]

    def __contains__(self, word: object) -> bool:
        return word in self.added or word in self.trie

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __setitem__(self, word: str, frequency: int) -> None:
        self.added[word] = frequency
        self._added_lengths = None


LONGEST = 64  # jieba's dictionary has no longer word; site words are shorter still


def _get_dag(tokenizer: Any, sentence: str) -> dict[int, list[int]]:
    """jieba's ``get_DAG``: for each position, where each word starting there ends."""
    frequencies: CompactFrequencies = tokenizer.FREQ
    prefixes = frequencies.trie.prefixes
    added = frequencies.added
    lengths = frequencies.added_lengths
    dag: dict[int, list[int]] = {}
    for start in range(len(sentence)):
        text = sentence[start : start + LONGEST]
        ends = {start + len(word) - 1 for word in prefixes(text) if added.get(word, 1)}
        for length in lengths:
            if len(text) >= length and added.get(text[:length]):
                ends.add(start + length - 1)
        dag[start] = sorted(ends) if ends else [start]
    return dag


def _source() -> Path:
    """jieba's own dictionary file, as its default tokenizer would read it."""
    return Path(jieba.dt.dictionary or Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)


def _trie_path() -> Path:
    source = _source()
    stamp = hashlib.sha1(
        f"{source}:{source.stat().st_size}:{source.stat().st_mtime_ns}".encode(),
        usedforsecurity=False,
    ).hexdigest()[:12]
    return Path(settings.VAR_DIR) / "cache" / f"jieba-{stamp}.marisa"


def build(source: str, target: str) -> None:
    """Write the trie of ``source`` (a jieba dictionary file) to ``target``, atomically."""
    with open(source, encoding="utf-8") as lines:
        entries = [(word, int(n)) for word, n, *_ in (line.split(" ") for line in lines)]
    trie = marisa_trie.Trie(word for word, _ in entries)
    frequencies = array("Q", bytes(8 * len(trie)))
    for word, n in entries:
        frequencies[trie[word]] = n
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(handle)
    trie.save(temporary)
    with open(temporary + ".freq", "wb") as out:
        frequencies.tofile(out)
    os.replace(temporary + ".freq", target + ".freq")
    os.replace(temporary, target)


def _open_trie() -> CompactFrequencies:
    path = _trie_path()
    if not path.exists() or not Path(f"{path}.freq").exists():
        subprocess.run(  # noqa: S603  (our own module, paths we made)
            [sys.executable, "-m", "lanting.search.compactdict", str(_source()), str(path)],
            check=True,
        )
    trie = marisa_trie.Trie()
    trie.mmap(str(path))
    frequencies = array("Q")
    with open(f"{path}.freq", "rb") as stored:
        frequencies.frombytes(stored.read())
    return CompactFrequencies(trie, frequencies)


def install() -> None:
    """Give jieba's default tokenizer the trie instead of its dict (once per process)."""
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return
    with _lock:
        if tokenizer.initialized:
            return
        try:
            frequencies = _open_trie()
        except (OSError, subprocess.CalledProcessError) as error:
            # A read-only var folder, say: jieba's own dictionary still cuts the same words.
            log.warning("jieba's compact dictionary is unavailable (%s); using jieba's own", error)
            tokenizer.initialize()
            return
        tokenizer.FREQ = frequencies
        tokenizer.total = sum(frequencies.frequencies)
        tokenizer.get_DAG = types.MethodType(_get_dag, tokenizer)
        tokenizer.initialized = True


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
