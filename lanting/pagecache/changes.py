"""The embedded default's broadcast: what one worker process changes, every other hears.

Without Redis each worker keeps the cache in its own memory: pages, fragments, the versions
of the tags they rest on, and the values every request reads (chrome, board rules, groups,
IP bans). A change made through one worker (a reply touches ``thread:12``; an admin edits
the navigation) would stay unseen by the others for up to an hour. So each change is also
appended to one small file, ``var/cache/changes.log``, one line a key: its new version, or
``-`` when it was dropped. Every worker, as each request begins, looks at the file's size
(one ``stat``); when it grew, it reads the new lines and applies them to its own memory
before anything is looked up. A worker that finds the file replaced (it is started afresh
when large) cannot know what it missed and forgets everything it kept.

With Redis none of this runs: Redis is the one cache, and its own messages keep the
workers' near copies right (``near``).
"""

import os
import threading
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as local_cache
from django.core.cache.backends.locmem import LocMemCache

LIMIT_BYTES = 4 * 1024 * 1024  # then the file is started afresh (every worker forgets all)


class ChangeLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._inode = 0
        self._offset = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        # From the start: a worker started late takes the versions the others hold
        # (read at its first request), so both give one page the same ETag.
        self._inode, self._offset = os.stat(self.path).st_ino, 0

    def publish(self, changes: dict[str, int | None]) -> None:
        """These keys changed here (a new version; None: dropped): tell the other workers."""
        if not changes:
            return
        lines = "".join(
            f"{key}\t{'-' if value is None else value}\n" for key, value in changes.items()
        )
        with self._lock:
            if os.stat(self.path).st_size > LIMIT_BYTES:
                fresh = self.path.with_suffix(".new")
                fresh.write_text("")
                os.replace(fresh, self.path)  # readers see a new file: they start afresh
            # One write with O_APPEND: whole lines, never interleaved with another worker's.
            data = lines.encode()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                before = os.fstat(fd)
                os.write(fd, data)
                after = os.fstat(fd)
            finally:
                os.close(fd)
            # Caught up and alone in between: skip our own lines (this worker applied them).
            if (
                before.st_ino == self._inode == after.st_ino
                and before.st_size == self._offset
                and after.st_size == before.st_size + len(data)
            ):
                self._offset = after.st_size

    def catch_up(self) -> None:
        """Apply what other workers changed since this one last looked."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return
        if stat.st_ino == self._inode and stat.st_size == self._offset:
            return  # nothing new: the usual case, one stat
        with self._lock:
            if stat.st_ino != self._inode or stat.st_size < self._offset:
                local_cache.clear()  # the file was started afresh: what was missed is unknown
                self._inode, self._offset = stat.st_ino, 0
            with open(self.path, "rb") as file:
                file.seek(self._offset)
                data = file.read()
            complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits
            self._offset += len(complete)
        versions: dict[str, int] = {}
        dropped: list[str] = []
        for line in complete.decode(errors="replace").splitlines():
            key, _, value = line.partition("\t")
            if value == "-":
                dropped.append(key)
                versions.pop(key, None)
            elif value.isdigit():
                versions[key] = int(value)
        if dropped:
            local_cache.delete_many(dropped)
        if versions:
            local_cache.set_many(versions, None)


@cache
def change_log() -> ChangeLog | None:
    """The log, when the cache is each worker's own memory; None with Redis."""
    default = settings.CACHES["default"]["BACKEND"]
    if not default.endswith("LocMemCache") and not isinstance(local_cache, LocMemCache):
        return None
    return ChangeLog(Path(settings.LANTING_CHANGES_FILE))


def publish(changes: dict[str, int | None]) -> None:
    log = change_log()
    if log is not None:
        log.publish(changes)


def catch_up() -> None:
    log = change_log()
    if log is not None:
        log.catch_up()
