"""What a write pays for work moved to the worker: a reply (search indexing) and a new
thread with a picture (its thumbnail), with jobs run in the request (``immediate``, as
before) and queued for the worker (``database``, the embedded default).

    .venv/bin/python bench/write_cost_bench.py [--replies 200] [--pictures 20]

A throw-away SQLite site; the median milliseconds per write through the forum's services.
"""

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replies", type=int, default=200)
    parser.add_argument("--pictures", type=int, default=20)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lanting-write-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="lanting.settings",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        LANTING_VAR_DIR=str(folder),
        LANTING_LOG_LEVEL="ERROR",
        LANTING_FLOOD_CONTROL="0",
    )
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test.utils import override_settings
    from PIL import Image

    call_command("migrate", verbosity=0)
    from lanting.accounts.models import User
    from lanting.accounts.services import rank_for
    from lanting.forum import services
    from lanting.forum.models import Board, Section

    board = Board.objects.create(section=Section.objects.create(name="B"), name="B", slug="b")
    body = "伦敦华人社区周末活动：泰晤士河边散步，然后去唐人街吃饭。" * 8
    photo = io.BytesIO()
    Image.effect_noise((2000, 1500), 60).convert("RGB").save(photo, "JPEG", quality=90)

    def member(name: str) -> User:
        user = User(username=name, email=f"{name}@example.com", rank=rank_for(1000), credits=1000)
        user.set_unusable_password()
        user.save()
        return user

    print(f"{'jobs':<10} {'reply ms':>9} {'thread+picture ms':>18}")
    for backend in ("immediate", "database"):
        path = {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[backend]
        with override_settings(TASKS={"default": {"BACKEND": path, "QUEUES": ["default"]}}):
            author = member(f"a_{backend}")
            thread = services.create_thread(board=board, author=author, title="T", body=body)
            replies = []
            for n in range(options.replies):
                started = time.perf_counter()
                services.reply_to_thread(thread=thread, author=author, body=f"{body} {n}")
                replies.append(time.perf_counter() - started)
            threads = []
            for n in range(options.pictures):
                upload = SimpleUploadedFile("p.jpg", photo.getvalue(), content_type="image/jpeg")
                started = time.perf_counter()
                services.create_thread(
                    board=board, author=author, title=f"P{n}", body="图", uploads=[upload]
                )
                threads.append(time.perf_counter() - started)
        print(
            f"{backend:<10} {statistics.median(replies) * 1000:>9.1f}"
            f" {statistics.median(threads) * 1000:>18.1f}"
        )


if __name__ == "__main__":
    main()
