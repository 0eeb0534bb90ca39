"""Telling the owner's webhooks of new threads, replies, members and reports.

The events come from ``post_save`` signals rather than calls in the services: the
API sits on top of the apps and none of them may import it (DESIGN.md). Each event
is read and sent once its transaction commits (never for a write that was undone),
by a job on the queue that tries again later when the receiver fails.

Each request carries ``X-Lanting-Event``, ``X-Lanting-Delivery``, ``X-Lanting-Timestamp``
and ``X-Lanting-Signature: sha256=<hex>``, the HMAC-SHA256 of ``"<timestamp>.<body>"``
with the webhook's secret: a receiver recomputes it and refuses old timestamps.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone

from lanting.accounts.models import User
from lanting.api.models import Event, Webhook, WebhookDelivery
from lanting.forum.models import Post, Thread
from lanting.jobs.queue import job
from lanting.moderation.models import Report

ATTEMPTS = 6  # 30 s, 1, 2, 4, 8 minutes apart (jobs.queue.retry_delay)
TIMEOUT_SECONDS = 10
USER_AGENT = "Lanting-Webhooks/1"


class DeliveryError(Exception):
    pass


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def post_json(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST ``body``; the response's status code (an HTTP error's too). Mocked in tests."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310  (the owner's own http(s) URL, checked by the model's URLField)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@job(attempts=ATTEMPTS, backoff=30)
def deliver(delivery_id: int) -> None:
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == WebhookDelivery.Status.DELIVERED:
        return
    body = json.dumps(
        {"event": delivery.event, "delivery": delivery.pk, "data": delivery.payload},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Lanting-Event": delivery.event,
        "X-Lanting-Delivery": str(delivery.pk),
        "X-Lanting-Timestamp": timestamp,
        "X-Lanting-Signature": sign(delivery.webhook.secret, timestamp, body),
    }
    delivery.attempts += 1
    code: int | None = None
    error = ""
    try:
        code = post_json(delivery.webhook.url, body, headers)
    except Exception as failure:  # any network failure: logged, tried again
        error = repr(failure)[:2000]
    delivery.response_code = code
    if code is not None and 200 <= code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
    else:
        delivery.last_error = error or f"HTTP {code}"
        last = delivery.attempts >= ATTEMPTS
        delivery.status = WebhookDelivery.Status.FAILED if last else WebhookDelivery.Status.RETRYING
    delivery.save(
        update_fields=["attempts", "response_code", "status", "delivered_at", "last_error"]
    )
    if delivery.status != WebhookDelivery.Status.DELIVERED:
        raise DeliveryError(delivery.last_error)  # the queue tries again, later each time


def announce(event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """One delivery per active webhook that listens for ``event``, each sent by a job."""
    made = []
    for hook in Webhook.objects.filter(is_active=True):
        if event in (hook.events or []):
            made.append(WebhookDelivery.objects.create(webhook=hook, event=event, payload=payload))
    for delivery in made:
        deliver.enqueue(delivery.pk)
    return made


def _thread_payload(thread_id: int) -> dict[str, Any] | None:
    thread = Thread.objects.select_related("board").filter(pk=thread_id).first()
    if thread is None or thread.is_deleted:
        return None
    return {
        "id": thread.pk,
        "title": thread.title,
        "board": {"id": thread.board_id, "slug": thread.board.slug, "name": thread.board.name},
        "author": {"id": thread.author_id, "username": thread.author_name},
        "created_at": thread.created_at.isoformat(),
        "url": thread.get_absolute_url(),
    }


def _thread_created(thread_id: int) -> None:
    if (payload := _thread_payload(thread_id)) is not None:
        announce(Event.THREAD_CREATED, payload)


def _post_created(post_id: int) -> None:
    post = Post.objects.filter(pk=post_id, is_deleted=False).first()
    if post is None or (thread := _thread_payload(post.thread_id)) is None:
        return
    announce(
        Event.POST_CREATED,
        {
            "id": post.pk,
            "position": post.position,
            "thread": thread,
            "author": {"id": post.author_id, "username": post.author_name},
            "markup": post.markup,
            "body": post.body if not post.revealed_html else None,
            "html": post.body_html,
            "created_at": post.created_at.isoformat(),
            "url": post.get_absolute_url(),
        },
    )


def _member_created(member_id: int) -> None:
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return
    announce(
        Event.MEMBER_CREATED,
        {
            "id": member.pk,
            "username": member.username,
            "date_joined": member.date_joined.isoformat(),
            "url": member.get_absolute_url(),
        },
    )


# What can be reported, as the API and report.created name it: the queue's model labels.
REPORTABLE = {
    "post": "forum.post",
    "comment": "portal.comment",
    "message": "pm.message",
    "member": "accounts.user",
}
PRIVATE = {"pm.message"}  # a private message's subject and words stay on the site


def _report_created(report_id: int) -> None:
    report = (
        Report.objects.select_related("entry", "entry__content_type", "reporter")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return
    entry = report.entry
    label = f"{entry.content_type.app_label}.{entry.content_type.model}"
    private = label in PRIVATE
    announce(
        Event.REPORT_CREATED,
        {
            "id": report.pk,
            "reason": report.reason,
            "text": report.text,
            "reporter": {"id": report.reporter_id, "username": report.reporter.username},
            "target": {
                "type": next((k for k, v in REPORTABLE.items() if v == label), label),
                "id": entry.object_id,
                "title": "" if private else entry.title,
                "excerpt": "" if private else entry.excerpt,
                "author_id": entry.author_id,
                "url": entry.url,
            },
            # Reports of one item gather in one queue entry: a receiver can collapse them.
            "queue_entry": entry.pk,
            "report_count": entry.report_count,
            "queue_url": reverse("moderation:queue"),
            "created_at": report.created_at.isoformat(),
        },
    )


LISTENING_KEY = "api:webhooks-listening"


def _listening() -> bool:
    """Is any webhook active? Kept in the cache: a reply costs no query for it."""
    listening: bool | None = cache.get(LISTENING_KEY)
    if listening is None:
        listening = Webhook.objects.filter(is_active=True).exists()
        cache.set(LISTENING_KEY, listening, 3600)
    return listening


def _hooks_changed(sender: type, **kwargs: Any) -> None:
    cache.delete(LISTENING_KEY)


def _on_thread(sender: type, instance: Thread, created: bool, raw: bool, **kwargs: Any) -> None:
    if created and not raw and _listening():
        transaction.on_commit(lambda: _thread_created(instance.pk))


def _on_post(sender: type, instance: Post, created: bool, raw: bool, **kwargs: Any) -> None:
    # The first post comes with its thread: thread.created tells of both.
    if created and not raw and instance.position > 1 and _listening():
        transaction.on_commit(lambda: _post_created(instance.pk))


def _on_member(sender: type, instance: User, created: bool, raw: bool, **kwargs: Any) -> None:
    if created and not raw and _listening():
        transaction.on_commit(lambda: _member_created(instance.pk))


def _on_report(sender: type, instance: Report, created: bool, raw: bool, **kwargs: Any) -> None:
    # Every report is made by the report service (the page's and the API's alike).
    if created and not raw and _listening():
        transaction.on_commit(lambda: _report_created(instance.pk))


def connect() -> None:
    post_save.connect(_hooks_changed, sender=Webhook, dispatch_uid="api-webhooks-changed")
    post_delete.connect(_hooks_changed, sender=Webhook, dispatch_uid="api-webhooks-deleted")
    post_save.connect(_on_thread, sender=Thread, dispatch_uid="api-webhooks-thread")
    post_save.connect(_on_post, sender=Post, dispatch_uid="api-webhooks-post")
    post_save.connect(_on_member, sender=User, dispatch_uid="api-webhooks-member")
    post_save.connect(_on_report, sender=Report, dispatch_uid="api-webhooks-report")
