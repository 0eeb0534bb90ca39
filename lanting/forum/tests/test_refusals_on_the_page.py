"""No silent refusals: a refused reply or thread says why beside the form, with the text kept;
the attachment field is offered only to those who may upload."""

import pytest

from lanting.accounts.models import MemberGroup
from lanting.forum.models import Thread

pytestmark = pytest.mark.django_db


def test_a_tampered_format_is_said_with_the_text_kept(client, thread, member):
    client.force_login(member)
    response = client.post(
        f"/thread/{thread.pk}/reply/", {"body": "我写了很长的一段话", "markup": "evil"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "我写了很长的一段话" in html
    assert 'role="alert"' in html and "evil" in html  # Django's "not one of the choices"
    assert thread.posts.count() == 1


def test_a_thread_closed_meanwhile_is_said_with_the_text_kept(client, thread, member):
    client.force_login(member)
    Thread.objects.filter(pk=thread.pk).update(is_closed=True)
    response = client.post(f"/thread/{thread.pk}/reply/", {"body": "晚了一步", "markup": "bbcode"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "晚了一步" in html and "关闭" in html
    assert thread.posts.count() == 1


def test_the_file_field_is_offered_to_those_who_may_upload(client, thread, make_member):
    newcomer = make_member("newbie")
    client.force_login(newcomer)
    assert 'name="attachments"' in client.get(thread.get_absolute_url()).content.decode()
    group = MemberGroup.objects.create(
        name="不能上传", kind=MemberGroup.Kind.SPECIAL, can_upload=False
    )
    barred = make_member("barred", group=group)
    client.force_login(barred)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'class="reply-form"' in page and 'name="attachments"' not in page
    new = client.get(f"/forum/{thread.board.slug}/new/").content.decode()
    assert 'name="title"' in new and 'name="attachments"' not in new


def test_staff_may_upload_whatever_their_rank(client, thread, make_member):
    admin = make_member("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert 'name="attachments"' in client.get(thread.get_absolute_url()).content.decode()


def test_a_refused_reply_is_said_on_the_thread_page_itself(client, thread, member):
    client.force_login(member)
    Thread.objects.filter(pk=thread.pk).update(is_closed=True)
    response = client.post(
        f"/thread/{thread.pk}/reply/", {"body": "晚了一步", "markup": "bbcode", "page": "1"}
    )
    assert response.status_code == 400
    assert "forum/thread.html" in [t.name for t in response.templates]
    html = response.content.decode()
    first = thread.posts.get(position=1)
    assert f'id="p{first.position}"' in html and first.body_html in html  # the posts are there
    # The form stays with the text (to copy), the reason above it, scrolled to on arrival.
    assert f'action="/thread/{thread.pk}/reply/#reply"' in html
    assert "晚了一步</textarea>" in html and 'role="alert"' in html


def test_a_reply_with_a_page_past_the_end_falls_back_to_the_last_page(client, thread, member):
    client.force_login(member)
    response = client.post(
        f"/thread/{thread.pk}/reply/", {"body": "", "markup": "bbcode", "page": "99999999999"}
    )
    assert response.status_code == 400
    assert response.context["page"] == thread.last_page
