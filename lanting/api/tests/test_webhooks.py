"""Webhooks: signed payloads for new threads, replies and members, tried again when they fail."""

import hashlib
import hmac
import json

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from lanting.api import webhooks
from lanting.api.models import Webhook, WebhookDelivery
from lanting.forum.services import create_thread, reply_to_thread
from lanting.jobs.models import FailedJob

pytestmark = pytest.mark.django_db


class Receiver:
    """Stands in for the owner's server: answers with the codes given, in turn."""

    def __init__(self, *codes: int | Exception) -> None:
        self.codes = list(codes)
        self.calls: list[tuple[str, bytes, dict[str, str]]] = []

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        self.calls.append((url, body, headers))
        code = self.codes.pop(0) if self.codes else 200
        if isinstance(code, Exception):
            raise code
        return code


@pytest.fixture
def hook(db):
    return Webhook.objects.create(
        url="https://hooks.example.com/lanting",
        events=["thread.created", "post.created", "member.created"],
        secret="s3cret",
    )


@pytest.fixture
def receiver(monkeypatch):
    received = Receiver()
    monkeypatch.setattr(webhooks, "post_json", received)
    return received


def test_a_new_thread_is_sent_signed_once_it_commits(
    hook, receiver, forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = create_thread(
            board=forum["public"], author=forum["author"], title="新主题", body="内容"
        )
    url, body, headers = receiver.calls[-1]
    assert url == hook.url
    payload = json.loads(body)
    assert payload["event"] == "thread.created"
    assert payload["data"]["id"] == thread.pk and payload["data"]["title"] == "新主题"
    timestamp = headers["X-Lanting-Timestamp"]
    expected = hmac.new(b"s3cret", timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["X-Lanting-Signature"] == f"sha256={expected}"
    assert headers["X-Lanting-Event"] == "thread.created"
    delivery = WebhookDelivery.objects.get(event="thread.created")
    assert delivery.status == "delivered" and delivery.response_code == 200
    assert delivery.attempts == 1


def test_replies_and_members_are_sent_to_hooks_that_listen(
    hook, receiver, forum, make_member, django_capture_on_commit_callbacks
):
    quiet = Webhook.objects.create(url="https://other.example.com/", events=["member.created"])
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_thread(thread=forum["thread"], author=forum["author"], body="回复")
        make_member("newcomer")
    events = sorted((d.webhook_id, d.event) for d in WebhookDelivery.objects.all())
    assert events == [
        (hook.pk, "member.created"),
        (hook.pk, "post.created"),
        (quiet.pk, "member.created"),
    ]


def test_an_undone_write_sends_nothing(hook, receiver, forum, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        create_thread(board=forum["public"], author=forum["author"], title="撤回", body="x")
        raise RuntimeError
    assert not WebhookDelivery.objects.exists() and not receiver.calls


def test_a_failed_delivery_is_logged_and_tried_again_until_it_succeeds(hook, monkeypatch):
    received = Receiver(500, OSError("connection refused"), 200)
    monkeypatch.setattr(webhooks, "post_json", received)
    delivery = WebhookDelivery.objects.create(webhook=hook, event="thread.created", payload={})
    with pytest.raises(webhooks.DeliveryError):
        webhooks.deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("retrying", 1, 500)
    assert delivery.last_error == "HTTP 500"
    with pytest.raises(webhooks.DeliveryError):
        webhooks.deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and "connection refused" in delivery.last_error
    webhooks.deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("delivered", 3, "")


DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DATABASE)
def test_the_queue_retries_later_each_time_and_gives_up_after_the_last_attempt(hook, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(webhooks, "post_json", Receiver(*([503] * webhooks.ATTEMPTS)))
    delivery = WebhookDelivery.objects.create(webhook=hook, event="post.created", payload={})
    waits = []
    for attempt in range(1, webhooks.ATTEMPTS + 1):
        before = timezone.now()
        with pytest.raises(webhooks.DeliveryError):
            webhooks.deliver.call(delivery.pk, _attempt=attempt)  # as the worker runs it
        retry = DBTaskResult.objects.order_by("-enqueued_at").first()
        if attempt < webhooks.ATTEMPTS:
            assert retry is not None and retry.args_kwargs["kwargs"]["_attempt"] == attempt + 1
            waits.append((retry.run_after - before).total_seconds())
            retry.delete()
        else:
            assert retry is None  # no more tries: kept as a failed job for the admin
    assert waits == sorted(waits) and waits[0] >= 29 and waits[1] >= 59
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == webhooks.ATTEMPTS
    assert delivery.response_code == 503
    assert FailedJob.objects.filter(task_path__endswith="deliver").exists()


def test_the_delivery_log_is_in_the_admin(admin_client, hook):
    WebhookDelivery.objects.create(
        webhook=hook, event="post.created", payload={}, status="failed", last_error="HTTP 500"
    )
    page = admin_client.get("/admin/api/webhookdelivery/").content.decode()
    assert "post.created" in page or "新回复" in page
    change = admin_client.get(f"/admin/api/webhook/{hook.pk}/change/").content.decode()
    assert f"/admin/api/webhookdelivery/?webhook__id__exact={hook.pk}" in change
    assert admin_client.get("/admin/api/webhook/add/").status_code == 200


@pytest.fixture
def report_hook(db):
    return Webhook.objects.create(
        url="https://hooks.example.com/reports", events=["report.created"], secret="r3port"
    )


def test_a_report_from_the_api_is_sent_with_its_queue_entry(
    report_hook, receiver, forum, member, as_member, django_capture_on_commit_callbacks
):
    post = forum["thread"].posts.get(position=1)
    with django_capture_on_commit_callbacks(execute=True):
        made = as_member(member).post(
            "/api/reports",
            {"target": "post", "id": post.pk, "reason": "spam", "text": "广告"},
            content_type="application/json",
        )
    assert made.status_code == 201
    url, body, headers = receiver.calls[-1]
    assert url == report_hook.url and headers["X-Lanting-Event"] == "report.created"
    expected = hmac.new(
        b"r3port", headers["X-Lanting-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Lanting-Signature"] == f"sha256={expected}"
    data = json.loads(body)["data"]
    assert data["reason"] == "spam" and data["text"] == "广告"
    assert data["reporter"]["username"] == "reader"
    assert data["target"]["type"] == "post" and data["target"]["id"] == post.pk
    assert data["target"]["title"] == "伦敦租房指南"
    assert data["report_count"] == 1


def test_a_report_from_the_page_is_sent_too_and_a_messages_words_stay_home(
    report_hook, receiver, forum, member, client, django_capture_on_commit_callbacks
):
    from lanting.messages.services import start_conversation

    conversation = start_conversation(
        author=forum["author"], to="reader", subject="私密主题", body="私密内容"
    )
    message = conversation.messages.get()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/report/pm.message/{message.pk}/", {"reason": "abuse", "text": "骚扰"}
        )
    assert response.status_code == 302
    data = json.loads(receiver.calls[-1][1])["data"]
    assert data["target"]["type"] == "message" and data["target"]["id"] == message.pk
    assert data["target"]["title"] == data["target"]["excerpt"] == ""
    assert "私密" not in receiver.calls[-1][1].decode()
    assert WebhookDelivery.objects.get().event == "report.created"


def test_the_admin_offers_the_report_event_in_chinese(admin_client):
    page = admin_client.get("/admin/api/webhook/add/").content.decode()
    assert "新举报" in page
    assert "每当有人举报帖子、评论、私信或个人资料时" in page
    assert "report.created" in page
