from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.crypto import get_random_string

from lanting.jobs.queue import backend_kind
from lanting.jobs.schedule import enqueue_due, start_ticking


class Command(BaseCommand):
    help = (
        "Run the background jobs (mail, view counts, clean-ups) and the periodic schedule. "
        "Run one or more beside the app server; on Redis, on any node."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst", action="store_true", help="run the jobs that are ready, then stop"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, burst = backend_kind(), options["burst"]
        if kind == "immediate":
            self.stdout.write("LANTING_JOBS=immediate: jobs run in the request; no worker needed.")
            return
        if burst:
            enqueue_due()
        else:
            start_ticking()
            self.stdout.write(f"Lanting worker: jobs on {kind}; Ctrl-C stops it.")
        if kind == "database":
            from django_tasks_db.management.commands.db_worker import Worker

            worker = Worker(
                queue_names=["default"],
                interval=options["interval"],
                batch=burst,
                backend_name="default",
                startup_delay=not burst,
                max_tasks=None,
                worker_id=get_random_string(32),
                excluded_queue_names=[],
            )
            if not burst:
                worker.configure_signals()
            worker.run()
        else:
            import django_rq
            from django_tasks_rq import Job

            rq_worker = django_rq.get_worker("default", job_class=Job)
            rq_worker.work(with_scheduler=True, burst=burst, logging_level="WARNING")
