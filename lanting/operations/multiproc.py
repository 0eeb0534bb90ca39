"""Where the app server's worker processes keep their metrics: one folder per server,
named by the process that started the workers; folders of servers gone are removed."""

import os
import shutil
import sys
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prepare(var_dir: Path) -> None:
    """Point prometheus_client at this server's folder, before it is imported."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    if "prometheus_client" in sys.modules:
        return  # too late: its counters already live in this process alone (tests, shells)
    base = var_dir / "metrics"
    server = base / str(os.getppid())
    server.mkdir(parents=True, exist_ok=True)
    for old in base.iterdir():
        if old.is_dir() and old.name.isdigit() and old != server and not _alive(int(old.name)):
            shutil.rmtree(old, ignore_errors=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(server)
