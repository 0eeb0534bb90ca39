"""The posting captcha beyond the forum: article comments and private messages."""

import altcha
import pytest

from lanting.accounts import captcha
from lanting.core.models import SiteSettings
from lanting.core.selectors import forget_site_chrome
from lanting.messages.models import Message
from lanting.portal.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def captcha_below_3(db):
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.posting_captcha_posts = 3
    site.save()
    forget_site_chrome()


def solved() -> str:
    challenge = altcha.Challenge.from_dict(captcha.new_challenge())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


def test_a_comment_needs_the_proof_and_keeps_its_text_when_refused(
    client, article, member, captcha_below_3
):
    client.force_login(member)
    url = f"/article/{article.pk}/"
    assert "<altcha-widget" in client.get(url).content.decode()
    refused = client.post(f"{url}comment/", {"body": "写得真好，谢谢"})
    html = refused.content.decode()
    assert refused.status_code == 400 and "证明你是真人" in html and "写得真好，谢谢" in html
    assert not Comment.objects.exists()
    sent = client.post(f"{url}comment/", {"body": "写得真好", "altcha": solved()})
    assert sent.status_code == 302
    assert Comment.objects.filter(author=member).count() == 1


def test_the_article_page_loads_no_captcha_for_staff_or_with_the_setting_off(
    client, article, publisher, member
):
    client.force_login(member)
    assert "altcha" not in client.get(f"/article/{article.pk}/").content.decode()
    SiteSettings.objects.filter(pk=1).update(posting_captcha_posts=3)
    forget_site_chrome()
    client.force_login(publisher)  # staff
    assert "altcha" not in client.get(f"/article/{article.pk}/").content.decode()
    response = client.post(f"/article/{article.pk}/comment/", {"body": "站长留言"})
    assert response.status_code == 302


def test_a_private_message_and_its_answer_need_the_proof(
    client, member, make_member, captcha_below_3
):
    make_member("bob", post_count=10)
    client.force_login(member)
    data = {"to": "bob", "subject": "你好", "body": "周末一起吃饭？", "markup": "bbcode"}
    page = client.get("/messages/new/").content.decode()
    assert "<altcha-widget" in page
    refused = client.post("/messages/new/", data)
    assert refused.status_code == 400 and "周末一起吃饭？" in refused.content.decode()
    assert not Message.objects.exists()
    sent = client.post("/messages/new/", {**data, "altcha": solved()})
    assert sent.status_code == 302
    url = sent["Location"]
    answer = client.post(url, {"body": "再说一句", "markup": "bbcode"})
    assert answer.status_code == 400 and "再说一句" in answer.content.decode()
    again = client.post(url, {"body": "再说一句", "markup": "bbcode", "altcha": solved()})
    assert again.status_code == 302
    assert Message.objects.count() == 2
