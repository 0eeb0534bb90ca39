"""Mail leaves through the worker, never inside the request.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``: it turns each message into JSON and
enqueues ``deliver_mail`` once the transaction commits; the job sends it with the real
backend (``LANTING_EMAIL_BACKEND``: SMTP, a folder, or the console), tried again with
backoff when the mail server is away.
"""

import base64
from collections.abc import Sequence
from email.mime.base import MIMEBase
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from lanting.jobs.queue import enqueue_on_commit, job


def to_json(message: EmailMessage) -> dict[str, Any]:
    attachments = []
    for item in message.attachments:
        if isinstance(item, MIMEBase):
            raise ValueError("MIME parts cannot be queued; attach (name, content, type)")
        name, content, mimetype = item
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([name, base64.b64encode(raw).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def from_json(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, encoded, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(encoded), mimetype)
    return message


@job(attempts=6, backoff=60, queue_name="default")
def deliver_mail(data: dict[str, Any]) -> int:
    connection = get_connection(settings.LANTING_EMAIL_BACKEND, fail_silently=False)
    return connection.send_messages([from_json(data)]) or 0


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            enqueue_on_commit(deliver_mail, to_json(message))
        return len(email_messages)
