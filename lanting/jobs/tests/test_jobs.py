"""The job interface: retries with backoff, the failed-jobs list, the schedule, the worker."""

import datetime as dt
import os

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lanting.jobs import schedule
from lanting.jobs.models import FailedJob, ScheduledRun
from lanting.jobs.queue import job, retry_delay

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
FLAKY_KEY = "test:flaky:calls"


@job(attempts=3, backoff=0)
def flaky(fail_times: int) -> str:
    calls = cache.get(FLAKY_KEY, 0) + 1
    cache.set(FLAKY_KEY, calls)
    if calls <= fail_times:
        raise ConnectionError(f"mail server away (call {calls})")
    return f"done after {calls}"


def flaky_results():
    return DBTaskResult.objects.filter(task_path__endswith=".flaky")


def _run_worker() -> None:
    call_command("worker", burst=True, interval=0)


def test_backoff_doubles_from_the_first_delay_and_stops_at_an_hour():
    assert [retry_delay(n, 30).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(20, 30) == dt.timedelta(hours=1)


@override_settings(TASKS=DATABASE)
def test_a_failing_job_is_tried_again_until_it_succeeds():
    cache.delete(FLAKY_KEY)
    flaky.enqueue(2)
    assert flaky_results().count() == 1  # queued, not run in the caller
    _run_worker()
    results = list(flaky_results().order_by("enqueued_at"))
    assert [r.status for r in results] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert [r.args_kwargs["kwargs"].get("_attempt", 1) for r in results] == [1, 2, 3]
    assert results[-1].return_value == "done after 3"
    assert not FailedJob.objects.exists()


@override_settings(TASKS=DATABASE)
def test_a_job_failing_every_attempt_ends_in_the_failed_list_and_runs_again_from_the_admin(
    admin_user,
):
    cache.delete(FLAKY_KEY)
    flaky.enqueue(5)
    _run_worker()
    failed = FailedJob.objects.get()
    assert failed.task_path.endswith("test_jobs.flaky") and failed.attempts == 3
    assert failed.args == [5] and "mail server away (call 3)" in failed.error
    assert "ConnectionError" in failed.traceback

    # The admin lists it and can run it again (the server is back).
    request = RequestFactory().post("/admin/jobs/failedjob/")
    request.user = admin_user
    request.session = {}
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    cache.set(FLAKY_KEY, 100)  # past the failures: the server is back
    model_admin = admin_site._registry[FailedJob]
    model_admin.run_again(request, FailedJob.objects.all())
    _run_worker()
    assert flaky_results().filter(status="SUCCESSFUL").count() == 1
    assert FailedJob.objects.get().retried_at is not None


def test_the_failed_jobs_list_is_in_the_admin_in_chinese(admin_client):
    page = admin_client.get("/admin/jobs/failedjob/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "失败的任务" in page.content.decode()


@override_settings(TASKS=DATABASE)
def test_each_periodic_job_is_enqueued_once_when_due_whatever_the_number_of_workers():
    now = timezone.now()
    first = schedule.enqueue_due(now)
    assert set(first) == {p.name for p in schedule.PERIODIC}
    assert schedule.enqueue_due(now) == []  # a second worker at the same moment: nothing
    later = now + dt.timedelta(seconds=31)
    # every 30 s; the others less often
    assert sorted(schedule.enqueue_due(later)) == ["flush-read-marks", "flush-views"]
    assert ScheduledRun.objects.get(name="flush-views").last_run_at == later
    names = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert names.count("lanting.pagecache.jobs.flush_views") == 2


@override_settings(TASKS=DATABASE)
def test_the_tick_chain_enqueues_its_successor_and_a_newer_chain_retires_the_old():
    token = schedule.start_ticking()
    _run_worker()  # the tick runs now; the next one waits five seconds
    ticks = DBTaskResult.objects.filter(task_path="lanting.jobs.schedule.tick")
    assert ticks.filter(status="SUCCESSFUL").count() == 1
    waiting = ticks.get(status="READY")
    assert waiting.args_kwargs["args"] == [token]
    assert waiting.run_after > timezone.now()
    schedule.start_ticking()
    assert schedule.tick.call(token) == []  # retired: does nothing, enqueues nothing
    assert ticks.filter(status="READY").count() == 2  # the old waiting one and the new chain


@override_settings(
    TASKS=DATABASE,
    EMAIL_BACKEND="lanting.jobs.mail.QueuedEmailBackend",
    LANTING_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
def test_mail_leaves_through_the_worker_whole():
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        "欢迎",
        "纯文本",
        "站点 <site@example.com>",
        ["a@example.com"],
        headers={"List-Unsubscribe": "<https://example.com/u/1>"},
    )
    message.attach_alternative("<p>网页</p>", "text/html")
    message.attach("note.txt", b"\x00\x01bytes", "application/octet-stream")
    message.send()
    assert mail.outbox == []  # not inside the request
    assert DBTaskResult.objects.get(task_path="lanting.jobs.mail.deliver_mail").status == "READY"
    _run_worker()
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.from_email, sent.to) == (
        "欢迎",
        "纯文本",
        "站点 <site@example.com>",
        ["a@example.com"],
    )
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.com/u/1>"
    assert sent.alternatives[0][0] == "<p>网页</p>"
    assert sent.attachments[0][1] == b"\x00\x01bytes"


@override_settings(
    TASKS=DATABASE,
    EMAIL_BACKEND="lanting.jobs.mail.QueuedEmailBackend",
    LANTING_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
def test_mail_of_a_write_that_was_undone_is_never_sent():
    from django.core.mail import send_mail

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("x", "y", None, ["a@example.com"])
        raise RuntimeError("the registration failed half-way")
    assert not DBTaskResult.objects.exists()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_on_redis_the_worker_runs_jobs_and_their_retries():
    redis_tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=redis_tasks):
        import django_rq

        django_rq.get_queue("default").empty()
        cache.delete(FLAKY_KEY)
        result = flaky.enqueue(1)
        _run_worker()  # attempt 1 fails, attempt 2 is scheduled at once (backoff 0)...
        _run_worker()  # ...and runs
        assert cache.get(FLAKY_KEY) == 2
        assert result.id
        assert not FailedJob.objects.exists()
