"""Cutting the imported text into search terms on every core.

jieba is pure Python: segmenting is most of what indexing a post costs, and one
process uses one core. The pool's processes are forked from the import once the
site's words are loaded; they only cut text (``dictionary.freeze``), never touching
the database connections they inherited. Killed with the import, they end when
their parent's end of the pipe closes.
"""

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.pool import Pool

from lanting.search import dictionary
from lanting.search.text import index_terms

SMALL = 200  # texts cut here rather than sent to the pool


class Segmenters:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.pool: Pool | None = None

    def __call__(self, texts: list[str]) -> list[str]:
        return self.start(texts)()

    def start(self, texts: list[str]) -> Callable[[], list[str]]:
        """Start cutting ``texts`` in the pool; the function returned waits for their terms."""
        if self.processes < 2 or len(texts) < SMALL:
            terms = [index_terms(text) for text in texts]
            return lambda: terms
        if self.pool is None:
            dictionary.ensure_loaded()  # in the parent, so that the children have the words
            self.pool = multiprocessing.get_context("fork").Pool(
                self.processes, initializer=dictionary.freeze
            )
        chunk = max(len(texts) // (4 * self.processes), 16)
        return self.pool.map_async(index_terms, texts, chunksize=chunk).get

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
