"""Processes the benchmark starts, and the promise to stop every one of them.

Each child gets a session (and so a process group) of its own, whose id is its
PID: stopping it signals that group by id, which takes the app server's
workers down with their master. Nothing is ever stopped by name.
"""

import atexit
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType

HOST = "127.0.0.1"


class Processes:
    def __init__(self) -> None:
        self.running: dict[int, tuple[str, subprocess.Popen[bytes]]] = {}
        atexit.register(self.stop_all)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._interrupted)

    def _interrupted(self, signum: int, frame: FrameType | None) -> None:
        print(f"\nInterrupted ({signal.Signals(signum).name}): stopping what was started.")
        self.stop_all()
        sys.exit(128 + signum)

    def start(
        self, name: str, command: Sequence[str], *, env: Mapping[str, str], log: Path, cwd: Path
    ) -> subprocess.Popen[bytes]:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as out:
            process = subprocess.Popen(
                list(command),
                env=dict(env),
                cwd=cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.running[process.pid] = (name, process)
        return process

    def stop(self, process: subprocess.Popen[bytes], timeout: float = 10) -> None:
        if process.pid not in self.running:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        # Workers left behind by a master that died first are in the same group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        self.running.pop(process.pid, None)

    def stop_all(self) -> None:
        for _name, process in list(self.running.values()):
            self.stop(process)


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Until the server answers anything at all (a 404 or 500 still means it is up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{url}: the server exited with {process.returncode}.\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310  (our own 127.0.0.1 URL)
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s; see {log}")


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            tasks = Path(f"/proc/{current}/task").iterdir()
            children = [
                int(c)
                for task in tasks
                for c in (task / "children").read_text().split()
                if (task / "children").exists()
            ]
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.extend(children)
        stack.extend(children)
    return found


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def worker_rss(master: int) -> list[float]:
    """VmRSS of the processes serving requests: the master's descendants, else the master."""
    pids = descendants(master) or [master]
    return [round(mb, 1) for mb in (rss_mb(pid) for pid in pids) if mb is not None]
