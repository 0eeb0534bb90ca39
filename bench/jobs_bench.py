"""How fast jobs go in and come out: enqueue rate, and the worker's rate, per backend.

    .venv/bin/python bench/jobs_bench.py [--jobs 2000] [--redis redis://127.0.0.1:6379/0]

The database backend runs on a throw-away SQLite file (the embedded default); the Redis
backend, when --redis is given, on that Redis (its queue is emptied first). The job is
``clear_sessions`` (one DELETE), so the figures are the queue's cost plus a small query.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--redis", default="")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lanting-jobs-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lanting.settings",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        LANTING_VAR_DIR=str(folder),
        LANTING_LOG_LEVEL="ERROR",
    )
    if options.redis:
        os.environ["REDIS_URL"] = options.redis
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    from lanting.jobs.housekeeping import clear_sessions

    backends = {"database": "django_tasks_db.DatabaseBackend"}
    if options.redis:
        backends["redis"] = "django_tasks_rq.RQBackend"
    rows = []
    for name, backend in backends.items():
        with override_settings(TASKS={"default": {"BACKEND": backend, "QUEUES": ["default"]}}):
            if name == "redis":
                import django_rq

                django_rq.get_queue("default").empty()
            started = time.perf_counter()
            for _ in range(options.jobs):
                clear_sessions.enqueue()
            enqueued = time.perf_counter() - started
            started = time.perf_counter()
            call_command("worker", burst=True, interval=0)
            ran = time.perf_counter() - started
            rows.append((name, options.jobs / enqueued, options.jobs / ran))
    print(f"{options.jobs} jobs, Python {sys.version.split()[0]}")
    print("| backend | enqueued per second | run per second (one worker) |")
    print("| --- | ---: | ---: |")
    for name, put, run in rows:
        print(f"| {name} | {put:,.0f} | {run:,.0f} |")


if __name__ == "__main__":
    main()
