"""Jobs asked for while Redis (the queue) does not answer run in the request instead."""

import socket

import pytest
from django.test.utils import override_settings

from lanting.jobs.models import FailedJob
from lanting.jobs.queue import job
from lanting.pagecache import outage

pytestmark = pytest.mark.django_db(transaction=True)

RAN: list[str] = []
FALLBACK = {
    "default": {"BACKEND": "lanting.jobs.backends.FallbackRQBackend", "QUEUES": ["default"]}
}


@job()
def note(value: str) -> None:
    RAN.append(value)


@job(attempts=3, backoff=30)
def always_fails() -> None:
    raise RuntimeError("the mail server refused it")


@pytest.fixture
def queue_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue's Redis is a port nobody listens on."""
    import django_rq.settings

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0?socket_connect_timeout=0.2"
    monkeypatch.setitem(django_rq.settings.QUEUES, "default", {"URL": url, "DEFAULT_TIMEOUT": 60})


@override_settings(TASKS=FALLBACK)
def test_a_job_runs_at_once_when_its_queue_is_away(queue_away):
    RAN.clear()
    note.enqueue("the welcome mail")
    assert RAN == ["the welcome mail"]
    assert outage.down_since() is not None  # noticed, and the next ones skip Redis at once
    note.enqueue("a second mail")
    assert RAN == ["the welcome mail", "a second mail"]


@override_settings(TASKS=FALLBACK)
def test_a_job_that_keeps_failing_meanwhile_ends_in_the_failed_jobs_list(queue_away):
    always_fails.enqueue()
    failed = FailedJob.objects.get(task_path__endswith=".always_fails")
    assert failed.attempts == 3
    assert "refused" in failed.error
