"""A private message can be reported by those it was sent to; the word filter holds here too."""

import pytest
from django.core.exceptions import ValidationError

from lanting.messages import services
from lanting.messages.models import Message
from lanting.moderation.models import CensorWord, QueueEntry
from lanting.moderation.wordfilter import words_changed
from lanting.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam(make_member):
    sender, receiver = make_member("seller"), make_member("buyer")
    conversation = services.start_conversation(
        author=sender, to="buyer", subject="好货", body="加我微信买便宜手表"
    )
    return sender, receiver, conversation.messages.get()


def test_the_receiver_reports_and_staff_remove_it_with_a_reason(
    client, spam, make_member, django_capture_on_commit_callbacks
):
    sender, receiver, message = spam
    client.force_login(receiver)
    page = client.get(message.conversation.get_absolute_url()).content.decode()
    assert f"/report/pm.message/{message.pk}/" in page
    assert client.post(f"/report/pm.message/{message.pk}/", {"reason": "spam"}).status_code == 302
    entry = QueueEntry.objects.get(kind="report")
    staff = make_member("owner", is_staff=True)
    client.force_login(staff)
    assert "加我微信" in client.get("/moderation/queue/?kind=report").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/moderation/queue/{entry.pk}/", {"action": "remove", "reason": "广告"}
        )
    assert response.status_code == 302
    assert not Message.objects.filter(pk=message.pk).exists()
    told = Notification.objects.get(recipient=sender, kind="post_removed")
    assert told.text == "广告"
    assert Notification.objects.filter(recipient=receiver, kind="report_done").exists()


def test_the_sender_has_no_report_link_and_outsiders_cannot_report(client, spam, make_member):
    sender, _receiver, message = spam
    client.force_login(sender)
    page = client.get(message.conversation.get_absolute_url()).content.decode()
    assert f"/report/pm.message/{message.pk}/" not in page
    client.force_login(make_member("stranger"))
    response = client.post(f"/report/pm.message/{message.pk}/", {"reason": "spam"})
    assert response.status_code in {403, 404}
    assert not QueueEntry.objects.exists()


def test_banned_words_refuse_a_message_and_replacements_are_made(make_member):
    CensorWord.objects.create(find="代办", action=CensorWord.Action.BANNED)
    CensorWord.objects.create(find="傻瓜", action=CensorWord.Action.REPLACE, replacement="**")
    words_changed()
    sender, _receiver = make_member("a1"), make_member("b1")
    with pytest.raises(ValidationError, match="代办"):
        services.start_conversation(author=sender, to="b1", body="专业代办证件")
    with pytest.raises(ValidationError, match="代办"):
        services.start_conversation(author=sender, to="b1", subject="代办", body="你好")
    assert not Message.objects.exists()
    conversation = services.start_conversation(author=sender, to="b1", body="你这个傻瓜")
    assert conversation.messages.get().body == "你这个**"
